import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { checkZip, readerLimits, type ReaderLimits } from '../../platform/sandbox/index.js';
import { pdfText } from '../annual-report/index.js';

/**
 * An attachment's text for search (DOCX through mammoth, XLSX cell by cell, PDF through pdf.js),
 * read in a reader thread (record-attachment.service.ts). A ZIP-based file is measured before it
 * is opened: one over the limits is refused (FileRefused, from checkZip); a file that is merely damaged gives
 * no text and still attaches.
 */
export async function attachmentText(
  ext: string,
  bytes: Uint8Array,
  limits: ReaderLimits = readerLimits(),
): Promise<string | null> {
  const buffer = Buffer.from(bytes);
  if (ext === 'docx' || ext === 'xlsx') checkZip(bytes, limits);
  try {
    if (ext === 'docx') return (await mammoth.extractRawText({ buffer })).value.trim() || null;
    if (ext === 'xlsx') {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(buffer as unknown as ArrayBuffer);
      const parts: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => {
          const cells = (row.values as unknown[]).filter((v) => v !== null && v !== undefined && v !== '');
          parts.push(
            cells
              .map((v) =>
                typeof v === 'object'
                  ? String((v as { text?: unknown }).text ?? (v as { result?: unknown }).result ?? '')
                  : String(v),
              )
              .join(' '),
          );
        }),
      );
      return parts.join('\n').trim() || null;
    }
    // pdf.js, built in (no system package); a scan without a text layer gives nothing.
    if (ext === 'pdf') return (await pdfText(bytes)).trim() || null;
  } catch {
    // A file that cannot be read still attaches; it is only not searchable by its content.
    return null;
  }
  return null;
}
