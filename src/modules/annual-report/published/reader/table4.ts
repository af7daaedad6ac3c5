import { appealGroups, appealResults, type Appeals } from '../../contract/report.js';
import { appealsSumsHold, uniqueSplit } from './decode.js';
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
      reason: `行政复议、行政诉讼表的数字无法可靠拆分（${nums.map((n) => n.digits).join(' ')}）`,
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
