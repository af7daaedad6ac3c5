import type { Ctx } from '../../../platform/context.js';
import { NotFoundError } from '../../../platform/errors.js';
import { reportSettings } from '../annual-report.settings.js';
import {
  pdfOptionsOf,
  render,
  renderFormats,
  type PdfOptions,
  type RenderedReport,
  type RenderFormat,
} from '../render/index.js';
import { renderInputOf } from './annual-report.presenter.js';
import * as annualReports from './annual-report.service.js';
import type { AnnualReportView } from './annual-report.service.js';

/** A report as a file to download: its bytes, type and the name it is saved under. */
export interface ReportFile extends RenderedReport {
  fileName: string;
}

// A published report never changes, so its files are made once and kept (a few dozen at most);
// PDFs are made one at a time, so a burst of downloads cannot start a browser (or hold the
// built-in engine's fonts) per request.
const cache = new Map<string, RenderedReport>();
let printing: Promise<unknown> = Promise.resolve();

async function rendered(
  view: AnnualReportView,
  format: RenderFormat,
  pdf: PdfOptions,
): Promise<RenderedReport> {
  const key = `${view.id}:${format}:${pdf.engine ?? 'builtin'}`;
  const frozen = view.state !== 'draft';
  const hit = frozen ? cache.get(key) : undefined;
  if (hit) return hit;
  const make = () => render(renderInputOf(view), format, { pdf });
  const out = (
    format === 'pdf' ? await (printing = printing.catch(() => undefined).then(make)) : await make()
  ) as RenderedReport;
  if (frozen) {
    if (cache.size >= 48) cache.delete(cache.keys().next().value!);
    cache.set(key, out);
  }
  return out;
}

async function fileOf(ctx: Ctx, view: AnnualReportView, format: string): Promise<ReportFile> {
  if (!(renderFormats as readonly string[]).includes(format)) throw new NotFoundError('没有这种格式');
  const out = await rendered(view, format as RenderFormat, pdfOptionsOf(reportSettings.of(ctx)));
  const version = view.version > 1 ? `（第${view.version}版）` : '';
  return {
    ...out,
    fileName: `${view.title}${view.year}年政府信息公开工作年度报告${version}.${out.extension}`,
  };
}

/** A report (draft or published) as a file, for staff who may read it. */
export async function reportFile(ctx: Ctx, id: string, format: string): Promise<ReportFile> {
  return fileOf(ctx, await annualReports.get(ctx, id), format);
}

/** A published (or superseded) report as a file, for anyone. */
export async function publicReportFile(ctx: Ctx, id: string, format: string): Promise<ReportFile> {
  const view = await annualReports.publicView(ctx, id);
  if (!view) throw new NotFoundError('未找到该年度报告');
  return fileOf(ctx, view, format);
}
