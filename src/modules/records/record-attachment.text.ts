import mammoth from 'mammoth';
import { ImportRefused, readWorkbook, type Sheet } from '../../platform/import/index.js';
import {
  checkDocx,
  checkZip,
  FileRefused,
  readerLimits,
  type ReaderLimits,
} from '../../platform/sandbox/index.js';
import { pdfText } from '../annual-report/index.js';

/**
 * An attachment's text for search (DOCX through mammoth, XLSX cell by cell, PDF through pdf.js),
 * read in a reader thread (record-attachment.service.ts). A ZIP-based file is measured before it
 * is opened: one over the limits is refused (FileRefused); a file that is merely damaged gives no
 * text and still attaches.
 */
export async function attachmentText(
  ext: string,
  bytes: Uint8Array,
  limits: ReaderLimits = readerLimits(),
): Promise<string | null> {
  if (ext === 'docx') await checkDocx(bytes, limits);
  if (ext === 'xlsx') await checkZip(bytes, limits);
  try {
    if (ext === 'docx')
      return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.trim() || null;
    if (ext === 'xlsx') {
      // The import kit's reader: the workbook's rows and merged ranges checked before exceljs.
      let sheets: Sheet[];
      try {
        sheets = await readWorkbook(bytes);
      } catch (e) {
        if (e instanceof ImportRefused && /上限|超过|过多/.test(e.message))
          throw new FileRefused(e.problems[0]?.message ?? e.message);
        throw e;
      }
      const text = sheets
        .flatMap((sheet) => sheet.rows.map((row) => row.filter((c) => c.trim() !== '').join(' ')))
        .filter(Boolean)
        .join('\n')
        .trim();
      return text || null;
    }
    // pdf.js, built in (no system package); a scan without a text layer gives nothing.
    if (ext === 'pdf') return (await pdfText(bytes)).trim() || null;
  } catch (e) {
    // A workbook over the kit's limits is refused; a PDF without text (also a FileRefused) is not.
    if (e instanceof FileRefused && ext === 'xlsx') throw e;
    // A file that cannot be read still attaches; it is only not searchable by its content.
    return null;
  }
  return null;
}
