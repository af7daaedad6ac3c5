import {
  checkNesting,
  checkTextSize,
  checkDocx,
  FileRefused,
  type ReaderLimits,
} from '../../../../platform/sandbox/index.js';
import type { SourceKind } from '../../contract/report.js';
import type { PdfTextEngine } from '../../render/pdf-engines.js';
import { decodeText, detectKind, docxToHtml, htmlToLines, pdfToText, textToLines } from './convert.js';
import { readReport, type ReadResult } from './read.js';

/**
 * Text the readers take at most: a county's report has 10,000–50,000 characters, and the readers
 * spend about a second per million characters of dense figures, so this bounds the time too.
 */
const MAX_CHARACTERS = 1_000_000;

/**
 * One published report, read from its bytes: what runs in a reader thread (platform/sandbox).
 * The limits come first: a text over the size limit is not decoded, a DOCX is opened and
 * measured before mammoth inflates it, an HTML page is measured for depth before it is parsed.
 */
export async function readPublishedFile(
  file: string,
  bytes: Uint8Array,
  opts: { pdfTextEngine?: PdfTextEngine; limits: ReaderLimits },
): Promise<ReadResult & { kind: Exclude<SourceKind, 'built'> }> {
  const { limits } = opts;
  const kind = detectKind(file, bytes);
  let lines: string[];
  if (kind === 'pdf') lines = (await pdfToText(bytes, opts.pdfTextEngine)).split('\n');
  else if (kind === 'docx') {
    await checkDocx(bytes, limits);
    const html = await docxToHtml(bytes);
    checkNesting(html, limits.maxNesting);
    lines = htmlToLines(html);
  } else {
    checkTextSize(bytes, limits.maxTextMb);
    const text = decodeText(bytes);
    if (kind === 'html') {
      checkNesting(text, limits.maxNesting);
      lines = htmlToLines(text);
    } else lines = textToLines(text);
  }
  let characters = 0;
  for (const line of lines) characters += line.length;
  if (characters > MAX_CHARACTERS)
    throw new FileRefused(
      `文件的文字超过 ${MAX_CHARACTERS / 10_000} 万字，不像是一份年度报告（一份报告通常不到 5 万字）：请只提交报告本身`,
    );
  return { kind, ...readReport(lines, { file, kind }) };
}
