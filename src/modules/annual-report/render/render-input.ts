import { formatForYear, type ReportData, type ReportFormat } from '../contract/report.js';

/**
 * What every renderer of a 政府信息公开工作年度报告 takes: the report's figures (the
 * `gongkai.annual-report/1` data), the three narrative sections the tables do not give
 * (一、五、六), and the title information. Renderers are pure apart from their output library.
 */
export interface RenderInput {
  /** The figures of sections 二, 三 and 四; `data.format` decides the layout. */
  data: ReportData;
  /** 机关名称, as in the title: 某某市人民政府. */
  agency: string;
  /** The report year (the statistical year, not the year of publication). */
  year: number;
  /** Narrative text; a blank line or a line break starts a new paragraph. Empty prints "无。". */
  narrative: { section1: string; section5: string; section6: string };
  /** Optional parts of the standard opening paragraph. */
  publication?: {
    /** Where the electronic version is published, e.g. “某某市人民政府”门户网站. */
    website?: string;
    /** Its address, e.g. http://www.example.gov.cn/ */
    url?: string;
    /** Who to contact, e.g. 某某市人民政府办公室（地址：…；电话：…）. */
    contact?: string;
  };
}

export type SectionNumber = '一' | '二' | '三' | '四' | '五' | '六';

/** The six section headings; both national formats use the same six (legal.md §1.1, §2.1). */
export const sectionHeadings: Record<SectionNumber, string> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};

export const sectionOrder: readonly SectionNumber[] = ['一', '二', '三', '四', '五', '六'];

export class RenderInputError extends Error {}

/** The layout of the tables: the data's own format, which must be the format of the year. */
export function formatOf(input: RenderInput): ReportFormat {
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2999)
    throw new RenderInputError(`报告年度无效：${input.year}`);
  if (!input.agency.trim()) throw new RenderInputError('机关名称不能为空');
  const expected = formatForYear(input.year);
  if (input.data.format !== expected)
    throw new RenderInputError(
      `${input.year} 年度报告应使用 ${expected} 年格式，数据却是 ${input.data.format} 年格式`,
    );
  return input.data.format;
}

/** {机关名称}{YYYY}年政府信息公开工作年度报告 */
export function titleOf(input: RenderInput): string {
  return `${input.agency.trim()}${input.year}年政府信息公开工作年度报告`;
}

/** A file name for a download of the report in a format. */
export function fileNameOf(input: RenderInput, extension: string): string {
  return `${titleOf(input).replace(/[\\/:*?"<>|\s]+/g, '')}.${extension}`;
}

/** The standard opening paragraph (legal basis, the six parts, the statistical period, where and whom). */
export function openingParagraph(input: RenderInput): string {
  const y = input.year;
  const notice =
    formatOf(input) === '2019'
      ? '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）'
      : '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）';
  const parts = [
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${notice}要求编制。`,
    '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。',
    `本报告中所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。`,
  ];
  const p = input.publication ?? {};
  if (p.website || p.url) {
    const where = [p.website, p.url ? `（${p.url}）` : ''].filter(Boolean).join('');
    parts.push(`本报告电子版可在${where}查阅或下载。`);
  }
  if (p.contact) parts.push(`如对本报告有疑问，请与${p.contact}联系。`);
  return parts.join('');
}

/** A narrative text as paragraphs: each non-empty line is one; an empty text is "无。". */
export function paragraphsOf(text: string): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return paragraphs.length ? paragraphs : ['无。'];
}

/** The narrative of a section (一、五、六) by its number. */
export function narrativeOf(input: RenderInput, section: '一' | '五' | '六'): string[] {
  const n = input.narrative;
  return paragraphsOf(section === '一' ? n.section1 : section === '五' ? n.section5 : n.section6);
}
