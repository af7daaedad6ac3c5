import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Ctx } from '../../platform/context.js';
import type { RequestLetterTable } from './request.tables.js';
import { NotFoundError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import * as repo from './request-case.repository.js';

/** Letters as kept with the case, and as the applicant downloads them (Word). */

export async function lettersOf(ctx: Ctx, requestId: string): Promise<RequestLetterTable[]> {
  return repo.lettersOf(ctx.db, requestId);
}

/** A letter, only for the application it belongs to (the caller has proved access to that). */
export async function letterOf(ctx: Ctx, requestId: string, letterId: string): Promise<RequestLetterTable> {
  const row = isId(letterId) ? await repo.letterById(ctx.db, letterId) : undefined;
  if (!row || row.request_id !== requestId) throw new NotFoundError('未找到该告知书');
  return row;
}

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
