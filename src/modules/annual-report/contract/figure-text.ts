/**
 * Which figures the checks can work with, and how a finding prints one. A report's numbers come
 * from a published text, a clerk's form or a JSON document (where an unreadable figure may have
 * become null); whatever a cell holds, a message shows digits as a person writes them, never
 * Infinity, NaN, null, undefined or 1e+21, and never a number rounded past what was printed.
 */

/**
 * 一万亿: more than any agency counts of anything in a year (the whole country receives some
 * hundreds of thousands of applications). A count beyond it is a misprint, not a figure to add up.
 */
export const MAX_COUNT = 1e12;

/**
 * 十万亿（元或万元）: more than the whole country's government procurement of a year. Below it an
 * amount with two decimals still has at most 15 digits, which a JavaScript number holds exactly.
 */
export const MAX_AMOUNT = 1e13;

/** A count the sums can use: a finite number no further from 0 than MAX_COUNT. */
export function isCheckable(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_COUNT;
}

/** Is this a number too large (or too far below 0) to check at all, as opposed to merely wrong? */
export function isOutOfRange(v: unknown, limit = MAX_COUNT): boolean {
  return typeof v === 'number' && !Number.isNaN(v) && Math.abs(v) > limit;
}

/**
 * A figure as a message prints it: `231`, `-3`, `120.5`. What is not a usable number is named in
 * words (空白, 非数字, 过大的数字) instead of JavaScript's own spelling of it.
 */
export function figureText(v: unknown): string {
  if (v === null || v === undefined) return '空白';
  if (typeof v !== 'number' || Number.isNaN(v)) return '非数字';
  // Beyond MAX_AMOUNT no figure of a report is real, and soon digits printed would be rounded ones.
  if (Math.abs(v) > MAX_AMOUNT) return v > 0 ? '过大的数字' : '过小的负数';
  if (Number.isInteger(v)) return String(v === 0 ? 0 : v);
  // At most six decimals, and 15 significant digits in all: that drops the binary noise (0.1 + 0.2
  // is 0.3) and never writes an exponent.
  const whole = String(Math.trunc(Math.abs(v))).length;
  const text = v
    .toFixed(Math.max(0, Math.min(6, 15 - whole)))
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return /^-?0$/.test(text) ? '接近 0 的小数' : text;
}

/** A year as a message names it, or null when the document's year is not a plausible one. */
export function yearText(v: unknown): string | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 9999 ? String(v) : null;
}
