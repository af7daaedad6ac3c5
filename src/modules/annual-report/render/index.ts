import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf, type PdfOptions } from './pdf.js';
import { fileNameOf, formatOf, type RenderInput } from './render-input.js';
import { renderXlsx } from './xlsx.js';

/**
 * Renderers of the 政府信息公开工作年度报告 in the national layout (legal.md §1, §2), from its
 * data (`gongkai.annual-report/1`) and narrative: JSON, HTML, Markdown, DOCX, XLSX and PDF.
 */

export type RenderFormat = 'json' | 'html' | 'docx' | 'xlsx' | 'pdf' | 'md';

export const renderFormats: readonly RenderFormat[] = ['json', 'html', 'docx', 'xlsx', 'pdf', 'md'];

export interface RenderedReport {
  bytes: Buffer;
  mediaType: string;
  extension: string;
}

export const renderMediaTypes: Record<RenderFormat, { mediaType: string; extension: string }> = {
  json: { mediaType: 'application/json; charset=utf-8', extension: 'json' },
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html' },
  md: { mediaType: 'text/markdown; charset=utf-8', extension: 'md' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
};

/**
 * The report as interchange data: the figures with the title information and the narrative
 * sections (一、五、六) filled in, findings as given.
 */
export function reportJson(input: RenderInput): RenderInput['data'] {
  formatOf(input);
  const n = input.narrative;
  return {
    ...input.data,
    agency: input.agency,
    year: input.year,
    narrative: {
      ...input.data.narrative,
      sections: { ...input.data.narrative.sections, 一: n.section1, 五: n.section5, 六: n.section6 },
    },
  };
}

export async function render(
  input: RenderInput,
  format: RenderFormat,
  opts: { pdf?: PdfOptions } = {},
): Promise<RenderedReport> {
  const type = renderMediaTypes[format];
  if (!type) throw new RangeError(`不支持的格式：${String(format)}`);
  let bytes: Buffer;
  switch (format) {
    case 'json':
      bytes = Buffer.from(`${JSON.stringify(reportJson(input), null, 2)}\n`, 'utf8');
      break;
    case 'html':
      bytes = Buffer.from(renderHtml(input), 'utf8');
      break;
    case 'md':
      bytes = Buffer.from(renderMarkdown(input), 'utf8');
      break;
    case 'docx':
      bytes = await renderDocx(input);
      break;
    case 'xlsx':
      bytes = await renderXlsx(input);
      break;
    case 'pdf':
      bytes = await renderPdf(input, opts.pdf);
      break;
  }
  return { bytes, ...type };
}

/** A download name: {机关名称}{YYYY}年政府信息公开工作年度报告.{ext} */
export function renderedFileName(input: RenderInput, format: RenderFormat): string {
  return fileNameOf(input, renderMediaTypes[format].extension);
}

/** The Word writer and its docx package (about 10 MB) are loaded on first use, not with the server. */
export async function renderDocx(input: RenderInput): Promise<Buffer> {
  return (await import('./docx.js')).renderDocx(input);
}
export { renderHtml, renderHtmlFragment, reportCss, escapeHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { renderPdf, pdfOptionsOf, PdfRenderError, type PdfOptions } from './pdf.js';
export { renderPdfBuiltin } from './pdf-builtin.js';
export { pdfSettingKeys, type PdfEngines, type PdfTextEngine, type ReportPdfEngine } from './pdf-engines.js';
export { renderXlsx, sheetNames } from './xlsx.js';
export {
  formatOf,
  openingParagraph,
  sectionHeadings,
  titleOf,
  fileNameOf,
  RenderInputError,
  type RenderInput,
} from './render-input.js';
export { tablesOf, balanceNote, type LayoutTable, type LayoutCell } from './layout.js';
export { sample2020, sample2022 } from './samples.js';
export { readBack, type ReadBack } from './verify.js';
