/**
 * 信息处理费 under 国办函〔2020〕109号: either 按件 (by the applicant's count of requests in the
 * calendar month) or 按量 (by pages of this request), both marginal and banded, never both on one
 * request. Pure; the computation is returned line by line so the notice can show it.
 */

export type ProcessingFeeMethod = 'perRequest' | 'perPage';

export interface ProcessingFeeLine {
  /** The band, in words: 第 11–30 件, 第 31–100 页 … */
  band: string;
  units: number;
  rate: number;
  amount: number;
}

export interface ProcessingFeeComputation {
  method: ProcessingFeeMethod;
  /** 按件: this request's position in the applicant's month; 按量: its pages. */
  quantity: number;
  lines: ProcessingFeeLine[];
  total: number;
}

/** The rate for the k-th request of an applicant in one calendar month (第四条). */
export function perRequestRate(k: number): number {
  if (k <= 10) return 0;
  if (k <= 30) return 100;
  return 100 * (2 + Math.floor((k - 31) / 10));
}

/**
 * 按件: what the requests numbered `first`…`last` of the month cost (one request is first = last).
 * The month's cumulative count decides the band of each request.
 */
export function processingFeeByCount(last: number, first = 1): ProcessingFeeComputation {
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < first)
    throw new RangeError('counts must be whole numbers, 1 ≤ first ≤ last');
  const lines: ProcessingFeeLine[] = [];
  for (let k = first; k <= last; k++) {
    const rate = perRequestRate(k);
    const band =
      rate === 0
        ? '第 1–10 件'
        : rate === 100
          ? '第 11–30 件'
          : `第 ${31 + (rate / 100 - 2) * 10}–${40 + (rate / 100 - 2) * 10} 件`;
    const line = lines.at(-1);
    if (line && line.band === band) {
      line.units++;
      line.amount += rate;
    } else lines.push({ band, units: 1, rate, amount: rate });
  }
  return { method: 'perRequest', quantity: last, lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}

/** 按量: pages of one request (第五条): ≤30 free, 31–100 at 10, 101–200 at 20, over 200 at 40 元/页. */
export function processingFeeByPages(pages: number): ProcessingFeeComputation {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError('pages must be a whole number ≥ 0');
  const bands: Array<[string, number, number, number]> = [
    ['第 1–30 页', 0, 30, 0],
    ['第 31–100 页', 30, 100, 10],
    ['第 101–200 页', 100, 200, 20],
    ['第 201 页起', 200, Infinity, 40],
  ];
  const lines: ProcessingFeeLine[] = [];
  for (const [band, lo, hi, rate] of bands) {
    const units = Math.max(0, Math.min(pages, hi) - lo);
    if (units > 0) lines.push({ band, units, rate, amount: units * rate });
  }
  return { method: 'perPage', quantity: pages, lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}
