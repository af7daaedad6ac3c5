import type { SourceKind } from '../../contract/report.js';

// Apart from the converters (convert.ts), which load cheerio: the server process asks a file's
// kind before it hands the file to a reader thread, and should not load an HTML parser for that.

/** Guesses the kind of a file from its name and first bytes. */
export function detectKind(name: string, bytes: Uint8Array): Exclude<SourceKind, 'built'> {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('PK') && /\.docx$/i.test(name)) return 'docx';
  if (head.startsWith('PK')) return 'docx';
  if (/\.html?$/i.test(name) || /<(!doctype html|html|table|body)/i.test(decodeText(bytes.subarray(0, 8192))))
    return 'html';
  if (/\.(md|markdown)$/i.test(name)) return 'markdown';
  return 'text';
}

/** UTF-8, or GB18030 when the bytes are not valid UTF-8 (many older government pages). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
