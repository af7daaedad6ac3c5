import type { Command } from 'commander';
import { ValidationError } from '../../platform/errors.js';
import type { CliContext } from '../../platform/module.js';
import { computeScale } from './enterprise-scale.js';
import * as cli from './push-cli.service.js';

/** `gongkai enterprise scale` and `gongkai push match`: the 300号 table and a policy's audience. */
export function registerPushCommands(program: Command, io: CliContext): void {
  program
    .command('enterprise')
    .description('企业画像工具')
    .command('scale')
    .description('按《中小企业划型标准规定》（工信部联企业〔2011〕300号）计算企业规模')
    .requiredOption('--industry <code>', '国民经济行业分类（GB/T 4754-2017）代码，如 C3311 或 3311')
    .option('--staff <n>', '从业人员（人）')
    .option('--revenue <yuan>', '营业收入（元）')
    .option('--assets <yuan>', '资产总额（元）')
    .option('--json', '以 JSON 输出')
    .action((o: { industry: string; staff?: string; revenue?: string; assets?: string; json?: boolean }) => {
      const num = (v: string | undefined, field: string, label: string) => {
        if (v === undefined) return undefined;
        if (!/^\d+(\.\d+)?$/.test(v)) throw ValidationError.one(field, `${label}应为不小于 0 的数字`);
        return Number(v);
      };
      try {
        const staff = num(o.staff, 'staff', '从业人员');
        const revenue = num(o.revenue, 'revenue', '营业收入');
        const assets = num(o.assets, 'assets', '资产总额');
        const r = computeScale({
          industry: o.industry,
          ...(staff !== undefined ? { staff } : {}),
          ...(revenue !== undefined ? { revenueYuan: revenue } : {}),
          ...(assets !== undefined ? { assetsYuan: assets } : {}),
        });
        if (o.json) io.out(JSON.stringify(r, null, 2));
        else io.out(r.status === 'classified' ? r.basis : r.reason);
        if (r.status !== 'classified') io.setExitCode(1);
      } catch (e) {
        io.err(e instanceof Error ? e.message : String(e));
        io.setExitCode(1);
      }
    });
  program
    .command('push')
    .description('精准推送')
    .command('match')
    .description('某条已发布政府信息（按索引号）现在会推送给哪些订阅用户，以及原因')
    .requiredOption('--record <索引号>', '政府信息的索引号（或编号）')
    .option('--limit <n>', '列出的前若干名', '20')
    .option('--json', '以 JSON 输出')
    .action((o: { record: string; limit: string; json?: boolean }) =>
      io.withCtx(async (ctx) => {
        const r = await cli.matchRecord(ctx, o.record, Math.max(1, Math.min(1000, Number(o.limit) || 20)));
        if (o.json) return io.out(JSON.stringify(r, null, 2));
        io.out(`《${r.title}》（${r.indexNumber}）`);
        io.out(r.rule ? `推送对象：${r.rule}` : '未设置推送对象规则（仅推送给关注相关主题的用户）');
        io.out(`按画像匹配 ${r.count} 个订阅用户${r.first.length ? '，前若干名：' : ''}`);
        for (const m of r.first) io.out(`  ${m.subscriber}  ${m.kind}  ${m.reason}`);
      }),
    );
}
