import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { FileRefused } from '../../../../platform/sandbox/index.js';
import type { SourceKind } from '../../contract/report.js';
import type { PdfTextEngine } from '../../render/pdf-engines.js';
import { decodeText, detectKind } from './file-kind.js';
import { pdfLayoutText, PdfTextError } from './pdf-text.js';

export { decodeText, detectKind } from './file-kind.js';

const run = promisify(execFile);

/** A file the checker cannot read, with the reason for the person who gave it. */
export class UnreadableInputError extends FileRefused {}

const MAX_SPAN = 64;

/**
 * An HTML page as lines: each table row becomes a `| a | b |` line with rowspan and colspan
 * expanded into a grid (a spanned cell counts once per row, at its first column), other blocks
 * become lines of their own; scripts, styles and navigation are dropped.
 */
export function htmlToLines(html: string): string[] {
  const $ = cheerio.load(html);
  $('script, style, noscript, iframe, svg').remove();
  const lines: string[] = [];
  const textOf = (el: Parameters<typeof $>[0]) =>
    $(el)
      .text()
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const walk = (el: Parameters<typeof $>[0]): void => {
    $(el)
      .contents()
      .each((_, node) => {
        if (node.type === 'text') {
          const t = $(node)
            .text()
            .replace(/\u00a0/g, ' ')
            .replace(/\s+/g, ' ')
            .trim();
          if (t) lines.push(t);
          return;
        }
        if (node.type !== 'tag') return;
        const tag = node.tagName.toLowerCase();
        if (tag === 'table') {
          // Only the innermost tables carry figures; outer layout tables are walked through.
          if ($(node).find('table').length) return walk(node);
          const pending = new Map<number, { text: string; left: number }>();
          $(node)
            .find('tr')
            .each((_, tr) => {
              const row: string[] = [];
              let col = 0;
              const take = () => {
                while (pending.has(col)) {
                  const p = pending.get(col)!;
                  row.push('');
                  p.left -= 1;
                  if (p.left <= 0) pending.delete(col);
                  col += 1;
                }
              };
              $(tr)
                .children('td, th')
                .each((_, cell) => {
                  take();
                  // Spans beyond any real report's table are damage, not layout: capped.
                  const span = Math.min(
                    MAX_SPAN,
                    Math.max(1, Math.floor(Number($(cell).attr('colspan'))) || 1),
                  );
                  const rows = Math.min(
                    MAX_SPAN,
                    Math.max(1, Math.floor(Number($(cell).attr('rowspan'))) || 1),
                  );
                  const text = textOf(cell);
                  row.push(text);
                  for (let k = 1; k < span; k++) row.push('');
                  if (rows > 1) for (let k = 0; k < span; k++) pending.set(col + k, { text, left: rows - 1 });
                  col += span;
                });
              take();
              if (row.some((c) => c !== '')) lines.push(`| ${row.join(' | ')} |`);
            });
          return;
        }
        if (['br'].includes(tag)) return;
        const block = [
          'p',
          'div',
          'li',
          'h1',
          'h2',
          'h3',
          'h4',
          'h5',
          'h6',
          'section',
          'article',
          'tr',
          'header',
          'footer',
          'main',
          'body',
          'html',
          'center',
          'blockquote',
          'ul',
          'ol',
        ].includes(tag);
        if (block) {
          const before = lines.length;
          walk(node);
          if (lines.length === before) {
            const t = textOf(node);
            if (t) lines.push(t);
          }
        } else {
          const t = textOf(node);
          if (t) {
            if (lines.length && !/^\|/.test(lines[lines.length - 1]!) && tag !== 'a')
              lines[lines.length - 1] += t;
            else lines.push(t);
          }
        }
      });
  };
  walk($.root());
  return lines;
}

/** A text layer too thin to be the report: a scan, or a PDF of images. */
function withTextLayer(text: string): string {
  if (text.replace(/\s+/g, '').length < 20)
    throw new UnreadableInputError('PDF 没有文字层（可能是扫描件），无法读取；请提供带文字的版本');
  return text;
}

/**
 * The text layer of a PDF, laid out in lines in reading order: by pdf.js (the default, no system
 * package needed) or by poppler's `pdftotext -layout` where configured (PDF_TEXT_ENGINE=poppler).
 */
export async function pdfToText(bytes: Uint8Array, engine: PdfTextEngine = 'builtin'): Promise<string> {
  if (engine === 'poppler') return popplerText(bytes);
  let text: string;
  try {
    text = await pdfLayoutText(bytes);
  } catch (e) {
    // A page pdf.js cannot decode (a damaged stream) is damage too, not a fault of the reader.
    throw new UnreadableInputError(
      e instanceof PdfTextError && e.reason === 'encrypted'
        ? '无法读取 PDF：文件受密码保护'
        : '无法读取 PDF：文件已损坏或不是 PDF',
    );
  }
  return withTextLayer(text);
}

/** The text layer by pdf.js alone (for other modules: attachments' text for search). */
export function pdfBuiltinText(bytes: Uint8Array): Promise<string> {
  return pdfToText(bytes, 'builtin');
}

/** The text layer through Debian's pdftotext (poppler-utils), keeping the layout. */
async function popplerText(bytes: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    let stdout: string;
    try {
      ({ stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT')
        throw new UnreadableInputError(
          '无法读取 PDF：本机未安装 pdftotext（Debian 软件包 poppler-utils）；不设 PDF_TEXT_ENGINE 即用内置的读取程序',
        );
      throw new UnreadableInputError('无法读取 PDF：文件已损坏或受密码保护');
    }
    return withTextLayer(stdout.replace(/\f/g, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth');
  try {
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return value;
  } catch {
    throw new UnreadableInputError('无法读取 DOCX：文件已损坏或不是 Word 文档');
  }
}

/**
 * A line no report has: longer ones (a file of one 9 MB line) are cut into pieces, which the
 * readers take in linear time and memory instead of trying every pattern on the whole line.
 */
const MAX_LINE = 10_000;

/** Plain text or Markdown as lines. */
export function textToLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.length <= MAX_LINE) lines.push(line);
    else for (let i = 0; i < line.length; i += MAX_LINE) lines.push(line.slice(i, i + MAX_LINE));
  }
  return lines;
}

/**
 * Any input as the lines the readers work on, in this thread and without the reader limits
 * (tests of the readers' logic; files from outside go through reader/read-file.ts in a reader
 * thread).
 */
export async function toLines(
  name: string,
  bytes: Uint8Array,
  opts: { pdfTextEngine?: PdfTextEngine } = {},
): Promise<{ kind: Exclude<SourceKind, 'built'>; lines: string[] }> {
  const kind = detectKind(name, bytes);
  if (kind === 'pdf') return { kind, lines: (await pdfToText(bytes, opts.pdfTextEngine)).split('\n') };
  if (kind === 'docx') return { kind, lines: htmlToLines(await docxToHtml(bytes)) };
  const text = decodeText(bytes);
  if (kind === 'html') return { kind, lines: htmlToLines(text) };
  return { kind, lines: textToLines(text) };
}
