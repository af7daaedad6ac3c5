import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import * as demo from './demo.service.js';

/** `gongkai demo load`. */
export function registerDemoCommands(program: Command, cli: CliContext): void {
  program
    .command('demo')
    .description('演示数据')
    .command('load')
    .description('载入晋江市演示数据（已载入时不重复）')
    .action(() =>
      cli.withCtx(async (ctx) => {
        const r = await demo.load(ctx);
        cli.out(
          r.loaded
            ? `已载入演示数据：${r.agencies} 个机构，${r.users} 个账号（密码 ${demo.DEMO_PASSWORD}）`
            : '演示数据已存在，未重复载入',
        );
      }),
    );
}
