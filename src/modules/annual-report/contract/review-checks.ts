import { mayMakeRules, governmentLevel, type GovernmentLevel } from './agency-level.js';
import type { ReadInfo } from './read-info.js';
import {
  applicantColumnLabels,
  applicantColumns,
  checkSeverity,
  notProcessedRows,
  otherRows2021,
  unavailableRows,
  withheldRows,
  rowDef,
  type Finding,
  type Proactive2019,
  type Proactive2021,
  type ReportData,
  type ReportFacts,
  type RequestRowKey,
} from './report.js';
import { figureText, isCheckable } from './figure-text.js';

/**
 * The checks of a report that depend on how it was read or on what the text says:
 * completeness, blank, narrative and plausibility (../shared/reference/annual-report-data.md).
 */

const finding = (
  check: Finding['check'],
  where: string,
  message: string,
  expected?: number | null,
  actual?: number | null,
): Finding => ({
  check,
  severity: checkSeverity[check],
  where,
  ...(expected !== undefined ? { expected } : {}),
  ...(actual !== undefined ? { actual } : {}),
  message,
});

const sectionNames: Record<keyof ReadInfo['sections'], string> = {
  overview: '一、总体情况',
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

export function checkCompleteness(data: ReportData, info: ReadInfo): Finding[] {
  const out: Finding[] = [];
  for (const [key, name] of Object.entries(sectionNames) as Array<[keyof ReadInfo['sections'], string]>) {
    if (!info.sections[key])
      out.push(
        finding(
          'completeness',
          key === 'requests'
            ? 'requests'
            : key === 'appeals'
              ? 'appeals'
              : key === 'proactive'
                ? 'proactive'
                : `narrative.${key}`,
          `未找到“${name}”部分（原文可能缺失或被截断）`,
        ),
      );
  }
  if (info.sections.requests && info.missingRows.length) {
    const labels = info.missingRows.map((k) => rowDef(k).short);
    out.push(
      finding(
        'completeness',
        'requests',
        `表三缺少 ${labels.length} 行（原文可能被截断）：${labels.join('、')}`,
      ),
    );
  }
  for (const u of info.unreadable) {
    out.push(finding('completeness', u.where, `${u.line ? `第 ${u.line} 行：` : ''}${u.reason}，未计入检查`));
  }
  if (
    info.sections.appeals &&
    Object.keys(data.appeals).length === 0 &&
    !info.unreadable.some((u) => u.where === 'appeals')
  ) {
    out.push(finding('completeness', 'appeals', '表四（行政复议、行政诉讼）没有读到数字'));
  }
  if (
    data.format === '2021' &&
    info.sections.other &&
    info.otherText !== null &&
    !/信息处理费|收费/.test(info.otherText)
  ) {
    out.push(
      finding(
        'completeness',
        'narrative.other',
        '2021 年格式要求在“六、其他需要报告的事项”中说明信息处理费（发出收费通知件数、总金额、实际收取金额），原文未见',
      ),
    );
  }
  return out;
}

/** Sections 一, 五 and 六 as the platform's template starts them, in the order a form shows them. */
const writtenSections = [
  ['一', 'section1', '一、总体情况'],
  ['五', 'section5', '五、存在的主要问题及改进情况'],
  ['六', 'section6', '六、其他需要报告的事项'],
] as const;

/** A template prompt left in the text: “（请填写…）”, “（请说明。）”, “（请写明…）”, “（待补充）”… */
const promptPattern = /[（(](?:请|待)[^）)]{0,60}[）)]/;
/** Placeholders a writer leaves for later: XX, ××, ＿＿, 【】, 某某. */
const placeholderPattern = /XX|ＸＸ|××|＿{2,}|_{2,}|【\s*】|〔\s*〕|某某/;
/** A paragraph cut off: ending in …… or in a comma or 顿号 (a colon only as a section's last). */
const cutOffPattern = /(?:…|\.{3}|[，,、；;])\s*$/;
const endsOnColon = /[：:]\s*$/;

/** What is unfinished in a paragraph, in words, or null when it reads as finished. */
function unfinished(paragraph: string, last: boolean): string | null {
  const prompt = promptPattern.exec(paragraph);
  if (prompt) return `仍有提示“${prompt[0]}”`;
  const placeholder = placeholderPattern.exec(paragraph);
  if (placeholder) return `仍有待填的“${placeholder[0]}”`;
  if (cutOffPattern.test(paragraph) || (last && endsOnColon.test(paragraph))) return '段落没有写完';
  return null;
}

/**
 * Does the finding stop the office head from publishing a report written on the platform? Every
 * error, and every unfinished section or paragraph: a warning in the contract (a report read back
 * from its published text is only told about it), but nothing the public may read as published.
 */
export function blocksPublication(f: Finding): boolean {
  return f.severity === 'error' || (f.check === 'completeness' && f.where.startsWith('narrative.'));
}

/** The opening words of a paragraph, to find it by. */
const opening = (p: string) => (p.length > 18 ? `${p.slice(0, 18)}…` : p);

/**
 * completeness of a report written on the platform: a section still blank, or a paragraph still
 * holding one of the template's “（请填写…）” prompts, a placeholder or a sentence cut off (the
 * report cannot be published so: `blocksPublication`), and, in the 2021 format, a section 六
 * that does not state the 信息处理费 (国办公开办函〔2021〕30号).
 */
export function checkWritten(data: ReportData, facts: ReportFacts = {}): Finding[] {
  const out: Finding[] = [];
  const sections = data.narrative.sections ?? {};
  const unfinishedText = (key: string, message: string): Finding =>
    finding('completeness', `narrative.${key}`, message);
  for (const [n, key, name] of writtenSections) {
    const text = sections[n] ?? '';
    if (!text.trim()) {
      out.push(unfinishedText(key, `“${name}”尚未填写`));
      continue;
    }
    const paragraphs = text
      .split(/\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    paragraphs.forEach((p, i) => {
      const what = unfinished(p, i === paragraphs.length - 1);
      if (what)
        out.push(unfinishedText(key, `“${name}”第 ${i + 1} 段（“${opening(p)}”）${what}，写完后才能发布`));
    });
  }
  if (data.format === '2021' && !/信息处理费/.test(sections.六 ?? '')) {
    const fee = facts.processingFees;
    const known = fee
      ? `：本年发出收费通知 ${figureText(fee.notices)} 件，总金额 ${figureText(fee.noticedYuan)} 元；` +
        `实际收取 ${figureText(fee.collectedYuan)} 元（${figureText(fee.paid)} 件）`
      : '';
    out.push(
      finding(
        'completeness',
        'narrative.section6',
        `“六、其他需要报告的事项”应说明信息处理费的收取情况（2021 年格式）${known}`,
      ),
    );
  }
  return out;
}

export function checkBlanks(info: ReadInfo): Finding[] {
  return info.blankCells.map((b) => {
    const cols = b.columns.map((i) => applicantColumnLabels[applicantColumns[i]!]);
    const all = b.columns.length === 7;
    return finding(
      'blank',
      `requests.${b.row}`,
      `第 ${b.line} 行：表三“${rowDef(b.row).short}”${all ? '整行' : `的 ${cols.join('、')} 列`}为空白，按 0 计`,
    );
  });
}

/** The sum of one column over rows, or null when a row is absent or a cell is not a figure to add. */
const sum = (data: ReportData, keys: RequestRowKey[], col = 6): number | null => {
  let total = 0;
  for (const k of keys) {
    const row: unknown = data.requests[k];
    const v: unknown = Array.isArray(row) ? row[col] : undefined;
    if (!isCheckable(v)) return null;
    total += v;
  }
  return total;
};

/** What each narrative measure corresponds to in the tables, and how to name it. */
function tableValue(
  data: ReportData,
  measure: string,
): { value: number | null; where: string; name: string } {
  const a = data.appeals;
  const appeal = (group: 'review' | 'litigationDirect' | 'litigationAfterReview', result: string) => {
    const v: unknown = (a[group] as Record<string, unknown> | undefined)?.[result];
    return isCheckable(v) ? v : undefined;
  };
  const litigation = (result: string) => {
    const d = appeal('litigationDirect', result);
    const r = appeal('litigationAfterReview', result);
    return d === undefined || r === undefined ? null : d + r;
  };
  const other =
    data.format === '2021' && !data.requests.other ? sum(data, [...otherRows2021]) : sum(data, ['other']);
  const printedInForce: unknown =
    data.format === '2021' ? (data.proactive as Proactive2021).normativeDocuments?.inForce : null;
  const inForce = isCheckable(printedInForce) ? printedInForce : null;
  switch (measure) {
    case 'received':
      return { value: sum(data, ['received']), where: 'requests.received', name: '表三“本年新收”总计' };
    case 'received.naturalPerson':
      return { value: sum(data, ['received'], 0), where: 'requests.received', name: '表三“本年新收”自然人' };
    case 'received.commercialEnterprise':
      return {
        value: sum(data, ['received'], 1),
        where: 'requests.received',
        name: '表三“本年新收”商业企业',
      };
    case 'carriedOver':
      return { value: sum(data, ['carriedOver']), where: 'requests.carriedOver', name: '表三“上年结转”总计' };
    case 'closed':
      return { value: sum(data, ['total']), where: 'requests.total', name: '表三“（七）总计”' };
    case 'carriedForward':
      return {
        value: sum(data, ['carriedForward']),
        where: 'requests.carriedForward',
        name: '表三“结转下年度继续办理”总计',
      };
    case 'grantedOrPartial':
      return {
        value: sum(data, ['granted', 'partiallyGranted']),
        where: 'requests.granted',
        name: '表三“予以公开”与“部分公开”之和',
      };
    case 'partiallyGranted':
      return {
        value: sum(data, ['partiallyGranted']),
        where: 'requests.partiallyGranted',
        name: '表三“部分公开”总计',
      };
    case 'granted':
      return { value: sum(data, ['granted']), where: 'requests.granted', name: '表三“予以公开”总计' };
    case 'withheld':
      return {
        value: sum(data, [...withheldRows]),
        where: 'requests.withheld',
        name: '表三“不予公开”各项之和',
      };
    case 'unavailable':
      return {
        value: sum(data, [...unavailableRows]),
        where: 'requests.unavailable',
        name: '表三“无法提供”各项之和',
      };
    case 'notProcessed':
      return {
        value: sum(data, [...notProcessedRows]),
        where: 'requests.notProcessed',
        name: '表三“不予处理”各项之和',
      };
    case 'other':
      return { value: other, where: 'requests.other', name: '表三“其他处理”' };
    case 'review':
      return { value: appeal('review', 'total') ?? null, where: 'appeals.review', name: '表四行政复议总计' };
    case 'litigation':
      return {
        value: litigation('total'),
        where: 'appeals.litigationDirect',
        name: '表四行政诉讼总计（两类之和）',
      };
    case 'normativeDocuments.inForce':
      return { value: inForce, where: 'proactive.normativeDocuments', name: '表二现行有效行政规范性文件' };
    default: {
      const m = /^(review|litigation)\.(upheld|corrected|other|pending)$/.exec(measure);
      if (m) {
        const v = m[1] === 'review' ? (appeal('review', m[2]!) ?? null) : litigation(m[2]!);
        return {
          value: v,
          where: m[1] === 'review' ? 'appeals.review' : 'appeals.litigationDirect',
          name: `表四${m[1] === 'review' ? '行政复议' : '行政诉讼'}${{ upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' }[m[2]!]}`,
        };
      }
      return { value: null, where: 'narrative', name: measure };
    }
  }
}

export function checkNarrative(data: ReportData): Finding[] {
  const out: Finding[] = [];
  for (const f of data.narrative.figures ?? []) {
    const t = tableValue(data, f.measure);
    // A figure of the text the reader could not hold (or a measure no table has) is not compared.
    if (t.value === null || !isCheckable(f.value) || t.value === f.value) continue;
    out.push(
      finding(
        'narrative',
        t.where,
        `正文“${f.text}”写 ${figureText(f.value)} 件，与${t.name} ${figureText(t.value)} 不符`,
        t.value,
        f.value,
      ),
    );
  }
  return out;
}

export function checkPlausibility(data: ReportData, level?: GovernmentLevel | null): Finding[] {
  const out: Finding[] = [];
  const rules = data.proactive.rules as (Proactive2019['rules'] & Proactive2021['rules']) | undefined;
  if (!rules) return out;
  const figures = Object.values(rules).filter((v) => typeof v === 'number' && v > 0);
  if (figures.length === 0) return out;
  const allowed = mayMakeRules(data.agency, level);
  if (allowed !== false) return out;
  const l = level ?? governmentLevel(data.agency);
  const who = l === 'county' ? '县级人民政府' : l === 'township' ? '乡镇人民政府' : '本机关';
  const agency = data.agency ? `“${data.agency}”` : '该机关';
  const printed = Object.values(rules as Record<string, unknown>)
    .map(figureText)
    .join('、');
  out.push(
    finding(
      'plausibility',
      'proactive.rules',
      `规章只能由省、自治区、直辖市和设区的市、自治州人民政府制定；${agency}属于${who}，表二却填报了规章（${printed}），请核实是否应填入规范性文件`,
    ),
  );
  return out;
}
