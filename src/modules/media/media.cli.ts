import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { importFileAction } from '../../platform/import/index.js';
import * as activity from './media-activity.service.js';

/** `gongkai media import|check`: 政务新媒体 activity from a spreadsheet, and the 19号 rules now. */
export function registerMediaCommands(program: Command, io: CliContext): void {
  const cmd = program.command('media').description('政务新媒体运营数据与更新检查');
  cmd
    .command('import <file>')
    .description(
      '导入政务新媒体运营数据（CSV 或 Excel 工作簿，表头：主办单位,平台,账号名称,统计周期,日期或月份,发布数,转载数,收到留言,回复留言,粉丝数,阅读量,最近发布日期）；有一处错误则整表不导入，同一账号同一周期按新数据替换',
    )
    .option('--json', '以 JSON 输出')
    .action(
      importFileAction(
        io,
        activity.importActivity,
        (r) => `已导入 ${r.rows} 行：新增 ${r.inserted} 行，更新 ${r.updated} 行`,
      ),
    );
  cmd
    .command('check')
    .description('立即按更新、互动和负责人要求检查全部已开设账号（与每日检查相同），记录并输出结果')
    .action(() =>
      io.withCtx(async (ctx) => {
        io.out(await activity.dailyCheck(ctx));
      }),
    );
}
