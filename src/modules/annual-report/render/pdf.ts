import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { renderHtml } from './html.js';
import { renderPdfBuiltin } from './pdf-builtin.js';
import type { PdfEngines, ReportPdfEngine } from './pdf-engines.js';
import { formatOf, type RenderInput } from './render-input.js';

/**
 * The report as PDF, by one of two engines (REPORT_PDF_ENGINE): `builtin` (the default) draws it
 * with pdfkit and the Noto Serif SC font of an npm package (pdf-builtin.ts); `chromium` prints the
 * standalone HTML document with Chromium (Debian's, driven by playwright-core), A4, with page
 * numbers. Chromium embeds the fonts it draws with; where the 公文 fonts are not installed those
 * are the Noto CJK fonts of fonts-noto-cjk.
 */

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../platform/chromium.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../platform/chromium.js';

export class PdfRenderError extends Error {}

export interface PdfOptions {
  /** Who draws the PDF; built in unless configured (REPORT_PDF_ENGINE). */
  engine?: ReportPdfEngine;
  /** Chromium only: a running browser to print with (it is left open); otherwise one is launched and closed. */
  browser?: Browser;
  /** Chromium only: the executable when launching; default /usr/bin/chromium (REPORT_PDF_CHROMIUM_PATH). */
  executablePath?: string;
}

async function launch(executablePath: string): Promise<Browser> {
  if (!existsSync(executablePath))
    throw new PdfRenderError(
      `REPORT_PDF_ENGINE=chromium 时生成 PDF 需要 Chromium（${executablePath}），本机未安装；Debian 上可用 apt-get install chromium fonts-noto-cjk 安装，或不设 REPORT_PDF_ENGINE 改用内置引擎`,
    );
  // Loaded on first use: playwright-core is needed only to print, not to import this module.
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new PdfRenderError('生成 PDF 需要 npm 软件包 playwright-core，本机未安装');
  }
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (e) {
    throw new PdfRenderError(`Chromium 启动失败：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Page numbers in the footer, 公文 style: — 1 —. */
const footerTemplate =
  '<div style="width:100%;text-align:center;font-size:10pt;font-family:\'Noto Serif CJK SC\',serif;">' +
  '— <span class="pageNumber"></span> —</div>';

/** The options of the configured engine (the module's settings, as installed). */
export function pdfOptionsOf(
  engines: Pick<PdfEngines, 'reportPdfEngine' | 'reportPdfChromiumPath'>,
): PdfOptions {
  return { engine: engines.reportPdfEngine, executablePath: engines.reportPdfChromiumPath };
}

export async function renderPdf(input: RenderInput, opts: PdfOptions = {}): Promise<Buffer> {
  if ((opts.engine ?? 'builtin') === 'builtin') return renderPdfBuiltin(input);
  return printWithChromium(input, opts);
}

/** The standalone HTML report printed by Chromium. */
export async function printWithChromium(input: RenderInput, opts: PdfOptions = {}): Promise<Buffer> {
  formatOf(input);
  const html = renderHtml(input);
  const browser = opts.browser ?? (await launch(opts.executablePath ?? CHROMIUM_PATH));
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate,
        tagged: true,
      });
      return Buffer.from(pdf);
    } finally {
      await context.close();
    }
  } finally {
    if (!opts.browser) await browser.close();
  }
}
