/**
 * Bulk import of published reports (issue 18 deliverable 3, `gongkai report import`): each file
 * is read and checked as the 年报检查 page does (`publishedReports.check`, which keeps the result
 * and audits it), then recorded as an agency's published report for a year
 * (`publishedReports.attach`, audited, checked again against last year's recorded report).
 *
 * Agency and year come from the file where it states them, else from the options. A stated name
 * is matched to the agency tree by `matchAgency` (exact, then the 人民政府 variants; never a
 * guess), and a name the tree does not have refuses the file even when --agency is given: a
 * report that names another body is not this agency's. A year already recorded for the agency
 * refuses the file unless `replace` is set; then the new report takes its place and the outcome
 * names the one it replaced. One file refused never stops the others.
 */
import type { Ctx } from '../../../platform/context.js';
import { isDomainError, ValidationError } from '../../../platform/errors.js';
import { agencies, type Agency } from '../../agencies/index.js';
import * as publishedReports from '../published/published-report.service.js';
import { matchAgency } from './agency-match.js';

export interface ImportFile {
  /** The file as named on the command line. */
  name: string;
  /** Reads its bytes when their turn comes (a folder is not held in memory), or says why it cannot. */
  read(): Uint8Array | { unreadable: string };
}

export interface ImportOptions {
  /** For files that do not state their agency: an agency's id, full name or short name. */
  agency?: string;
  /** For files that do not state their year. */
  year?: number;
  /** Replace a report already recorded for the same agency and year (else that file is refused). */
  replace?: boolean;
}

export type ImportOutcome =
  | {
      file: string;
      recorded: true;
      agency: string;
      year: number;
      /** Where agency and year came from: the file, or the options. */
      agencyFrom: 'file' | 'option';
      yearFrom: 'file' | 'option';
      /** The file name of the report this one replaced. */
      replaced: string | null;
      errors: number;
      warnings: number;
    }
  | { file: string; recorded: false; why: RefusalKind; reason: string };

/** Why a file was not recorded, for the summary. */
export type RefusalKind =
  'unreadable' | 'noAgency' | 'unknownAgency' | 'ambiguousAgency' | 'noYear' | 'alreadyRecorded' | 'invalid';

export const refusalLabels: Record<RefusalKind, string> = {
  unreadable: '无法读取',
  noAgency: '未写明机构',
  unknownAgency: '机构不在本平台',
  ambiguousAgency: '机构无法确定',
  noYear: '未写明年度',
  alreadyRecorded: '该年度已有记录',
  invalid: '不能记录',
};

function refused(file: string, why: RefusalKind, reason: string): ImportOutcome {
  return { file, recorded: false, why, reason };
}

/** A domain error's Chinese message (a refused file), anything else is ours and propagates. */
function reasonOf(e: unknown): string | null {
  if (e instanceof ValidationError) return e.fields.map((f) => f.message).join('；');
  if (isDomainError(e)) return e.message;
  return null;
}

function agencyFor(
  stated: string | null,
  option: Agency | null,
  tree: Agency[],
): { agency: Agency; from: 'file' | 'option' } | { why: RefusalKind; reason: string } {
  if (stated === null || stated.trim() === '') {
    return option
      ? { agency: option, from: 'option' }
      : { why: 'noAgency', reason: '报告未写明机构，也未用 --agency 指定机构' };
  }
  const m = matchAgency(stated, tree);
  if (m.kind === 'found') return { agency: m.agency, from: 'file' };
  if (m.kind === 'ambiguous')
    return {
      why: 'ambiguousAgency',
      reason: `报告写明的机构“${stated}”对应多个机构（${m.candidates.map((a) => a.name).join('、')}），无法确定`,
    };
  return {
    why: 'unknownAgency',
    reason: `报告写明的机构“${stated}”不是本平台的机构（按全称、简称及“人民政府”后缀比对）`,
  };
}

/**
 * Imports the files one by one; `progress` is told before each. The --agency option must name an
 * agency of the platform (checked before any file is read).
 */
export async function importReports(
  ctx: Ctx,
  files: ImportFile[],
  opts: ImportOptions = {},
  progress?: (done: number, total: number, file: string) => void,
): Promise<ImportOutcome[]> {
  if (opts.year !== undefined && (!Number.isInteger(opts.year) || opts.year < 2008 || opts.year > 2100))
    throw ValidationError.one('year', '年度应为 2008—2100 之间的整数');
  const option = opts.agency ? await agencies.resolve(ctx, opts.agency) : null;
  const tree = await agencies.listForStaff(ctx);
  const out: ImportOutcome[] = [];
  for (const [i, file] of files.entries()) {
    progress?.(i, files.length, file.name);
    out.push(await importOne(ctx, file, opts, option, tree));
  }
  progress?.(files.length, files.length, '');
  return out;
}

async function importOne(
  ctx: Ctx,
  file: ImportFile,
  opts: ImportOptions,
  option: Agency | null,
  tree: Agency[],
): Promise<ImportOutcome> {
  const bytes = file.read();
  if (!(bytes instanceof Uint8Array)) return refused(file.name, 'unreadable', bytes.unreadable);
  try {
    const stored = await publishedReports.check(ctx, { name: file.name, bytes });
    if (!stored.data || stored.status === 'none')
      return refused(file.name, 'unreadable', stored.error ?? '未读到年度报告的统计表');
    const who = agencyFor(stored.data.agency, option, tree);
    if ('why' in who) return refused(file.name, who.why, who.reason);
    const year = stored.data.year ?? opts.year ?? null;
    if (year === null) return refused(file.name, 'noYear', '报告未写明年度，也未用 --year 指定年度');
    const existing = await publishedReports.historyOf(ctx, who.agency.id, year);
    if (existing && !opts.replace)
      return refused(
        file.name,
        'alreadyRecorded',
        `${who.agency.name} ${year} 年度已记录了“${existing.file}”；如需替换，请加 --replace`,
      );
    const attached = await publishedReports.attach(ctx, stored.id, {
      agencyId: who.agency.id,
      year,
      ...(existing ? { replace: '1' } : {}),
    });
    const findings = attached.data?.findings ?? [];
    const errors = findings.filter((f) => f.severity === 'error').length;
    return {
      file: file.name,
      recorded: true,
      agency: who.agency.name,
      year,
      agencyFrom: who.from,
      yearFrom: stored.data.year !== null ? 'file' : 'option',
      replaced: existing ? existing.file : null,
      errors,
      warnings: findings.length - errors,
    };
  } catch (e) {
    const reason = reasonOf(e);
    if (reason === null) throw e;
    return refused(file.name, 'invalid', reason);
  }
}
