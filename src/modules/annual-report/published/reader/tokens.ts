import { fold, parseNumber } from './normalize.js';

/**
 * A published report as a stream of tokens: label text, printed numbers, and empty cells
 * (kept, because a blank cell's position can tell which column a lone number is in).
 */
export type Token =
  | { kind: 'text'; text: string; line: number }
  | {
      kind: 'num';
      digits: string;
      value: number;
      line: number;
      decimal: boolean;
      inRow?: boolean;
      /** The cell as printed ("1,234"), where it is more than its digits. */
      printed?: string;
    }
  | { kind: 'empty'; line: number }
  /** The end of a table row printed on one line (`| a | b |`): its cells are one row. */
  | { kind: 'break'; line: number };

const CJK = /[\u3400-\u9fff]/;

/** Splits a line into its cells: `| a | b |` rows, or the whole line as one cell. */
export function cellsOf(line: string): string[] | null {
  const t = line.trim();
  if (t === '') return null;
  if (/^\|?\s*:?-{3,}/.test(t) && /^[|\s:-]+$/.test(t)) return null; // Markdown table rule
  if (!t.includes('|')) return [t];
  if (/^\|+$/.test(t)) return Array.from({ length: Math.max(1, t.length - 1) }, () => '');
  let parts = t.split('|');
  if (t.startsWith('|')) parts = parts.slice(1);
  if (t.endsWith('|')) parts = parts.slice(0, -1);
  return parts.map((p) => p.trim());
}

/** Parenthetical filling instructions ("（指2019年事项数）") carry digits that are not figures. */
function dropInstructions(text: string): string {
  return text.replace(/[（(][^（()）]*?(\d{4}年|如\s*-?\d|单位)[^（()）]*?[）)]/g, '');
}

/**
 * Splits one cell into text and numbers. Handles digits glued to labels, as PDF converters
 * leave them: "00000002.其他法律…" is the value run "0000000" and the label "2.其他法律…".
 */
export function tokenizeCell(cell: string, line: number, out: Token[]): void {
  const raw = fold(cell).trim();
  if (raw === '') {
    out.push({ kind: 'empty', line });
    return;
  }
  const whole = parseNumber(raw);
  // A cell that is one number; digits separated by spaces are separate cells (PDF layout).
  if (whole !== null && /^-?[\d,.]+\s*(元|万元)?$/.test(raw)) {
    const digits = raw.replace(/[^\d.]/g, '');
    out.push({
      kind: 'num',
      digits,
      value: whole,
      line,
      decimal: digits.includes('.'),
      ...(raw !== digits ? { printed: raw } : {}),
    });
    return;
  }
  const text = dropInstructions(raw);
  // digit runs, optionally with a decimal part; a unit 元 may follow
  const re = /\d+(?:\.\d+)?/g;
  let last = 0;
  let pendingText = '';
  let m: RegExpExecArray | null;
  const flushText = (t: string) => {
    pendingText += t;
  };
  const emitText = () => {
    const t = pendingText.trim();
    if (t) out.push({ kind: 'text', text: t, line });
    pendingText = '';
  };
  while ((m = re.exec(text))) {
    let run = m[0];
    const start = m.index;
    const after = text.slice(start + run.length);
    const before = text.slice(0, start);
    flushText(text.slice(last, start));
    last = start + run.length;
    // A year, a date, an ordinal, a percentage, or a label number whose label was cut off
    // ("1." at the end of the text) is text, not a figure.
    if (
      /^[年月日号%％]/.test(after) ||
      /第$/.test(before) ||
      (!run.includes('.') && run.length === 1 && /^[.、]\s*$/.test(after))
    ) {
      flushText(run);
      continue;
    }
    // Label numbering "2.其他…" / "2、其他…": the last digit belongs to the label.
    if (!run.includes('.') && /^[.、]\s*[\u3400-\u9fff“"]/.test(after)) {
      const labelDigit = run.slice(-1);
      run = run.slice(0, -1);
      if (run) {
        emitText();
        out.push({ kind: 'num', digits: run, value: Number(run), line, decimal: false });
      }
      flushText(labelDigit);
      continue;
    }
    // A number inside running prose ("共计 5 件") stays text unless it stands between labels.
    emitText();
    out.push({ kind: 'num', digits: run, value: Number(run), line, decimal: run.includes('.') });
    if (/^\s*(万元|元)/.test(after)) last += after.match(/^\s*(万元|元)/)![0].length;
  }
  flushText(text.slice(last));
  emitText();
  if (!CJK.test(raw) && !/\d/.test(raw)) return;
}

/** Page furniture that PDF text layers interleave with the tables: "-4-", "第 4 页 共 6 页". */
const pageFurniture =
  /^\s*(-\s*\d+\s*-|—\s*\d+\s*—|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)\s*$/;

const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A column number as a heading word has it: 数据1 → 数据一, 列12 → 列十二. */
function numeral(n: number): string {
  if (n <= 10) return CHINESE_NUMERALS[n]!;
  return `${n >= 20 ? CHINESE_NUMERALS[Math.floor(n / 10)] : ''}十${n % 10 ? CHINESE_NUMERALS[n % 10] : ''}`;
}

/** A word with a column number after it, as a cell of its own: 数据1, 列 3, 栏目12. */
const numberedHeading = /([\u3400-\u9fff]{1,6}?)[ \t]?(\d{1,2})(?=$|[\s|,，、])/gmu;

/**
 * Headings that number the columns instead of naming them (text exports print `项目 数据1 数据2 …
 * 数据6`): three or more cells, one after the other, of one word with the numbers counting up
 * by one. Their digits name columns and are no figures: they are written as numerals.
 */
export function unnumberHeadings(lines: string[]): string[] {
  const text = lines.join('\n');
  const hits = [...fold(text).matchAll(numberedHeading)].map((m) => ({
    word: m[1]!,
    n: Number(m[2]),
    start: m.index,
    digitsAt: m.index + m[0].length - m[2]!.length,
    end: m.index + m[0].length,
  }));
  const runs: Array<typeof hits> = [];
  let run: typeof hits = [];
  for (const h of hits) {
    const last = run[run.length - 1];
    const adjacent =
      last &&
      last.word === h.word &&
      h.n === last.n + 1 &&
      /^[\s|,，、]*$/.test(fold(text.slice(last.end, h.start)));
    if (!adjacent) {
      if (run.length >= 3) runs.push(run);
      run = [];
    }
    run.push(h);
  }
  if (run.length >= 3) runs.push(run);
  if (!runs.length) return lines;
  let out = '';
  let at = 0;
  for (const h of runs.flat()) {
    out += `${text.slice(at, h.digitsAt)}${numeral(h.n)}`;
    at = h.end;
  }
  return `${out}${text.slice(at)}`.split('\n');
}

export function tokenize(source: string[], fromLine = 0): Token[] {
  const out: Token[] = [];
  const lines = unnumberHeadings(source);
  for (let i = 0; i < lines.length; i++) {
    if (pageFurniture.test(lines[i]!)) continue;
    const cells = cellsOf(lines[i]!);
    if (!cells) continue;
    const first = out.length;
    for (const c of cells) tokenizeCell(c, fromLine + i + 1, out);
    if (cells.length > 1) {
      for (let k = first; k < out.length; k++) {
        const t = out[k]!;
        if (t.kind === 'num') t.inRow = true;
      }
      out.push({ kind: 'break', line: fromLine + i + 1 });
    }
  }
  return out;
}
