import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { agencyKindLabels, agencyLevelLabels } from './agency.js';
import { staffAgency, toTree, type AgencyNode } from './agency.presenter.js';
import * as agencies from './agency.service.js';

/** `gongkai agency add|list|move`. */
export function registerAgencyCommands(program: Command, cli: CliContext): void {
  const printJson = (value: unknown) => cli.out(JSON.stringify(value, null, 2));
  const agency = program.command('agency').description('机构');
  agency
    .command('add')
    .description('新增机构')
    .requiredOption('--name <name>', '机构全称')
    .option('--parent <idOrName>', '上级机构（ID、全称或简称）')
    .option('--short-name <name>', '简称')
    .requiredOption(
      '--level <level>',
      `层级：${Object.entries(agencyLevelLabels)
        .map(([k, v]) => `${k}(${v})`)
        .join(' ')}`,
    )
    .requiredOption(
      '--kind <kind>',
      `类型：${Object.entries(agencyKindLabels)
        .map(([k, v]) => `${k}(${v})`)
        .join(' ')}`,
    )
    .option('--credit-code <code>', '统一社会信用代码')
    .option('--phone <phone>', '联系电话')
    .option('--address <address>', '办公地址')
    .option('--json', '以 JSON 输出')
    .action((o: Record<string, string | undefined>) =>
      cli.withCtx(async (ctx) => {
        const parent = o.parent ? await agencies.resolve(ctx, o.parent) : null;
        const a = await agencies.create(ctx, {
          parentId: parent?.id,
          name: o.name,
          shortName: o.shortName,
          level: o.level,
          kind: o.kind,
          creditCode: o.creditCode,
          phone: o.phone,
          address: o.address,
        });
        if (o.json) printJson(staffAgency(a));
        else cli.out(`已新增机构 ${a.name}（${a.id}）`);
      }),
    );
  agency
    .command('list')
    .description('列出机构')
    .option('--json', '以 JSON 输出')
    .option('--all', '包括已撤销的机构')
    .action((o: { json?: boolean; all?: boolean }) =>
      cli.withCtx(async (ctx) => {
        const list = await agencies.listForStaff(ctx, { includeDissolved: o.all });
        if (o.json) return printJson(list.map(staffAgency));
        const print = (nodes: AgencyNode[], depth: number): void => {
          for (const n of nodes) {
            cli.out(
              `${'  '.repeat(depth)}${n.agency.name}  [${agencyKindLabels[n.agency.kind]}]  ${n.agency.id}`,
            );
            print(n.children, depth + 1);
          }
        };
        print(toTree(list), 0);
      }),
    );
  agency
    .command('move <agency>')
    .description('调整机构的隶属关系（保留沿革）')
    .requiredOption('--to <parent>', '新的上级机构（ID、全称或简称）')
    .option('--date <YYYY-MM-DD>', '生效日期（默认今天）')
    .option('--reason <text>', '依据或原因')
    .option('--json', '以 JSON 输出')
    .action((name: string, o: { to: string; date?: string; reason?: string; json?: boolean }) =>
      cli.withCtx(async (ctx) => {
        const a = await agencies.resolve(ctx, name);
        const parent = await agencies.resolve(ctx, o.to);
        const after = await agencies.move(ctx, a.id, {
          parentId: parent.id,
          effectiveDate: o.date ?? agencies.localDate(ctx),
          reason: o.reason,
        });
        if (o.json) printJson(staffAgency(after));
        else cli.out(`已把 ${after.name} 调整到 ${parent.name} 之下`);
      }),
    );
}
