import { appealGroups, appealResults, type Appeals } from '../../contract/report.js';
import { appealsSumsHold, uniqueSplit } from './decode.js';
import { figureTooLarge, printedFigure } from './normalize.js';
import type { Token } from './tokens.js';

/** Table 四: fifteen figures after the header row, in three groups of five. */
export interface Table4Result {
  appeals: Appeals | null;
  line: number | null;
  how: 'read' | 'reconstructed' | null;
  reason: string | null;
}

export function readTable4(tokens: Token[]): Table4Result {
  const nums = tokens.filter((t): t is Extract<Token, { kind: 'num' }> => t.kind === 'num' && !t.decimal);
  if (nums.length === 0) return { appeals: null, line: null, how: null, reason: null };
  let values: number[] | null = null;
  let how: Table4Result['how'] = null;
  const shown = (ns: typeof nums) => ns.map((n) => printedFigure(n.printed ?? n.digits)).join(' ');
  // Figures beyond any count are not read (a run of cells printed together may still split).
  const big = nums.slice(0, 15).find((n) => figureTooLarge(n.printed ?? n.digits));
  if (big && nums.length >= 15) {
    return {
      appeals: null,
      line: big.line,
      how: null,
      reason: `行政复议、行政诉讼表的数字“${printedFigure(big.printed ?? big.digits)}”过大，无法核对`,
    };
  }
  if (nums.length >= 15) {
    values = nums.slice(0, 15).map((n) => n.value);
    how = 'read';
  } else {
    values = uniqueSplit(
      nums.map((n) => n.digits),
      15,
      appealsSumsHold,
    );
    how = 'reconstructed';
  }
  if (!values) {
    return {
      appeals: null,
      line: nums[0]!.line,
      how: null,
      reason: big
        ? `行政复议、行政诉讼表的数字“${printedFigure(big.printed ?? big.digits)}”过大，无法核对`
        : `行政复议、行政诉讼表的数字无法可靠拆分（${shown(nums)}）`,
    };
  }
  const appeals = Object.fromEntries(
    appealGroups.map((g, gi) => [
      g,
      Object.fromEntries(appealResults.map((r, ri) => [r, values![gi * 5 + ri]!])),
    ]),
  ) as Appeals;
  return { appeals, line: nums[0]!.line, how, reason: null };
}
