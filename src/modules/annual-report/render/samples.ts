import { REPORT_SCHEMA_ID, type ReportData, type RequestRow } from '../contract/report.js';
import type { RenderInput } from './render-input.js';

/**
 * Two consistent reports for previews and tests: every 勾稽关系 of the format holds.
 *
 * - 2020 (2019 format): the figures of ../shared/seed/jinjiang-2020-annual-report.md, with the
 *   seed's 本年新收 row corrected (it printed 商业企业 0 against a 总计 of 231; the 办理结果
 *   总计 row shows 9).
 * - 2022 (2021 format): synthetic, with figures in every group of rows and columns.
 */

const z: RequestRow = [0, 0, 0, 0, 0, 0, 0];

export function sample2020(): RenderInput {
  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format: '2019',
    year: 2020,
    agency: '晋江市人民政府',
    source: { kind: 'built' },
    proactive: {
      rules: { made: 49, published: 49, totalPublished: 87 },
      normativeDocuments: { made: 61, published: 61, totalPublished: 126 },
      licensing: { previousYearItems: 490, change: 422, decisions: 94335 },
      otherServices: { previousYearItems: 86, change: 44, decisions: 12204 },
      penalties: { previousYearItems: 681, change: 219, decisions: 15833 },
      enforcement: { previousYearItems: 7, change: 0, decisions: 68 },
      fees: { previousYearItems: 4, change: 3 },
      procurement: { projects: 271, amountYuan: 249887966.42 },
    },
    requests: {
      received: [215, 9, 0, 1, 3, 3, 231],
      carriedOver: [...z],
      granted: [128, 8, 0, 0, 3, 3, 142],
      partiallyGranted: [21, 0, 0, 0, 0, 0, 21],
      'withheld.stateSecret': [...z],
      'withheld.lawProhibited': [4, 0, 0, 0, 0, 0, 4],
      'withheld.securityStability': [1, 0, 0, 0, 0, 0, 1],
      'withheld.thirdPartyRights': [1, 0, 0, 0, 0, 0, 1],
      'withheld.internalAffairs': [...z],
      'withheld.processInformation': [...z],
      'withheld.enforcementFile': [...z],
      'withheld.administrativeQuery': [...z],
      'unavailable.notHeld': [27, 0, 0, 0, 0, 0, 27],
      'unavailable.needsCreation': [21, 1, 0, 1, 0, 0, 23],
      'unavailable.stillUnclear': [6, 0, 0, 0, 0, 0, 6],
      'notProcessed.petition': [...z],
      'notProcessed.repeated': [4, 0, 0, 0, 0, 0, 4],
      'notProcessed.publication': [...z],
      'notProcessed.excessive': [...z],
      'notProcessed.confirmation': [2, 0, 0, 0, 0, 0, 2],
      other: [...z],
      total: [215, 9, 0, 1, 3, 3, 231],
      carriedForward: [...z],
    },
    appeals: {
      review: { upheld: 2, corrected: 0, other: 0, pending: 0, total: 2 },
      litigationDirect: { upheld: 0, corrected: 0, other: 1, pending: 4, total: 5 },
      litigationAfterReview: { upheld: 1, corrected: 2, other: 2, pending: 0, total: 5 },
    },
    narrative: {},
    findings: [],
  };
  return {
    data,
    agency: '晋江市人民政府',
    year: 2020,
    narrative: {
      section1: [
        '（一）主动公开。2020年晋江市制发公文信息2298份，主动公开899份。',
        '（二）依申请公开。全年共收到政府信息公开申请231件，依法办结231件，结转下年度继续办理0件。',
        '（三）政府信息管理。完成基层政务公开标准化规范化工作，梳理“26+10”个领域的事项标准目录。',
      ].join('\n'),
      section5: '基层政务公开工作人员更迭较快，不利于工作经验积累。\n下一步将加强培训，提升业务水平。',
      section6: '无。',
    },
    publication: {
      website: '“中国晋江”政府门户网站',
      url: 'http://www.jinjiang.gov.cn/',
      contact: '晋江市人民政府办公室政务公开中心',
    },
  };
}

export function sample2022(): RenderInput {
  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format: '2021',
    year: 2022,
    agency: '丽水市人民政府',
    source: { kind: 'built' },
    proactive: {
      rules: { issued: 3, repealed: 1, inForce: 27 },
      normativeDocuments: { issued: 18, repealed: 6, inForce: 142 },
      licensing: { decisions: 15873 },
      penalties: { decisions: 2406 },
      enforcement: { decisions: 311 },
      fees: { amountTenThousandYuan: 1234.56 },
    },
    requests: {
      received: [30, 6, 1, 2, 3, 1, 43],
      carriedOver: [2, 1, 0, 0, 0, 0, 3],
      granted: [12, 3, 1, 1, 1, 0, 18],
      partiallyGranted: [4, 1, 0, 0, 0, 0, 5],
      'withheld.stateSecret': [1, 0, 0, 0, 0, 0, 1],
      'withheld.lawProhibited': [...z],
      'withheld.securityStability': [...z],
      'withheld.thirdPartyRights': [1, 1, 0, 0, 0, 0, 2],
      'withheld.internalAffairs': [...z],
      'withheld.processInformation': [1, 0, 0, 0, 0, 0, 1],
      'withheld.enforcementFile': [...z],
      'withheld.administrativeQuery': [1, 0, 0, 0, 0, 0, 1],
      'unavailable.notHeld': [3, 1, 0, 1, 0, 0, 5],
      'unavailable.needsCreation': [2, 0, 0, 0, 0, 0, 2],
      'unavailable.stillUnclear': [...z],
      'notProcessed.petition': [1, 0, 0, 0, 0, 0, 1],
      'notProcessed.repeated': [1, 0, 0, 0, 0, 0, 1],
      'notProcessed.publication': [...z],
      'notProcessed.excessive': [...z],
      'notProcessed.confirmation': [...z],
      'other.supplementOverdue': [1, 0, 0, 0, 1, 0, 2],
      'other.feeUnpaid': [1, 0, 0, 0, 0, 0, 1],
      'other.other': [0, 1, 0, 0, 0, 1, 2],
      total: [29, 7, 1, 2, 2, 1, 42],
      carriedForward: [3, 0, 0, 0, 1, 0, 4],
    },
    appeals: {
      review: { upheld: 3, corrected: 1, other: 0, pending: 1, total: 5 },
      litigationDirect: { upheld: 2, corrected: 0, other: 1, pending: 0, total: 3 },
      litigationAfterReview: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
    },
    narrative: {},
    findings: [],
  };
  return {
    data,
    agency: '丽水市人民政府',
    year: 2022,
    narrative: {
      section1: [
        '2022年，丽水市人民政府认真贯彻落实《条例》，围绕主动公开、依申请公开、政府信息管理、政府信息公开平台建设和监督保障五个方面推进政府信息公开工作。',
        '（一）主动公开。全年现行有效行政规范性文件142件，全部在政府信息公开平台集中公开。',
        '（二）依申请公开。全年共收到政府信息公开申请43件，上年结转3件，办结42件，结转下年度继续办理4件。',
        '（三）监督保障。全年发生政府信息公开行政复议5件、行政诉讼5件。',
      ].join('\n'),
      section5:
        '部分部门对主动公开的时效把握不够。\n\n改进情况：建立每月通报制度，对超过20个工作日未公开的信息督促整改。',
      section6:
        '本年度发出信息处理费收费通知1件，金额共计200元，实际收取信息处理费0元。\n（申请人未在期限内缴纳，不再处理其申请。）',
    },
    publication: {
      website: '丽水市人民政府门户网站',
      url: 'http://www.lishui.gov.cn/',
      contact: '丽水市人民政府办公室（电话：0578-2090000）',
    },
  };
}
