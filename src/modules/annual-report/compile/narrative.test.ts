import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPORT_SCHEMA_ID, type ReportData } from '../contract/report.js';
import { template } from './narrative.js';

// Section 一 （四）平台建设 offers the 政务新媒体 sentence in the seed's words (晋江 2020: 53 个账号,
// 转载 886 条, 粉丝 387 万, 阅读 640 万) when the media module contributed accounts (issue 16 §6).
describe('the narrative template’s 政务新媒体 sentence', () => {
  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format: '2019',
    year: 2020,
    agency: '晋江市人民政府',
    source: { kind: 'built' },
    proactive: {} as ReportData['proactive'],
    requests: {},
    appeals: {},
    narrative: {},
    findings: [],
  };
  const base = {
    agencyName: '晋江市人民政府',
    scope: 'tree' as const,
    year: 2020,
    data,
    fees: undefined,
    previousProblems: null,
  };
  it('states accounts, posts, reposts, followers and reads, large counts in 万', () => {
    const t = template({
      ...base,
      newMedia: { accounts: 53, posts: 12040, reposts: 886, followers: 3_870_000, reads: 6_400_000 },
    });
    assert.match(
      t.section1,
      /（四）平台建设。（请填写政府网站等平台建设情况。）晋江市人民政府及所属各级各部门共开设政务新媒体账号 53 个，全年发布信息 12040 条，转载推送上级和本级资讯 886 条，总关注粉丝人数达 387 万人次，阅读总量 640 万人次。/,
    );
  });
  it('keeps the prompt when there is no account', () => {
    const t = template({ ...base, newMedia: { accounts: 0, posts: 0, reposts: 0, followers: 0, reads: 0 } });
    assert.match(t.section1, /（四）平台建设。（请填写政府网站、政务新媒体等平台建设情况。）/);
  });
});
