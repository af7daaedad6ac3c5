import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { RequestLetterTable } from './request.tables.js';

/** The letter as a Word document: 公文 fonts named first, so offices that have them get them. */
export async function letterDocx(letter: RequestLetterTable, agencyName: string): Promise<Buffer> {
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
  const body = letter.body.split(/\n{2,}/).map(
    (para) =>
      new Paragraph({
        spacing: { line: 560 },
        indent: para.endsWith('：') ? undefined : { firstLine: 640 },
        children: para
          .split('\n')
          .flatMap((line, i) => [
            ...(i ? [new TextRun({ break: 1 })] : []),
            new TextRun({ text: line, size: 32, font }),
          ]),
      }),
  );
  const sign = [agencyName, letter.issued_on].map(
    (t) =>
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: t, size: 32, font })] }),
  );
  const doc = new Document({ sections: [{ children: [title, ...body, new Paragraph({}), ...sign] }] });
  return Packer.toBuffer(doc);
}
