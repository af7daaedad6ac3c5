import {
  appealGroupLabels,
  appealResultLabels,
  applicantColumnLabels,
  checkLabels,
  proactiveItems,
  requestRows,
  type AppealGroup,
  type AppealResult,
  type ApplicantColumn,
  type Finding,
} from './report.js';

/**
 * What a person reads for a finding's place in the report. A finding carries a dotted path into
 * the document (`requests.received`, `requests.total[naturalPerson]`, `narrative.section1`) for
 * machines and the cell marks; every page, letter and command line shows this Chinese label
 * instead (glossary §10.6), so no internal code reaches a reader.
 */

export const proactiveFieldLabels: Record<string, string> = {
  made: '本年新制作数量',
  published: '本年新公开数量',
  totalPublished: '对外公开总数量',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  previousYearItems: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  amountTenThousandYuan: '本年收费金额（万元）',
  projects: '采购项目数量',
  amountYuan: '采购总金额（元）',
};

/** Sections by the keys a finding names them with (written reports and reports read back). */
export const sectionLabels: Record<string, string> = {
  section1: '一、总体情况',
  section5: '五、存在的主要问题及改进情况',
  section6: '六、其他需要报告的事项',
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

/** Groups of table 三 a finding may name as a whole (the narrative check's sums). */
const requestGroupLabels: Record<string, string> = {
  withheld: '不予公开',
  unavailable: '无法提供',
  notProcessed: '不予处理',
  other: '其他处理',
};

function requestRowLabel(key: string): string {
  return requestRows.find((r) => r.key === key)?.short ?? requestGroupLabels[key] ?? '某一行';
}

function proactiveItemLabel(item: string): string {
  return proactiveItems['2021'][item]?.label ?? proactiveItems['2019'][item]?.label ?? '某一项';
}

/** `requests.total[naturalPerson]` → 表三“办理结果总计”自然人列; never the path itself. */
export function whereLabel(where: string): string {
  const m = /^([a-z]+)(?:\.([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*))?(?:\[([A-Za-z]+)\])?$/.exec(where);
  if (!m) return '报告';
  const [, part, rest, column] = m;
  const keys = rest ? rest.split('.') : [];
  const columnLabel = column ? `${applicantColumnLabels[column as ApplicantColumn] ?? '某一'}列` : '';
  switch (part) {
    case 'requests': {
      if (!keys.length) return column ? `表三${columnLabel}` : '表三';
      return `表三“${requestRowLabel(keys.join('.'))}”${columnLabel ? `${columnLabel}` : '行'}`;
    }
    case 'appeals': {
      if (!keys.length) return '表四';
      const group = appealGroupLabels[keys[0] as AppealGroup] ?? '某一组';
      const result = keys[1] ? (appealResultLabels[keys[1] as AppealResult] ?? '') : '';
      return `表四${group}${result}`;
    }
    case 'proactive': {
      if (!keys.length) return '表二';
      const field = keys[1] ? (proactiveFieldLabels[keys[1]] ?? '') : '';
      return `表二“${proactiveItemLabel(keys[0]!)}”${field}`;
    }
    case 'narrative':
      return keys.length ? `“${sectionLabels[keys[0]!] ?? '正文'}”` : '正文';
    default:
      return '报告';
  }
}

/** The Chinese words for a finding's kind: 错误 or 提示. */
export function severityLabel(f: Pick<Finding, 'severity'>): string {
  return f.severity === 'error' ? '错误' : '提示';
}

/**
 * A finding as one line a person reads, the same on the report page, in `gongkai report build`
 * and `gongkai report check` and for a finding given over the API: 错误（行合计 · 表三“本年新收”行）：…
 */
export function findingLine(f: Finding): string {
  return `${severityLabel(f)}（${checkLabels[f.check]} · ${whereLabel(f.where)}）：${f.message}`;
}
