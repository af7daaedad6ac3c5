import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { systemActor } from '../platform/access.js';
import { createWorker, registeredJobs } from '../platform/jobs/index.js';
import { ConfigError, configDoc } from '../platform/config/config.js';
import { backupDatabase, restoreDatabase, BackupError } from '../platform/db/backup.js';
import { appliedMigrations, migrateToLatest } from '../platform/db/database.js';
import { isDomainError, ValidationError } from '../platform/errors.js';
import { accounts } from '../modules/accounts/index.js';
import {
  agencies,
  agencyKindLabels,
  agencyLevelLabels,
  staffAgency,
  toTree,
  type AgencyNode,
} from '../modules/agencies/index.js';
import { demo, DEMO_PASSWORD, demoUsers } from '../modules/demo/index.js';
import { registerReportCommands } from '../modules/annual-report/index.js';
import { registerCalendarCommands } from '../modules/calendar/index.js';
import { ensureSearchIndex, registerRecordCommands } from '../modules/records/index.js';
import { registerCatalogCommands } from '../modules/catalog/index.js';
import { cliActor, createContainer, type Container } from './container.js';
import { buildWeb } from './web.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

const processIo: CliIo = {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** The `gongkai` command, wired to `io` (the process, or a test's capture). */
export function buildProgram(io: CliIo = processIo): Command {
  const console = {
    log: io.out,
    error: (e: unknown) => io.err(e instanceof Error ? (e.stack ?? e.message) : String(e)),
  };

  /** Runs a command against an open container and turns user errors into Chinese messages. */
  async function run(fn: (c: Container) => Promise<void>, opts: { migrate?: boolean } = {}): Promise<void> {
    let c: Container | null = null;
    try {
      c = await createContainer({ migrate: opts.migrate, env: io.env });
      await fn(c);
    } catch (e) {
      if (e instanceof ValidationError) {
        for (const f of e.fields) console.error(`错误（${f.field}）：${f.message}`);
      } else if (isDomainError(e) || e instanceof ConfigError || e instanceof BackupError) {
        console.error(`错误：${e.message}`);
      } else {
        console.error(e);
      }
      io.setExitCode(
        e instanceof ValidationError ||
          isDomainError(e) ||
          e instanceof ConfigError ||
          e instanceof BackupError
          ? 1
          : 2,
      );
    } finally {
      await c?.close();
    }
  }

  function printJson(value: unknown): void {
    console.log(JSON.stringify(value, null, 2));
  }

  async function serve(c: Container, withDemo: boolean): Promise<void> {
    const ctx = c.ctx(systemActor('演示数据'));
    if (withDemo) {
      const r = await demo.load(ctx);
      if (r.loaded) console.log(`已载入演示数据：${r.agencies} 个机构，${r.users} 个账号。`);
    }
    const index = await ensureSearchIndex(c.database.db);
    if (index.rebuilt) console.log(`已重建检索索引：${index.indexed} 条已发布信息。`);
    const app = await buildWeb(c);
    // Background jobs (daily checks, scheduled publication) run in this process too; several
    // processes may do so at once, each job runs once (ADR 0008).
    const worker = createWorker({
      context: (label) => c.ctx(systemActor(label)),
      ...registeredJobs(),
      logger: app.log,
    });
    worker.start();
    await app.listen({ host: c.config.host, port: c.config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : c.config.port;
    const base = c.config.publicUrl ?? `http://localhost:${port}`;
    console.log('');
    console.log(`Gongkai 已启动（数据库：${c.database.engine}）`);
    console.log(`  门户网站：${base}/`);
    console.log(`  工作平台：${base}/admin`);
    console.log(`  接口文档：${base}/api/v1/openapi.json`);
    if (await demo.isLoaded(ctx)) {
      console.log('');
      console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      for (const u of demoUsers) console.log(`  ${u.username.padEnd(11)} ${u.what}`);
    }
    const stop = async () => {
      await Promise.all([worker.stop(), app.close()]);
      await c.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await new Promise(() => undefined);
  }

  const program = new Command();
  program.name('gongkai').description('Gongkai 政务公开平台').showHelpAfterError();
  if (io !== processIo) {
    // Embedded (tests): report instead of exiting the process; subcommands inherit this.
    program.exitOverride();
    program.configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  }

  program
    .command('start')
    .description('迁移数据库；首次启动时载入演示数据；启动网站（npm start）')
    .option('--no-demo', '不载入演示数据')
    .action((o: { demo: boolean }) => run((c) => serve(c, o.demo)));

  program
    .command('serve')
    .description('迁移数据库并启动网站（不载入演示数据）')
    .action(() => run((c) => serve(c, false)));

  const db = program.command('db').description('数据库');
  db.command('migrate')
    .description('把数据库结构升级到最新（可重复执行）')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) =>
      run(
        async (c) => {
          const result = await migrateToLatest(c.database.db);
          const ran = (result.results ?? []).map((r) => r.migrationName);
          const all = await appliedMigrations(c.database.db);
          if (o.json) printJson({ engine: c.database.engine, ran, applied: all });
          else console.log(ran.length ? `已执行迁移：${ran.join('、')}` : `数据库已是最新（${all.at(-1)}）`);
        },
        { migrate: false },
      ),
    );
  db.command('backup <file>')
    .description('把全部数据备份到文件（gzip 压缩的 JSON 行，两种数据库通用）')
    .action((file: string) =>
      run(async (c) => {
        const counts = await backupDatabase(c.database.db, c.database.engine, file, c.clock.now());
        console.log(
          `已备份到 ${file}：${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}`,
        );
      }),
    );
  db.command('restore <file>')
    .description('用备份文件替换当前全部数据（所有人须重新登录）')
    .option('--yes', '确认替换当前全部数据')
    .action((file: string, o: { yes?: boolean }) =>
      run(async (c) => {
        if (!o.yes) throw new BackupError('恢复会替换当前数据库中的全部数据，确认请加 --yes');
        const counts = await restoreDatabase(c.database.db, file);
        await ensureSearchIndex(c.database.db);
        console.log(
          `已从 ${file} 恢复：${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}`,
        );
      }),
    );

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
      run(async (c) => {
        const ctx = c.ctx(cliActor());
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
        else console.log(`已新增机构 ${a.name}（${a.id}）`);
      }),
    );
  agency
    .command('list')
    .description('列出机构')
    .option('--json', '以 JSON 输出')
    .option('--all', '包括已撤销的机构')
    .action((o: { json?: boolean; all?: boolean }) =>
      run(async (c) => {
        const list = await agencies.listForStaff(c.ctx(cliActor()), { includeDissolved: o.all });
        if (o.json) return printJson(list.map(staffAgency));
        const print = (nodes: AgencyNode[], depth: number): void => {
          for (const n of nodes) {
            console.log(
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
      run(async (c) => {
        const ctx = c.ctx(cliActor());
        const a = await agencies.resolve(ctx, name);
        const parent = await agencies.resolve(ctx, o.to);
        const after = await agencies.move(ctx, a.id, {
          parentId: parent.id,
          effectiveDate: o.date ?? agencies.localDate(ctx),
          reason: o.reason,
        });
        if (o.json) printJson(staffAgency(after));
        else console.log(`已把 ${after.name} 调整到 ${parent.name} 之下`);
      }),
    );

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
      run(async (c) => {
        const ctx = c.ctx(cliActor());
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
        else console.log(`已创建账号 ${u.username}${o.password ? '' : `，初始密码：${password}`}`);
      }),
    );
  user
    .command('reset-password <username>')
    .description('重置密码（不给 --password 时生成随机密码并打印）；该账号所有会话失效')
    .option('--password <password>', '新密码')
    .action((username: string, o: { password?: string }) =>
      run(async (c) => {
        const password = o.password ?? generatePassword();
        await accounts.resetPassword(c.ctx(cliActor()), username, { password });
        console.log(`已重置 ${username} 的密码${o.password ? '' : `：${password}`}（下次登录须修改）`);
      }),
    );
  user
    .command('list')
    .description('列出账号')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) =>
      run(async (c) => {
        const list = await accounts.list(c.ctx(cliActor()));
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
          console.log(
            `${user.username.padEnd(16)} ${user.displayName}  ${agencyName}${user.disabledAt ? '  [已停用]' : ''}`,
          );
      }),
    );

  program
    .command('demo')
    .description('演示数据')
    .command('load')
    .description('载入晋江市演示数据（已载入时不重复）')
    .action(() =>
      run(async (c) => {
        const r = await demo.load(c.ctx(systemActor('演示数据')));
        console.log(
          r.loaded
            ? `已载入演示数据：${r.agencies} 个机构，${r.users} 个账号（密码 ${DEMO_PASSWORD}）`
            : '演示数据已存在，未重复载入',
        );
      }),
    );

  registerCalendarCommands(program, { out: io.out, withCtx: (fn) => run((c) => fn(c.ctx(cliActor()))) });
  registerRecordCommands(program, { out: io.out, withCtx: (fn) => run((c) => fn(c.ctx(cliActor()))) });
  registerCatalogCommands(program, { out: io.out, withCtx: (fn) => run((c) => fn(c.ctx(cliActor()))) });
  registerReportCommands(program, {
    withCtx: (fn) => run((c) => fn(c.ctx(cliActor()))),
    out: io.out,
    err: io.err,
    progress: (text) => (io === processIo ? process.stderr.write(text) : undefined),
    setExitCode: io.setExitCode,
  });

  program
    .command('config')
    .description('配置')
    .command('doc')
    .description('打印全部配置项（Markdown 表格）')
    .action(() => console.log(configDoc()));

  return program;
}

function generatePassword(): string {
  // Guarantees the three character classes of the password rule.
  return `Gk-${randomBytes(9).toString('base64url')}7a`;
}

/** Runs one command line in this process; resolves when it is done. */
export async function runCli(argv: string[], io: CliIo): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(['node', 'gongkai', ...argv]);
  } catch (e) {
    io.setExitCode(
      typeof (e as { exitCode?: number }).exitCode === 'number' ? (e as { exitCode: number }).exitCode : 1,
    );
  }
}
