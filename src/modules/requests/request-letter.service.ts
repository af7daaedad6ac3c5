import { chineseDate, paragraphsOf } from './request-letter.js';
import type { RequestLetterTable } from './request.tables.js';

/**
 * The letter as a Word document: 公文 fonts named first, so offices that have them get them; one
 * Word paragraph per paragraph of the letter (the salutation flush left, the others indented two
 * characters), then the 落款 and the 成文日期 on the right.
 */
export async function letterDocx(
  letter: Pick<RequestLetterTable, 'title' | 'body' | 'issued_on'>,
  agencyName: string,
): Promise<Buffer> {
  // The docx package (about 10 MB) is loaded on the first letter, not with the server.
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 400 },
    children: [
      new TextRun({
        text: letter.title,
        bold: true,
        size: 36,
        font: { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' },
      }),
    ],
  });
  const body = paragraphsOf(letter.body).map(
    (para, i) =>
      new Paragraph({
        spacing: { line: 560 },
        indent: i === 0 && para.endsWith('：') ? undefined : { firstLine: 640 },
        children: [new TextRun({ text: para, size: 32, font })],
      }),
  );
  const sign = [agencyName, chineseDate(letter.issued_on)].map(
    (t) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { line: 560 },
        children: [new TextRun({ text: t, size: 32, font })],
      }),
  );
  const doc = new Document({
    title: letter.title,
    sections: [{ children: [title, ...body, new Paragraph({}), ...sign] }],
  });
  return Packer.toBuffer(doc);
}
