import type { Proactive2021, RequestRow } from '../contract/report.js';
import type { RenderInput } from '../render/render-input.js';
import { sample2022 } from '../render/samples.js';

/**
 * Three consecutive years (2021–2023) of one agency for previews and tests of the comparison,
 * each consistent in itself (the 勾稽关系 of table 三 hold) but with two breaks between years:
 *
 * - 2021 → 2022, stock: 2022's 行政规范性文件 现行有效 is 150, where 130 + 18 − 6 = 142;
 * - 2022 → 2023, year-chain: 2023's 上年结转 is [1, 0, 0, 0, 0, 0, 1], where 2022 carried
 *   [1, 1, 0, 0, 0, 0, 2] forward (columns 商业企业 and 总计 differ).
 *
 * The outcomes of every year are those of `sample2022` (总计 42: 予以公开 18, 部分公开 5, …).
 */
export function threeYears(): RenderInput[] {
  const years: Array<{
    year: number;
    carriedOver: RequestRow;
    carriedForward: RequestRow;
    rules: number;
    normativeDocuments: number;
  }> = [
    {
      year: 2021,
      carriedOver: [0, 0, 0, 0, 0, 0, 0],
      carriedForward: [3, 0, 0, 0, 1, 0, 4],
      rules: 25,
      normativeDocuments: 130,
    },
    {
      year: 2022,
      carriedOver: [3, 0, 0, 0, 1, 0, 4],
      carriedForward: [1, 1, 0, 0, 0, 0, 2],
      rules: 27,
      normativeDocuments: 150,
    },
    {
      year: 2023,
      carriedOver: [1, 0, 0, 0, 0, 0, 1],
      carriedForward: [0, 0, 0, 0, 0, 0, 0],
      rules: 29,
      normativeDocuments: 162,
    },
  ];
  return years.map((y) => {
    const base = sample2022();
    const total = base.data.requests.total!;
    // 本年新收 = 总计 + 结转下年度 − 上年结转, column by column: the balance holds.
    const received = total.map((t, i) => t + y.carriedForward[i]! - y.carriedOver[i]!) as RequestRow;
    return {
      ...base,
      year: y.year,
      data: {
        ...base.data,
        year: y.year,
        proactive: {
          ...(base.data.proactive as Proactive2021),
          rules: { issued: 3, repealed: 1, inForce: y.rules },
          normativeDocuments: { issued: 18, repealed: 6, inForce: y.normativeDocuments },
        },
        requests: {
          ...base.data.requests,
          received,
          carriedOver: y.carriedOver,
          carriedForward: y.carriedForward,
        },
      },
      // No figures in the text, so that the narrative check has nothing to say about these.
      narrative: {
        section1: '本机关认真贯彻落实《条例》，推进政府信息公开工作。',
        section5: '无。',
        section6: '无。',
      },
    };
  });
}
