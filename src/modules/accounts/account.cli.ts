import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { agencies } from '../agencies/index.js';
import * as accounts from './account.service.js';

/** `gongkai user add|reset-password|list`. */
export function registerAccountCommands(program: Command, cli: CliContext): void {
  const printJson = (value: unknown) => cli.out(JSON.stringify(value, null, 2));
  const user = program.command('user').description('工作人员账号');
  user
    .command('add')
    .description('新增账号（不给 --password 时生成随机初始密码并打印）')
    .requiredOption('--agency <idOrName>', '所属机构')
    .requiredOption('--username <name>', '用户名')
    .requiredOption('--name <displayName>', '姓名')
    .option('--role <role>', '角色：admin officeHead clerk reviewer supervisor')
    .option('--password <password>', '初始密码')
    .option('--json', '以 JSON 输出')
    .action((o: Record<string, string | undefined>) =>
      cli.withCtx(async (ctx) => {
        const a = await agencies.resolve(ctx, o.agency!);
        const password = o.password ?? generatePassword();
        const u = await accounts.create(ctx, {
          agencyId: a.id,
          username: o.username,
          displayName: o.name,
          password,
          role: o.role,
        });
        if (o.json)
          printJson({
            id: u.id,
            username: u.username,
            agencyId: u.agencyId,
            ...(o.password ? {} : { password }),
          });
        else cli.out(`已创建账号 ${u.username}${o.password ? '' : `，初始密码：${password}`}`);
      }),
    );
  user
    .command('reset-password <username>')
    .description('重置密码（不给 --password 时生成随机密码并打印）；该账号所有会话失效')
    .option('--password <password>', '新密码')
    .action((username: string, o: { password?: string }) =>
      cli.withCtx(async (ctx) => {
        const password = o.password ?? generatePassword();
        await accounts.resetPassword(ctx, username, { password });
        cli.out(`已重置 ${username} 的密码${o.password ? '' : `：${password}`}（下次登录须修改）`);
      }),
    );
  user
    .command('list')
    .description('列出账号')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) =>
      cli.withCtx(async (ctx) => {
        const list = await accounts.list(ctx);
        if (o.json)
          return printJson(
            list.map(({ user, agencyName }) => ({
              id: user.id,
              username: user.username,
              displayName: user.displayName,
              agencyId: user.agencyId,
              agencyName,
              disabledAt: user.disabledAt,
              lockedUntil: user.lockedUntil,
              lastLoginAt: user.lastLoginAt,
            })),
          );
        for (const { user, agencyName } of list)
          cli.out(
            `${user.username.padEnd(16)} ${user.displayName}  ${agencyName}${user.disabledAt ? '  [已停用]' : ''}`,
          );
      }),
    );
}

function generatePassword(): string {
  // Guarantees the three character classes of the password rule.
  return `Gk-${randomBytes(9).toString('base64url')}7a`;
}
