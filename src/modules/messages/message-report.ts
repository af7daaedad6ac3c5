import { figureDefinitions, figureRows, figureText, type MessageStats } from './message-stats.service.js';
import {
  petitionClassLabels,
  petitionOutcomeLabels,
  ticketTypeLabels,
  type PetitionOutcome,
} from './message.js';

/**
 * The monthly 通报 and the annual 信访 report figures (信访工作条例第四十一条) as a workbook: the
 * agency's figures with their definitions, each agency under it side by side (which organs receive
 * most, which are late), and the breakdowns by 诉求类型, 信访事项类别 and 处理意见.
 */
export async function statsWorkbook(
  title: string,
  s: MessageStats,
  children: ReadonlyArray<{ name: string; stats: MessageStats }>,
): Promise<Buffer> {
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.creator = 'Gongkai';
  const head = (ws: import('exceljs').Worksheet, text: string, width: number) => {
    ws.mergeCells(1, 1, 1, width);
    const c = ws.getCell(1, 1);
    c.value = text;
    c.font = { bold: true, size: 14 };
    c.alignment = { horizontal: 'center' };
  };
  const sum = wb.addWorksheet('办理情况');
  sum.columns = [{ width: 22 }, { width: 14 }, { width: 80 }];
  head(sum, title, 3);
  sum.addRow(['指标', '数值', '口径']).font = { bold: true };
  for (const [k, label] of figureRows) sum.addRow([label, figureText(k, s.figures[k]), figureDefinitions[k]]);

  const by = wb.addWorksheet('各机构');
  const keys = figureRows.filter(([k]) =>
    [
      'received',
      'replied',
      'replyRate',
      'onTimeReplyRate',
      'averageDays',
      'overdue',
      'unansweredOver3Months',
      'satisfactionRate',
      'badRatings',
      'badResolved',
    ].includes(k),
  );
  by.columns = [{ width: 28 }, ...keys.map(() => ({ width: 14 }))];
  head(by, `${title}（各机构，含其下级）`, keys.length + 1);
  by.addRow(['机构', ...keys.map(([, l]) => l)]).font = { bold: true };
  for (const c of [...children].sort((a, b) => b.stats.figures.received - a.stats.figures.received))
    by.addRow([c.name, ...keys.map(([k]) => figureText(k, c.stats.figures[k]))]);

  const kinds = wb.addWorksheet('分类');
  kinds.columns = [{ width: 24 }, { width: 14 }];
  head(kinds, `${title}（分类）`, 2);
  kinds.addRow(['诉求类型', '收到']).font = { bold: true };
  for (const t of s.byType) kinds.addRow([ticketTypeLabels[t.type], t.received]);
  kinds.addRow([]);
  kinds.addRow(['信访事项类别', '收到']).font = { bold: true };
  for (const c of s.byClass) kinds.addRow([petitionClassLabels[c.petitionClass], c.received]);
  kinds.addRow([]);
  kinds.addRow(['处理意见', '件数']).font = { bold: true };
  for (const o of s.byOutcome) kinds.addRow([petitionOutcomeLabels[o.outcome as PetitionOutcome], o.count]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
