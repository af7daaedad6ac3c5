import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';
import { reportFields, type ReportField } from './media.js';

const reportFieldKeys: readonly string[] = reportFields;

/**
 * 政务新媒体's thresholds (services.md §1.2: thresholds are data) and the field list of the 年度报表
 * (国办函〔2018〕12号), whose exact fields were not verified (services.md §8 item 6).
 */
export const mediaSettings = defineSettings({
  vetoDays: {
    env: 'MEDIA_VETO_DAYS',
    doc: 'Days without a post after which an open account is flagged 单项否决 (国办秘函〔2019〕19号: 两周未更新). Default 14.',
    default: '14',
    parse: integerBetween(2, 365),
  },
  warnDays: {
    env: 'MEDIA_WARN_DAYS',
    doc: 'Days without a post after which the operator and the office head are warned on the 工作台 (must be below MEDIA_VETO_DAYS). Default 10.',
    default: '10',
    parse: integerBetween(1, 364),
  },
  unansweredWindowDays: {
    env: 'MEDIA_UNANSWERED_WINDOW_DAYS',
    doc: 'The daily check counts messages received and not answered in activity periods that ended within this many days. Default 30.',
    default: '30',
    parse: integerBetween(1, 366),
  },
  reportFields: {
    env: 'MEDIA_REPORT_FIELDS',
    doc: `Columns of the new-media part of the 政府网站与政务新媒体工作年度报表 (XLSX), comma-separated, from: ${reportFieldKeys.join(', ')}. Default platform,name,posts,followers (名称、信息发布量、关注量 per platform; the official field list is not verified).`,
    default: 'platform,name,posts,followers',
    parse: (raw) => {
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.filter((k) => !reportFieldKeys.includes(k));
      if (list.length === 0 || bad.length)
        throw new BadValue(`应为以逗号分隔的 ${reportFieldKeys.join('、')}`);
      return list as ReportField[];
    },
  },
});
