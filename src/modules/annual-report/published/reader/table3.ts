import {
  applicantColumns,
  balanceRows,
  outcomeRowsOf,
  printedRowsOf,
  type ReportFormat,
  type RequestRow,
  type RequestRowKey,
} from '../../contract/report.js';
import { candidateSplits, rowSumHolds } from './decode.js';
import { figureTooLarge, labelKey, printedFigure } from './normalize.js';
import type { Token } from './tokens.js';

/**
 * Table 三 from a token stream. Numbers come in "units" (a row's printed cells); the label text
 * since the previous unit names the row. Rows are met in the official order, so a unit whose
 * label was lost (PDF converters move labels about) goes to the next row not yet filled.
 */

interface RowPattern {
  key: RequestRowKey;
  /** A distinctive part of the label, matched in the folded label text. */
  core: RegExp;
}

const patterns: RowPattern[] = [
  { key: 'received', core: /本年新收/ },
  { key: 'carriedOver', core: /上年结转/ },
  { key: 'granted', core: /予以公开/ },
  { key: 'partiallyGranted', core: /部分公开/ },
  { key: 'withheld.stateSecret', core: /国家秘密/ },
  { key: 'withheld.lawProhibited', core: /其他法律、?行政法规/ },
  { key: 'withheld.securityStability', core: /三安全一稳定/ },
  { key: 'withheld.thirdPartyRights', core: /第三方.{0,2}合法权益/ },
  { key: 'withheld.internalAffairs', core: /三类内部事务/ },
  { key: 'withheld.processInformation', core: /四类过程性/ },
  { key: 'withheld.enforcementFile', core: /行政执法案卷/ },
  { key: 'withheld.administrativeQuery', core: /行政查询事项/ },
  { key: 'unavailable.notHeld', core: /本机关不掌握/ },
  { key: 'unavailable.needsCreation', core: /没有现成信息/ },
  { key: 'unavailable.stillUnclear', core: /补正后申请内容/ },
  { key: 'notProcessed.petition', core: /信访举报投诉/ },
  { key: 'notProcessed.repeated', core: /重复申请/ },
  { key: 'notProcessed.publication', core: /公开出版物/ },
  { key: 'notProcessed.excessive', core: /大量反复/ },
  { key: 'notProcessed.confirmation', core: /要求行政机关确认|重新出具/ },
  { key: 'other', core: /其他处理/ },
  { key: 'other.supplementOverdue', core: /逾期不补正/ },
  { key: 'other.feeUnpaid', core: /缴纳费用/ },
  { key: 'other.other', core: /3\.?其他(?!处理|法律|组织)|^其他$/ },
  { key: 'total', core: /[(（]?七[)）、.]?总计|^总计$/ },
  { key: 'carriedForward', core: /结转下年度/ },
];

export interface ReadRow {
  key: RequestRowKey;
  values: RequestRow;
  line: number;
  how: 'read' | 'reconstructed' | 'blank';
  /** Columns printed blank and read as 0. */
  blankColumns: number[];
  /** Figures whose label was not found, taken for the row expected next. */
  byPosition?: boolean;
}

export interface Table3Result {
  rows: ReadRow[];
  unreadable: Array<{ key: RequestRowKey; line: number | null; reason: string }>;
  /** Row labels seen at all (to tell "cut off" from "unreadable"). */
  seen: Set<RequestRowKey>;
}

type Cell =
  | { kind: 'num'; digits: string; value: number; line: number; inRow: boolean; printed: string }
  | { kind: 'empty'; line: number };

type Resolved =
  | { values: number[]; how: ReadRow['how']; blank: number[] }
  | { candidates: number[][]; reason: string }
  | { reason: string };

function resolveRow(cells: Cell[], wholeRow: boolean): Resolved {
  const nums = cells.filter((c): c is Extract<Cell, { kind: 'num' }> => c.kind === 'num');
  const shown = () => nums.map((n) => printedFigure(n.printed)).join(' ');
  // A figure beyond any count (or beyond what a number holds) is not read; unless it is a run of
  // cells printed together that splits below, it makes the row unreadable, quoted as printed.
  const big = nums.find((n) => figureTooLarge(n.printed));
  const tooLarge = big && { reason: `该行的数字“${printedFigure(big.printed)}”过大，无法核对` };
  if (nums.length === 7) return tooLarge || { values: nums.map((n) => n.value), how: 'read', blank: [] };
  if (nums.length > 7) return { reason: `该行有 ${nums.length} 个数字，多于 7 列` };
  if (nums.length === 0) return { values: [0, 0, 0, 0, 0, 0, 0], how: 'blank', blank: [0, 1, 2, 3, 4, 5, 6] };
  // Blank cells kept in place: the positions tell the columns. A row printed whole (a table
  // row up to its end) has its figures in its last seven cells, after its label's empty cells.
  const lastNum = cells.findLastIndex((c) => c.kind === 'num');
  const firstNum = cells.findIndex((c) => c.kind === 'num');
  let span = cells.slice(0, lastNum + 1);
  const last7 = cells.slice(-7);
  if (
    wholeRow &&
    span.length !== 7 &&
    cells.length >= 7 &&
    firstNum >= cells.length - 7 &&
    last7.every((c) => c.line === last7[6]!.line && (c.kind === 'empty' || c.inRow))
  )
    span = last7;
  // A blank 总计 beside figures is rather a cell the conversion moved: the row's sum decides below.
  const totalMoved = span[6]?.kind === 'empty' && nums.some((n) => n.value !== 0);
  if (span.length === 7 && !tooLarge && !totalMoved) {
    return {
      values: span.map((c) => (c.kind === 'num' ? c.value : 0)),
      how: 'blank',
      blank: span.flatMap((c, i) => (c.kind === 'empty' ? [i] : [])),
    };
  }
  // Cells that ran together: split where the row's sum makes it unique, or keep the
  // candidates for the table's column relations to decide.
  const candidates = candidateSplits(
    nums.map((n) => n.digits),
    7,
    rowSumHolds,
  );
  if (candidates.length === 1) return { values: candidates[0]!, how: 'reconstructed', blank: [] };
  if (candidates.length > 1) {
    return {
      candidates,
      reason: `该行数字连在一起（${shown()}），有 ${candidates.length} 种拆分，表内勾稽关系也不能确定`,
    };
  }
  if (tooLarge) return tooLarge;
  // One cell lost: the row's sum fixes it when every placement gives the same row.
  if (nums.length === 6) {
    const candidates = new Set<string>();
    for (let gap = 0; gap < 7; gap++) {
      const v = nums.map((n) => n.value);
      const row = [...v.slice(0, gap), 0, ...v.slice(gap)];
      row[gap] =
        gap === 6
          ? row.slice(0, 6).reduce((a, b) => a + b, 0)
          : row[6]! - row.slice(0, 6).reduce((a, b) => a + b, 0);
      if (row[gap]! >= 0) candidates.add(JSON.stringify(row));
    }
    if (candidates.size === 1)
      return { values: JSON.parse([...candidates][0]!) as number[], how: 'reconstructed', blank: [] };
  }
  // Blank cells dropped: "3 | 3" is 自然人 and 总计; a lone 0 is a row of zeros.
  if (nums.length === 2 && nums[0]!.value === nums[1]!.value) {
    return { values: [nums[0]!.value, 0, 0, 0, 0, 0, nums[1]!.value], how: 'blank', blank: [1, 2, 3, 4, 5] };
  }
  if (nums.length === 1 && nums[0]!.value === 0) {
    // Empty cells printed after it put it in the first column; alone, it is the 总计 cell
    // (the usual way a row of nothing is filled in).
    const emptiesAfter = cells.slice(cells.indexOf(nums[0]!) + 1).some((c) => c.kind === 'empty');
    return {
      values: [0, 0, 0, 0, 0, 0, 0],
      how: 'blank',
      blank: emptiesAfter ? [1, 2, 3, 4, 5, 6] : [0, 1, 2, 3, 4, 5],
    };
  }
  if (nums.every((n) => n.value === 0)) {
    return { values: [0, 0, 0, 0, 0, 0, 0], how: 'blank', blank: [0, 1, 2, 3, 4, 5, 6].slice(nums.length) };
  }
  return {
    reason: `该行只读到 ${nums.length} 个数字（${shown()}），无法确定所在列`,
  };
}

/**
 * A table printed with its label column after the figures (`27 0 0 2 0 1 30 （一）予以公开`, some
 * text exports): when most lines that hold both a row's name and figures put the figures first,
 * each such line is read with its label first. (A PDF's text layer glues a figure to the next
 * label now and then, "00000002.其他法律…", but not on most lines.)
 */
function labelsFirst(tokens: Token[], names: (text: string) => boolean): Token[] {
  const lines = new Map<number, Token[]>();
  for (const t of tokens) {
    if (!lines.has(t.line)) lines.set(t.line, []);
    lines.get(t.line)!.push(t);
  }
  const kinds = (ts: Token[]) => ts.filter((t) => t.kind === 'num' || t.kind === 'text');
  const named = [...lines.values()].filter(
    (ts) => ts.some((t) => t.kind === 'num') && ts.some((t) => t.kind === 'text' && names(t.text)),
  );
  const after = named.filter((ts) => kinds(ts)[0]?.kind === 'num' && kinds(ts).at(-1)?.kind === 'text');
  if (after.length < 5 || after.length < named.length * 0.6) return tokens;
  const swap = new Set(after);
  return [...lines.values()].flatMap((ts) =>
    swap.has(ts) ? [...ts.filter((t) => t.kind === 'text'), ...ts.filter((t) => t.kind !== 'text')] : ts,
  );
}

export function readTable3(source: Token[], format: ReportFormat): Table3Result {
  // In the 2021 format （六）其他处理 is a heading over its three sub-rows; some reports print its
  // figures too (their sum), and then it is read, and checked against them.
  const order: RequestRowKey[] =
    format === '2021'
      ? printedRowsOf(format).flatMap((k): RequestRowKey[] =>
          k === 'other.supplementOverdue' ? ['other', k] : [k],
        )
      : printedRowsOf(format);
  const optional = (i: number) => format === '2021' && order[i] === 'other';
  const rows: ReadRow[] = [];
  const unreadable: Table3Result['unreadable'] = [];
  const ambiguous: Array<{ key: RequestRowKey; line: number; candidates: number[][]; reason: string }> = [];
  const seen = new Set<RequestRowKey>();
  let pointer = 0;
  let label = '';
  let cells: Cell[] = [];

  const candidatesIn = (text: string): number[] => {
    const key = labelKey(text);
    const found: number[] = [];
    order.forEach((k, i) => {
      const p = patterns.find((x) => x.key === k)!;
      if (p.core.test(key)) found.push(i);
    });
    return found;
  };

  interface Unit {
    label: string;
    cells: Cell[];
    atBreak: boolean;
  }
  const units: Unit[] = [];
  const finishUnit = (atBreak = false) => {
    if (cells.length) units.push({ label, cells, atBreak });
    cells = [];
    label = '';
  };
  /** The rows a unit's label names (the 2021 heading only where it has figures of its own). */
  const namedIn = (u: Unit, hasNumber: boolean): number[] => {
    let found = candidatesIn(u.label);
    // A group's heading printed in its first row's label: the row is the item, not the group.
    if (found.some((i) => optional(i)) && found.some((i) => order[i]!.startsWith('other.')))
      found = found.filter((i) => !optional(i));
    if (!hasNumber) found = found.filter((i) => !optional(i));
    return found;
  };
  const hasNumberIn = (u: Unit) => u.cells.some((c) => c.kind === 'num');

  const assign = (u: Unit, next: Unit | undefined) => {
    const { label, cells, atBreak } = u;
    const hasNumber = hasNumberIn(u);
    const found = namedIn(u, hasNumber);
    for (const i of found) seen.add(order[i]!);
    // Rows are met in order; a generic label (a bare 总计, 其他) or a row with no figures at all
    // is only taken for the row expected next, so header cells cannot claim rows.
    const weak = (i: number) =>
      !hasNumber ||
      (/^(total|other\.other)$/.test(order[i]!) && !/七|3\.其他(?!处理|法律|组织)/.test(labelKey(label)));
    const ahead = found.filter((i) => i >= pointer && (!weak(i) || i <= pointer + 1));
    let index: number | undefined;
    let byPosition = false;
    if (ahead.length) index = Math.min(...ahead);
    // Several rows named one after the other, then one row of figures, then the label of the
    // row after them: a text export that drops blank cells printed the first ones without any
    // figures. The figures are the last named row's; the rows before it cannot be read. (PDF
    // converters print runs of labels too, but their rows of figures follow one another.)
    const rest = ahead.filter((i) => !optional(i));
    const nextNamed = next ? namedIn(next, true) : [];
    if (
      hasNumber &&
      rest.length > 1 &&
      rest.every(
        (i, k) => k === 0 || i === rest[k - 1]! + 1 || (optional(i - 1) && i === rest[k - 1]! + 2),
      ) &&
      nextNamed.length > 0 &&
      Math.min(...nextNamed) > Math.max(...rest)
    ) {
      index = Math.max(...rest);
      for (const i of rest.slice(0, -1))
        unreadable.push({
          key: order[i]!,
          line: cells[0]!.line,
          reason: '该行没有读到数字（原文可能空白，也可能缺失），无法确定',
        });
    }
    const numbered = /^[(（]?[一二三四五六七八九十\d]{1,2}[)）.、]/.test(labelKey(label));
    if (index !== undefined) {
      // named
    } else if (
      !hasNumber &&
      atBreak &&
      found.length === 0 &&
      numbered &&
      pointer > 0 &&
      pointer < order.length &&
      !optional(pointer) &&
      cells.length >= 7
    ) {
      // A whole table row of blank cells under a label no pattern knows: the row expected next.
      index = pointer;
      byPosition = true;
    } else if (
      hasNumber &&
      (!label.trim() || (found.length === 0 && pointer > 0)) &&
      pointer < order.length
    ) {
      // Figures without a label of a row: the row expected next (never the optional heading).
      index = optional(pointer) ? pointer + 1 : pointer;
      byPosition = true;
    }
    if (index !== undefined && (hasNumber || ahead.length || byPosition)) {
      const key = order[index]!;
      const line = cells.find((c) => c.kind === 'num')?.line ?? cells[0]!.line;
      const r = resolveRow(cells, atBreak);
      if ('candidates' in r) ambiguous.push({ key, line, candidates: r.candidates, reason: r.reason });
      else if ('reason' in r) unreadable.push({ key, line, reason: r.reason });
      else
        rows.push({
          key,
          values: r.values as RequestRow,
          line,
          how: r.how,
          blankColumns: r.blank,
          ...(byPosition ? { byPosition } : {}),
        });
      seen.add(key);
      pointer = index + 1;
    }
  };

  const tokens = labelsFirst(source, (text) => candidatesIn(text).length > 0);
  for (const t of tokens) {
    if (t.kind === 'text') {
      // A label wrapped onto a second line in the middle of its own figures (PDF layouts):
      // text that names no row, inside a row still short of seven figures, continues it.
      const figures = cells.filter((c) => c.kind === 'num').length;
      if (
        figures > 0 &&
        figures < 7 &&
        candidatesIn(t.text).length === 0 &&
        !/^[一二三四五六七八九十]、/.test(labelKey(t.text))
      )
        continue;
      if (cells.length) finishUnit();
      label += t.text;
    } else if (t.kind === 'num') {
      if (t.decimal) continue;
      // A loose figure just before a printed row, with no label between, was displaced by the
      // conversion (it belongs elsewhere in the table): it is not part of this row.
      if (
        t.inRow &&
        cells.length &&
        cells.every((c) => c.kind === 'empty' || !c.inRow) &&
        cells.some((c) => c.kind === 'num')
      ) {
        cells = cells.filter((c) => c.kind === 'empty');
      }
      cells.push({
        kind: 'num',
        digits: t.digits,
        value: t.value,
        line: t.line,
        inRow: t.inRow ?? false,
        printed: t.printed ?? t.digits,
      });
    } else if (t.kind === 'break') {
      if (cells.some((c) => c.kind === 'num')) finishUnit(true);
    } else if (label || cells.length) {
      cells.push({ kind: 'empty', line: t.line });
    }
  }
  const trailing = label;
  finishUnit();
  // The text's last label, without cells after it, names the row after the last figures too.
  const after: Unit | undefined = trailing.trim()
    ? { label: trailing, cells: [{ kind: 'empty', line: 0 }], atBreak: false }
    : undefined;
  units.forEach((u, k) => assign(u, units[k + 1] ?? after));
  // A label with no cells at all after it (the text stops there) is seen but unread; the last
  // row of the table printed without figures (a text export dropping blank cells) says so.
  for (const i of candidatesIn(trailing)) {
    seen.add(order[i]!);
    if (i >= pointer && order[i] === 'carriedForward' && units.length)
      unreadable.push({
        key: order[i]!,
        line: null,
        reason: '该行没有读到数字（原文可能空白，也可能缺失），无法确定',
      });
  }
  settleAmbiguous(rows, ambiguous, unreadable, format);
  return { rows, unreadable, seen };
}

export const columnCount = applicantColumns.length;

/**
 * Rows whose digits ran together with several possible splits: choose the combination under
 * which the table's column relations (each column's outcomes add up to 总计; 本年新收 + 上年结转
 * = 总计 + 结转下年度) hold. Exactly one such combination is taken; otherwise the rows stay
 * unreadable.
 */
function settleAmbiguous(
  rows: ReadRow[],
  ambiguous: Array<{ key: RequestRowKey; line: number; candidates: number[][]; reason: string }>,
  unreadable: Table3Result['unreadable'],
  format: ReportFormat,
): void {
  if (ambiguous.length === 0) return;
  const combos = ambiguous.reduce((n, a) => n * a.candidates.length, 1);
  const known = new Map(rows.map((r) => [r.key, r.values as number[]]));
  const outcome = outcomeRowsOf(format);
  const allKeys = new Set([...known.keys(), ...ambiguous.map((a) => a.key)]);
  const canCheckOutcome = allKeys.has('total') && outcome.every((k) => allKeys.has(k));
  const canCheckBalance = balanceRows.every((k) => allKeys.has(k));
  const giveUp = () => {
    for (const a of ambiguous) unreadable.push({ key: a.key, line: a.line, reason: a.reason });
  };
  if (combos > 200_000 || (!canCheckOutcome && !canCheckBalance)) return giveUp();
  const chosen: number[][] = [];
  const solutions: number[][][] = [];
  const holds = (): boolean => {
    const v = new Map(known);
    ambiguous.forEach((a, i) => v.set(a.key, chosen[i]!));
    for (let c = 0; c < 7; c++) {
      if (canCheckOutcome && outcome.reduce((s, k) => s + v.get(k)![c]!, 0) !== v.get('total')![c])
        return false;
      if (
        canCheckBalance &&
        v.get('received')![c]! + v.get('carriedOver')![c]! !==
          v.get('total')![c]! + v.get('carriedForward')![c]!
      )
        return false;
    }
    return true;
  };
  const walk = (i: number): void => {
    if (solutions.length > 1) return;
    if (i === ambiguous.length) {
      if (holds()) solutions.push(chosen.map((c) => [...c]));
      return;
    }
    for (const cand of ambiguous[i]!.candidates) {
      chosen[i] = cand;
      walk(i + 1);
    }
  };
  walk(0);
  if (solutions.length !== 1) return giveUp();
  ambiguous.forEach((a, i) =>
    rows.push({
      key: a.key,
      values: solutions[0]![i] as RequestRow,
      line: a.line,
      how: 'reconstructed',
      blankColumns: [],
    }),
  );
}
