import mammoth from 'mammoth';
import { decodeText, ImportRefused, readWorkbook } from '../../../platform/import/index.js';
import { checkDocx, checkZip, FileRefused, readerLimits } from '../../../platform/sandbox/index.js';

/**
 * The text of an attachment a crawled site publishes, to search it for personal data. Runs in a
 * reader thread (platform/sandbox: heap and time limits; crawler.ts calls it through
 * `sandboxed`), as the records module reads its attachments: DOCX through mammoth, XLSX cell by
 * cell, PDF through pdf.js; a ZIP-based file is measured before it is opened.
 *
 * What a file is, is decided by its bytes, not its name: sites publish DOCX named .doc, and HTML
 * saved as .doc or .xls. Old binary Office files (.doc, .xls, WPS .wps/.et: OLE compound files)
 * have no reader here; their text runs (UTF-16LE and 8-bit) are pulled out as `strings` does,
 * which is enough to find a 身份证号 or a mobile number, not to read the document.
 */
export async function attachmentText(ext: string, bytes: Uint8Array): Promise<string | null> {
  const limits = readerLimits();
  const kind = sniff(ext, bytes);
  try {
    if (kind === 'docx') {
      await checkDocx(bytes, limits);
      return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.trim() || null;
    }
    if (kind === 'xlsx') {
      await checkZip(bytes, limits);
      const sheets = await readWorkbook(bytes);
      return (
        sheets
          .flatMap((s) => s.rows.map((row) => row.filter((c) => c.trim() !== '').join(' ')))
          .filter(Boolean)
          .join('\n')
          .trim() || null
      );
    }
    if (kind === 'pdf') {
      const { pdfText } = await import('../../annual-report/index.js');
      return (await pdfText(bytes)).trim() || null;
    }
    if (kind === 'ole') return oleStrings(bytes) || null;
    return plainText(bytes);
  } catch (e) {
    // Over a limit, or damaged past reading (the platform's refusals, with the reason): the
    // crawler notes it beside the status. Anything else a parser trips on: no text to search.
    if (e instanceof FileRefused) throw e;
    if (e instanceof ImportRefused && /上限|超过|过多/.test(e.message)) throw new FileRefused(e.message);
    return null;
  }
}

type Kind = 'docx' | 'xlsx' | 'pdf' | 'ole' | 'text';

function sniff(ext: string, b: Uint8Array): Kind {
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04)
    return ['xlsx', 'xls', 'et'].includes(ext) ? 'xlsx' : 'docx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'ole';
  return 'text';
}

/** A text file (or HTML saved under an Office name) in UTF-8, UTF-16 or GB18030. */
function plainText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = decodeText(bytes).text;
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
  }
  // HTML saved as .doc/.xls: the tags go, each for a space, so that neighbouring cells stay apart.
  if (/^\s*<(!doctype|html|\?xml)/i.test(text)) text = text.replace(/<[^>]*>/g, ' ');
  return text.trim() || null;
}

/** Runs of at least four readable characters, as UTF-16LE and as 8-bit text (GB18030 read as latin1 loses the Chinese, keeps the digits). */
function oleStrings(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = buf.subarray(0, buf.length & ~1).toString('utf16le');
  const narrow = buf.toString('latin1');
  const runs = (s: string, re: RegExp) => (s.match(re) ?? []).join('\n');
  return [runs(wide, /[\p{L}\p{N}\p{P}\p{Zs}]{4,}/gu), runs(narrow, /[\x20-\x7e]{4,}/g)]
    .filter(Boolean)
    .join('\n');
}
