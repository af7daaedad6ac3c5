import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { websiteReports } from '../website-report/index.js';

/**
 * The portal's 政府网站工作年度报表 in the demo: last year's published (as the office would have by
 * 31 January), this year's a draft being filled. The figures the platform computes come from the
 * demo's records, letters and new-media accounts; the rest is entered as a 公开办 would. The site's
 * address and filing numbers are entered (with a reason) where the site settings leave them empty.
 */
const entered = (year: number): Record<string, string> => ({
  uniqueVisitors: '1862450',
  pageViews: '9731206',
  columnsMaintained: '12',
  columnsNew: '2',
  interpretProducts: '18',
  interpretComments: '6',
  hotspotResponses: '9',
  serviceCatalog: '是',
  serviceUsers: '356218',
  serviceItems: '1286',
  serviceOnline: '1174',
  casesPersons: '482337',
  casesLegal: '96215',
  unifiedPlatform: '是',
  surveyIssues: '14',
  surveyOpinions: '862',
  surveyResults: '12',
  interviewIssues: '10',
  interviewQuestions: '436',
  interviewAnswers: '421',
  smartQa: '是',
  securityChecks: '12',
  securityIssues: '27',
  securityFixed: '27',
  securityMonitoring: '是',
  securityDrills: '是',
  securityOfficer: '是',
  searchService: '是',
  multilingual: '否',
  accessibility: '是',
  personalized: '否',
  innovationOther: '适老化改造，提供关怀模式',
  headOfUnit: '林志远',
  checkedBy: '陈丽华',
  filledBy: '王晓敏',
  contactPhone: '0595-85682345',
  filledOn: `${year + 1}-01-20`,
});

/** Where the site settings are empty, the office enters the site's address and filings itself. */
async function siteEntries(
  ctx: Ctx,
  year: number,
  body: Record<string, string>,
): Promise<Record<string, string>> {
  const computed = (await websiteReports.formPage(ctx, String(year), null)).report.data.fields;
  const reason = '网站设置中尚未填写，按网站备案材料填报';
  const fill: Record<string, string> = {
    homeUrl: 'https://www.jinjiang.gov.cn',
    siteCode: '3505820001',
    icpNumber: '闽ICP备05008432号',
    policeNumber: '闽公网安备 35058202000101号',
  };
  return Object.assign(
    body,
    ...Object.entries(fill)
      .filter(([k]) => !computed[k]?.value)
      .map(([k, v]) => ({ [`${k}Override`]: v, [`${k}Reason`]: reason })),
  ) as Record<string, string>;
}

export async function loadWebsiteReports(ctx: Ctx): Promise<void> {
  const thisYear = Number(beijingDate(ctx.clock.now()).slice(0, 4));
  const last = thisYear - 1;
  await websiteReports.save(ctx, String(last), await siteEntries(ctx, last, entered(last)), null);
  await websiteReports.publish(ctx, String(last), null);
  const draft = entered(thisYear);
  for (const k of [
    'uniqueVisitors',
    'pageViews',
    'filledOn',
    'securityChecks',
    'securityIssues',
    'securityFixed',
  ])
    delete draft[k];
  await websiteReports.save(ctx, String(thisYear), await siteEntries(ctx, thisYear, draft), null);
}
