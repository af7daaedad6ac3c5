import { ValidationError } from '../errors.js';

/**
 * One thing wrong with an imported file, placed where the person who made it will look: the row
 * number Excel/WPS shows (header rows counted) or the line of a JSON-lines file, the column letter,
 * and the column's name.
 */
export interface ImportProblem {
  /** 1-based row (or line); null when the problem is the file's as a whole (empty, too large). */
  row: number | null;
  /** Column letter (A, B, …, AA); null when the problem is the row's or the column is missing. */
  column: string | null;
  /** The column's header (or a JSON field's name) as the user knows it; null when there is none. */
  columnLabel: string | null;
  /** Chinese, for the user. */
  message: string;
}

/** `第 N 行 第 X 列（列名）：…`, dropping the parts a problem does not have. */
export function problemText(p: ImportProblem): string {
  if (p.row === null) return p.columnLabel ? `${p.columnLabel}：${p.message}` : p.message;
  const column = p.column ? ` 第 ${p.column} 列` : '';
  const label = p.columnLabel ? `（${p.columnLabel}）` : '';
  return `第 ${p.row} 行${column}${label}：${p.message}`;
}

/** The upload limit (platform/http's multipart fileSize), and so the default for every reader. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Refuses a file larger than `maxBytes` before anything reads it. */
export function refuseOversized(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): void {
  if (bytes.length > maxBytes)
    throw ImportRefused.file(`文件过大（${megabytes(bytes.length)}），不能超过 ${megabytes(maxBytes)}`);
}

/** How many problems the summary message quotes before “共 N 处问题”. */
const QUOTED = 3;
/** How many problems become `fields` (one list item each on the error page). */
const LISTED = 100;
/**
 * How many problems a refusal keeps. A file that is wrong on every row of 200,000 would otherwise
 * hold a million objects only to say the same thing; the count stays exact.
 */
export const KEPT_PROBLEMS = 10_000;

function byRow(a: ImportProblem, b: ImportProblem): number {
  return (a.row ?? 0) - (b.row ?? 0);
}

/**
 * A file refused as a whole: nothing was imported. The one refusal type for every importer.
 *
 * It is a ValidationError so that every door already renders it in Chinese: the HTTP error
 * handler answers 400 with `message` and lists `fields`; `withForm` hands `fields` to the
 * upload form (each on the form's file field); the CLI prints each field and exits 1.
 */
export class ImportRefused extends ValidationError {
  /** The problems, in row order; at most KEPT_PROBLEMS of them. */
  readonly problems: ImportProblem[];
  /** How many problems the file has, including any not kept. */
  readonly total: number;

  constructor(problems: readonly ImportProblem[], opts: { field?: string; total?: number } = {}) {
    const sorted = [...problems].sort(byRow).slice(0, KEPT_PROBLEMS);
    const total = Math.max(opts.total ?? problems.length, sorted.length);
    const field = opts.field ?? 'file';
    const fields = sorted.slice(0, LISTED).map((p) => ({ field, message: problemText(p) }));
    if (total > fields.length) fields.push({ field, message: `另有 ${total - fields.length} 处问题未列出` });
    super(fields);
    this.name = 'ImportRefused';
    this.problems = sorted;
    this.total = total;
    this.message = summary(sorted, total);
  }

  /** A refusal of the file as a whole: empty, too large, not a spreadsheet. */
  static file(message: string, field?: string): ImportRefused {
    return new ImportRefused([{ row: null, column: null, columnLabel: null, message }], { field });
  }
}

function summary(problems: readonly ImportProblem[], total: number): string {
  if (total === 1 && problems[0]) return `${problemText(problems[0])}（未导入任何内容）`;
  const quoted = problems.slice(0, QUOTED).map(problemText).join('；');
  return `${quoted}${total > QUOTED ? '……' : ''}（共 ${total} 处问题，未导入任何内容）`;
}

/**
 * Problems gathered while reading a file, so that every one is reported at once and the file is
 * refused only after the last row has been looked at.
 */
export class ImportProblems {
  private readonly kept: ImportProblem[] = [];
  private counted = 0;

  add(problem: ImportProblem): void {
    this.counted++;
    if (this.kept.length < KEPT_PROBLEMS) this.kept.push(problem);
  }

  get count(): number {
    return this.counted;
  }

  get list(): readonly ImportProblem[] {
    return this.kept;
  }

  /** Throws one ImportRefused holding every problem, if there is any. */
  refuseIfAny(field?: string): void {
    if (this.counted) throw new ImportRefused(this.kept, { field, total: this.counted });
  }
}
