import { proactiveItems, type ReportFormat } from '../../contract/report.js';
import { uniqueSplit } from './decode.js';
import { MAX_AMOUNT } from '../../contract/figure-text.js';
import { figureTooLarge, labelKey, printedFigure } from './normalize.js';
import type { Token } from './tokens.js';

/**
 * Table 二 (主动公开): each item's label followed by its figures. Figures that ran together are
 * split only when there is one way to do it (e.g. "000"); otherwise the item is left out.
 */

const itemNames: Record<string, string> = {
  rules: '规章',
  normativeDocuments: '规范性文件',
  licensing: '行政许可',
  otherServices: '其他对外管理服务事项',
  penalties: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};

/** The item a label names: the last item name in it, once the filling instructions in brackets are gone. */
function itemOf(text: string, allowed: Record<string, unknown>): string | null {
  const key = labelKey(text).replace(/\([^()]*\)?/g, '');
  let best: { name: string; at: number } | null = null;
  for (const [name, word] of Object.entries(itemNames)) {
    if (!allowed[name]) continue;
    const at = key.lastIndexOf(word);
    if (at >= 0 && (!best || at > best.at)) best = { name, at };
  }
  return best?.name ?? null;
}

export interface Table2Result {
  items: Record<string, Record<string, number>>;
  /** Where each item's figures were printed, and whether they were split from a run. */
  provenance: Record<string, { line: number; how: 'read' | 'reconstructed' }>;
  unreadable: Array<{ item: string; line: number; reason: string }>;
}

export function readTable2(tokens: Token[], format: ReportFormat): Table2Result {
  const spec = proactiveItems[format];
  const items: Table2Result['items'] = {};
  const provenance: Table2Result['provenance'] = {};
  const unreadable: Table2Result['unreadable'] = [];
  let current: string | null = null;
  let nums: Array<Extract<Token, { kind: 'num' }>> = [];
  // "采购总金额（万元）": the header's unit applies to the money figure below it.
  let tenThousand = false;

  const finish = () => {
    if (!current) return;
    const item = spec[current];
    if (!item) return;
    const n = item.fields.length;
    let values: number[] | null = null;
    if (nums.length === n) values = nums.map((x) => x.value);
    else if (nums.length > 0 && nums.length < n && nums.every((x) => !x.decimal)) {
      values = uniqueSplit(
        nums.map((x) => x.digits),
        n,
        () => true,
      );
    } else if (nums.length > n && nums.slice(0, n).length === n) values = null;
    // A figure beyond any count or amount is not read (MAX_COUNT; MAX_AMOUNT for money, in the
    // unit the value ends up in); the item is unreadable, the figure quoted as printed.
    const limitOf = (i: number) =>
      item.money?.includes(item.fields[i]!)
        ? tenThousand && item.fields[i] === 'amountYuan'
          ? MAX_AMOUNT / 10000
          : MAX_AMOUNT
        : undefined;
    const printed = (x: (typeof nums)[number]) => x.printed ?? x.digits;
    const big =
      nums.length === n
        ? nums.find((x, i) => figureTooLarge(printed(x), limitOf(i)))
        : values
          ? undefined // split from a run: every piece is short
          : nums.find((x) => figureTooLarge(printed(x)));
    if (big) values = null;
    if (values && tenThousand && item.money?.includes('amountYuan')) {
      const at = item.fields.indexOf('amountYuan');
      values[at] = Math.round(values[at]! * 10000 * 100) / 100;
    }
    if (values) {
      items[current] = Object.fromEntries(item.fields.map((f, i) => [f, values![i]!]));
      provenance[current] = { line: nums[0]!.line, how: nums.length === n ? 'read' : 'reconstructed' };
    } else if (nums.length)
      unreadable.push({
        item: current,
        line: (big ?? nums[0]!).line,
        reason: big
          ? `“${item.label}”的数字“${printedFigure(printed(big))}”过大，无法核对`
          : `“${item.label}”的数字无法可靠拆分（${nums.map((x) => printedFigure(printed(x))).join(' ')}）`,
      });
    current = null;
    nums = [];
  };

  for (const t of tokens) {
    if (t.kind === 'text') {
      if (/第二十条/.test(t.text)) tenThousand = false;
      if (/万元/.test(t.text)) tenThousand = true;
      const hit = itemOf(t.text, spec);
      if (hit) {
        finish();
        current = hit;
      } else if (nums.length) {
        finish();
      }
    } else if (t.kind === 'num' && current) {
      nums.push(t);
    }
  }
  finish();
  return { items, provenance, unreadable };
}
