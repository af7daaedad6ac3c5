import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { ValidationError } from '../../platform/errors.js';
import { importFileAction } from '../../platform/import/index.js';
import * as hotline from './hotline.service.js';

const percent = (r: number | null) => (r === null ? '—（无可计数的工单）' : `${(r * 100).toFixed(2)}%`);

/** `gongkai hotline import|stats`: the 12345 hotline's 工单 and its figures. */
export function registerHotlineCommands(program: Command, io: CliContext): void {
  const cmd = program.command('hotline').description('12345 热线工单与统计');
  cmd
    .command('import <file>')
    .description(
      '导入 12345 工单（CSV 或 Excel 工作簿，表头：工单编号,受理时间,诉求类型,诉求内容,承办单位,办理时限,办结时间,回访时间,满意度,是否有效）；有一处错误则整表不导入，已有的工单编号按新数据更新',
    )
    .option('--json', '以 JSON 输出')
    .action(
      importFileAction(
        io,
        hotline.importTickets,
        (r) => `已导入 ${r.rows} 张工单：新增 ${r.inserted} 张，更新 ${r.updated} 张`,
      ),
    );
  cmd
    .command('stats')
    .description('某机构（含下级）某年或某月受理的 12345 工单统计')
    .requiredOption('--agency <name>', '机构（名称、简称或编号）')
    .requiredOption('--year <YYYY>', '年份')
    .option('--month <M>', '月份（1–12）；不填为全年')
    .option('--json', '以 JSON 输出')
    .action((o: { agency: string; year: string; month?: string; json?: boolean }) =>
      io.withCtx(async (ctx) => {
        if (!/^\d{4}$/.test(o.year)) throw ValidationError.one('year', '年份应为四位数字，例如 2020');
        if (o.month !== undefined && !/^\d{1,2}$/.test(o.month))
          throw ValidationError.one('month', '月份应为 1–12 之间的整数');
        const f = await hotline.stats(ctx, {
          agency: o.agency,
          year: Number(o.year),
          month: o.month === undefined ? undefined : Number(o.month),
        });
        if (o.json) return io.out(JSON.stringify(f, null, 2));
        const defs = hotline.definitions(ctx);
        io.out(
          `${o.agency}（含下级）${o.year} 年${o.month ? ` ${Number(o.month)} 月` : ''}受理的 12345 工单`,
        );
        for (const k of ['valid', 'closed', 'closedOnTime', 'visited', 'rated', 'satisfied'] as const)
          io.out(`  ${f[k]}\t${defs[k]}`);
        for (const k of ['closedRate', 'onTimeRate', 'visitRate', 'satisfactionRate'] as const)
          io.out(`  ${percent(f[k])}\t${defs[k]}`);
      }),
    );
}
