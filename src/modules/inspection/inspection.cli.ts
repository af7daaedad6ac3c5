import type { Command } from 'commander';
import { progressBar } from '../../platform/import/index.js';
import type { CliContext } from '../../platform/module.js';
import { inspectJson, inspectOnce } from './inspection-engine.js';
import { columnClassLabels, verdictLabels } from './inspection.js';
import { inspectionSettings } from './inspection.settings.js';

/** `gongkai inspect <url>`: one inspection of any site now, without the database (issue 17 §5). */
export function registerInspectionCommands(program: Command, io: CliContext): void {
  program
    .command('inspect <url>')
    .description(
      '立即检查一个政府网站（国办秘函〔2019〕19号指标）：首页和栏目更新、空白栏目、失效链接、暗链、网页标签、个人信息、无障碍和适老化；日期按北京时间。一周可用率和互动回应需在工作平台的网站检查中持续监测',
    )
    .option('--pages <n>', '最多检查的页面数（默认取 INSPECTION_PAGE_LIMIT）')
    .option('--json', '以 JSON 输出')
    .action(async (url: string, o: { pages?: string; json?: boolean }) => {
      let home: URL;
      try {
        home = new URL(url);
        if (home.protocol !== 'http:' && home.protocol !== 'https:') throw new Error('protocol');
      } catch {
        io.err(`网址“${url}”不正确：应为以 http:// 或 https:// 开头的完整网址`);
        io.setExitCode(2);
        return;
      }
      const pages = o.pages === undefined ? undefined : Number(o.pages);
      if (pages !== undefined && !(Number.isInteger(pages) && pages >= 1 && pages <= 20_000)) {
        io.err(`--pages 应为 1 到 20000 之间的整数，而不是“${o.pages}”`);
        io.setExitCode(2);
        return;
      }
      const settings = io.settings(inspectionSettings);
      const e = await inspectOnce(settings, home.href, {
        pages,
        onProgress: o.json ? undefined : (done, limit) => io.progress(progressBar(done, limit, '检查页面')),
      });
      if (o.json) {
        io.out(JSON.stringify(inspectJson(e), null, 2));
        return;
      }
      io.progress('\n');
      io.out(`检查结论：${verdictLabels[e.verdict]}，得分 ${e.score}`);
      io.out(
        `首页：${e.reachable ? '可以访问' : '无法访问'}；最新信息 ${e.homeUpdated ?? '无（未注明发布时间的视为不更新）'}${e.homeStale ? '，超期未更新' : ''}`,
      );
      for (const v of e.vetoes) io.out(`单项否决：${v.message}`);
      for (const d of e.deductions) io.out(`扣分：${d.item} −${d.points}：${d.message}`);
      if (e.columns.length) io.out(`栏目（${e.columns.length} 个）：`);
      for (const c of e.columns)
        io.out(
          `  ${c.title}（${columnClassLabels[c.class]}）：${c.empty ? '空白栏目' : `${c.items} 条，最新 ${c.latest ?? '未注明日期'}${c.stale ? '，超期未更新' : ''}`}`,
        );
      if (e.brokenLinks.length) io.out(`失效链接（${e.brokenLinks.length} 个）：`);
      for (const b of e.brokenLinks.slice(0, 50))
        io.out(
          `  ${b.url}（${b.status ?? '无响应'}）见于 ${b.foundOn ?? '首页'}${b.text ? `“${b.text}”` : ''}`,
        );
    });
}
