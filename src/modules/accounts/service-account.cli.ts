import type { Command } from 'commander';
import { beijingIso, formatDateTime } from '../../platform/clock.js';
import type { CliContext } from '../../platform/module.js';
import * as services from './service-account.service.js';
import { tokenStateLabels } from './service-account.service.js';

/** `gongkai account add-service|services` and `gongkai token create|list|revoke`. */
export function registerServiceAccountCommands(program: Command, cli: CliContext): void {
  const printJson = (value: unknown) => cli.out(JSON.stringify(value, null, 2));
  const account = program.command('account').description('服务账号（其他系统调用接口所用的账号）');
  account
    .command('add-service <name>')
    .description('为机构新增服务账号，如“OA 系统”“12345 平台”')
    .requiredOption('--agency <idOrName>', '所属机构（名称、简称或 ID）')
    .option('--json', '以 JSON 输出')
    .action((name: string, o: { agency: string; json?: boolean }) =>
      cli.withCtx(async (ctx) => {
        const a = await services.addServiceAccount(ctx, { name, agency: o.agency });
        if (o.json) printJson({ id: a.id, name: a.name, agencyId: a.agencyId, agencyName: a.agencyName });
        else cli.out(`已新增服务账号“${a.name}”（${a.agencyName}），ID ${a.id}`);
      }),
    );
  account
    .command('services')
    .description('列出服务账号')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) =>
      cli.withCtx(async (ctx) => {
        const list = await services.listServiceAccounts(ctx);
        if (o.json) return printJson(list);
        if (list.length === 0) cli.out('还没有服务账号');
        for (const a of list)
          cli.out(
            `${a.name}  ${a.agencyName}  有效令牌 ${a.liveTokens} 个${a.disabledAt ? '  [已停用]' : ''}`,
          );
      }),
    );

  const token = program.command('token').description('服务账号的接口令牌');
  token
    .command('create')
    .description('签发接口令牌（令牌只显示这一次，请立即交给对接系统保存）')
    .requiredOption('--account <nameOrId>', '服务账号')
    .requiredOption('--scope <scopes>', '权限范围，多个用逗号分隔，如 records:read,records:write')
    .option('--days <n>', '有效天数（默认 365）')
    .option('--rate <n>', '每分钟调用上限（默认按全站设置）')
    .option('--note <text>', '用途说明')
    .option('--json', '以 JSON 输出 {"token", "expiresAt"}')
    .action(
      (o: { account: string; scope: string; days?: string; rate?: string; note?: string; json?: boolean }) =>
        cli.withCtx(async (ctx) => {
          const r = await services.issueToken(ctx, o.account, {
            scopes: o.scope,
            days: o.days,
            ratePerMinute: o.rate,
            note: o.note,
          });
          if (o.json)
            return printJson({
              token: r.token,
              expiresAt: beijingIso(r.view.expiresAt),
              id: r.view.id,
              scopes: r.view.scopes,
            });
          cli.out(`令牌（只显示这一次）：${r.token}`);
          cli.out(
            `ID ${r.view.id}，权限范围 ${r.view.scopes.join('、')}，有效期至 ${formatDateTime(r.view.expiresAt)}`,
          );
        }),
    );
  token
    .command('list')
    .description('列出服务账号的令牌（不显示令牌本身）')
    .requiredOption('--account <nameOrId>', '服务账号')
    .option('--json', '以 JSON 输出')
    .action((o: { account: string; json?: boolean }) =>
      cli.withCtx(async (ctx) => {
        const list = await services.listTokens(ctx, o.account);
        if (o.json) return printJson(list);
        if (list.length === 0) cli.out('该服务账号还没有令牌');
        for (const t of list)
          cli.out(
            `${t.id}  …${t.hint}  ${tokenStateLabels[t.state]}  ${t.scopes.join(',')}  有效期至 ${formatDateTime(t.expiresAt)}  最近使用 ${t.lastUsedAt ? formatDateTime(t.lastUsedAt) : '从未'}`,
          );
      }),
    );
  token
    .command('revoke [id]')
    .description('吊销一个令牌，或用 --account 与 --all 吊销该账号的全部令牌')
    .option('--account <nameOrId>', '服务账号')
    .option('--all', '吊销该账号的全部令牌')
    .action((id: string | undefined, o: { account?: string; all?: boolean }) =>
      cli.withCtx(async (ctx) => {
        if (id) {
          const t = await services.revokeToken(ctx, id);
          return cli.out(`已吊销令牌 …${t.hint}`);
        }
        if (!o.account || !o.all) {
          cli.err('请给出令牌 ID，或同时给出 --account <服务账号> 和 --all');
          return cli.setExitCode(2);
        }
        const n = await services.revokeAllTokens(ctx, o.account);
        cli.out(n ? `已吊销 ${n} 个令牌` : '该服务账号没有未吊销的令牌');
      }),
    );
}
