import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { ValidationError } from '../../platform/errors.js';
import type { YearNotice } from './calendar-notices.data.js';
import * as calendar from './calendar.service.js';

/** `gongkai calendar workdays|days|import|list`. */
export function registerCalendarCommands(program: Command, io: CliContext): void {
  const cal = program.command('calendar').description('工作日与节假日安排');
  // One command per unit: 工作日 (条例's periods) and 日 (信访's, 民法典第二百零三条).
  const period = (unit: 'workdays' | 'days') => {
    const workdays = unit === 'workdays';
    cal
      .command(unit)
      .description(
        workdays
          ? '从某日起算 N 个工作日（受理当日不计入），给出期限和跳过的日子'
          : '从某日起算 N 日（自次日起算；期间最后一日为休息日或节假日的，顺延至其后第一个工作日）',
      )
      .requiredOption(
        '--from <YYYY-MM-DD>',
        workdays ? '起算日（如收到申请之日）' : '起算日（如收到信访事项之日）',
      )
      .requiredOption('--add <N>', workdays ? '工作日数' : '日数')
      .option('--json', '以 JSON 输出')
      .action((o: { from: string; add: string; json?: boolean }) =>
        io.withCtx(async (ctx) => {
          if (!/^\d+$/.test(o.add))
            throw ValidationError.one('add', workdays ? '工作日数应为非负整数' : '天数应为非负整数');
          const r = await (workdays ? calendar.workdays : calendar.days)(ctx, o.from, Number(o.add));
          if (o.json) {
            const { from, add, due, provisional, skipped } = r;
            return io.out(JSON.stringify({ from, add, due, provisional, skipped }, null, 2));
          }
          const counted = workdays ? `${r.add} 个工作日（当日不计入）` : `${r.add} 日（自次日起算）`;
          io.out(
            `${r.from} 起算 ${counted}，期限为 ${r.due}${r.provisional ? '（暂定：所跨年度的节假日安排尚未公布）' : ''}`,
          );
          for (const d of r.skipped) io.out(`  ${workdays ? '跳过' : '顺延'} ${d.date} ${d.reason}`);
          for (const m of r.makeupDays) io.out(`  计入 ${m.date} ${m.reason}`);
        }),
      );
  };
  period('workdays');
  period('days');
  cal
    .command('import <file>')
    .description(
      '录入一年的节假日安排（JSON：{year, notice, holidays:[{name,from,to}], makeupWorkdays:[{date,name}]}）',
    )
    .action((file: string) =>
      io.withCtx(async (ctx) => {
        let notice: YearNotice;
        try {
          notice = JSON.parse(readFileSync(file, 'utf8')) as YearNotice;
        } catch (e) {
          throw ValidationError.one(
            'file',
            `无法读取 ${file}：${e instanceof SyntaxError ? '不是有效的 JSON' : '文件不存在或无法打开'}`,
          );
        }
        const r = await calendar.enterNotice(ctx, {
          ...notice,
          holidays: notice.holidays ?? [],
          makeupWorkdays: notice.makeupWorkdays ?? [],
        });
        io.out(`已${r.replaced ? '更新' : '录入'} ${r.year} 年节假日安排`);
      }),
    );
  cal
    .command('list')
    .description('列出已录入节假日安排的年度')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) =>
      io.withCtx(async (ctx) => {
        const list = await calendar.years(ctx);
        if (o.json) return io.out(JSON.stringify(list, null, 2));
        for (const y of list) io.out(`${y.year}  ${y.notice}`);
      }),
    );
}
