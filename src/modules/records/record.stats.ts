import { beijingDayStart } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { agencies } from '../agencies/index.js';
import type { Proactive2019, Proactive2021, ReportFormat } from '../annual-report/index.js';
import { assertCan } from './record.policy.js';
import * as repo from './record.repository.js';

/** 体裁分类 values that make a record a 规章 or a 行政规范性文件 for section 二. */
export const ruleGenres = ['规章'] as const;
export const normativeDocumentGenres = ['行政规范性文件', '规范性文件'] as const;

type Kind = 'rules' | 'normativeDocuments';

/**
 * Section 二's 规章 and 规范性文件 rows from published records, for an agency alone or with its
 * subtree. A document is made (制发/制作) in the year of its 成文日期 (its 发布日期 when it has none),
 * published in the year of its 发布日期, repealed in the year of its 废止 date, and in force at
 * year end when published by then and neither expired nor repealed by then.
 */
export async function section2Documents(
  ctx: Ctx,
  opts: { agencyId: string; scope: 'self' | 'tree'; year: number; format: ReportFormat },
): Promise<Pick<Proactive2019, Kind> | Pick<Proactive2021, Kind>> {
  const agency = await agencies.get(ctx, opts.agencyId);
  assertCan(ctx.actor, 'read', agency);
  const genres = [...ruleGenres, ...normativeDocumentGenres];
  const rows = await repo.section2Counts(ctx.db, {
    genres,
    year: opts.year,
    yearStarts: beijingDayStart(`${opts.year}-01-01`),
    yearEnds: beijingDayStart(`${opts.year + 1}-01-01`),
    ...(opts.scope === 'self' ? { agencyId: agency.id } : { agencyPath: agency.path }),
  });
  const zero = () => ({ made: 0, published: 0, totalPublished: 0, issued: 0, repealed: 0, inForce: 0 });
  const acc: Record<Kind, ReturnType<typeof zero>> = { rules: zero(), normativeDocuments: zero() };
  for (const r of rows) {
    const kind: Kind = (ruleGenres as readonly string[]).includes(r.genre) ? 'rules' : 'normativeDocuments';
    const a = acc[kind];
    // 制发 (2021 format) and 制作 (2019) are the same count: made in the year.
    a.made += r.made;
    a.issued += r.made;
    a.published += r.published;
    a.totalPublished += r.totalPublished;
    a.repealed += r.repealed;
    a.inForce += r.inForce;
  }
  if (opts.format === '2019')
    return Object.fromEntries(
      (['rules', 'normativeDocuments'] as const).map((k) => [
        k,
        { made: acc[k].made, published: acc[k].published, totalPublished: acc[k].totalPublished },
      ]),
    ) as Pick<Proactive2019, Kind>;
  return Object.fromEntries(
    (['rules', 'normativeDocuments'] as const).map((k) => [
      k,
      { issued: acc[k].issued, repealed: acc[k].repealed, inForce: acc[k].inForce },
    ]),
  ) as Pick<Proactive2021, Kind>;
}

/**
 * Records published in a year (Beijing time) by an agency and its subtree, per 体裁, with how
 * many of each are a 解读 linked to the document they interpret: for the 政府网站工作年度报表.
 * Only published counts, which the portal shows anyway: no policy check.
 */
export async function publishedInYearByGenre(
  ctx: Ctx,
  opts: { agencyId: string; year: number },
): Promise<Array<{ genre: string | null; interprets: number; total: number }>> {
  const agency = await agencies.getPublic(ctx, opts.agencyId);
  return repo.publishedCountsByGenre(ctx.db, {
    agencyPath: agency.path,
    from: beijingDayStart(`${opts.year}-01-01`),
    to: beijingDayStart(`${opts.year + 1}-01-01`),
  });
}
