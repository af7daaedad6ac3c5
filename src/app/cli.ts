import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { systemActor } from '../platform/access.js';
import type { Ctx } from '../platform/context.js';
import { modules as allModules } from './modules.js';
import { builtInJobLabels, type JobOutcome } from '../platform/jobs/index.js';
import { createAppWorker } from './worker.js';
import { ConfigError, configDoc } from '../platform/config/config.js';
import { parseSettings } from '../platform/config/settings.js';
import { backupDatabase, restoreDatabase, BackupError } from '../platform/db/backup.js';
import type { CliContext, GongkaiModule, Installation } from '../platform/module.js';
import { appliedMigrations, migrateToLatest } from '../platform/db/database.js';
import { isDomainError, ValidationError } from '../platform/errors.js';
import { demo, DEMO_PASSWORD, demoUsers } from '../modules/demo/index.js';
import { cliActor, createContainer, settingsOf, type Container } from './container.js';
import { buildWeb } from './web.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

/** The version in package.json, found upwards from this file (src/app in a clone, dist/src/app built). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'gongkai' && pkg.version) return pkg.version;
  }
  return '未知';
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
export function buildProgram(
  io: CliIo = processIo,
  installedModules: readonly GongkaiModule[] = allModules,
): Command {
  const console = {
    log: io.out,
    error: (e: unknown) => io.err(e instanceof Error ? (e.stack ?? e.message) : String(e)),
  };

  /** Runs a command against an open container and turns user errors into Chinese messages. */
  async function run(fn: (c: Container) => Promise<void>, opts: { migrate?: boolean } = {}): Promise<void> {
    let c: Container | null = null;
    try {
      c = await createContainer({ migrate: opts.migrate, env: io.env, modules: installedModules });
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
      const r = await demo.load(ctx, {
        siteBase: c.config.publicUrl ?? (c.config.port ? `http://localhost:${c.config.port}` : undefined),
      });
      if (r.loaded) console.log(`已载入演示数据：${r.agencies} 个机构，${r.users} 个账号。`);
    }
    for (const line of await ensureDerivedData(c.installation, ctx)) console.log(line);
    const app = await buildWeb(c);
    // Background jobs (daily checks, scheduled publication) run in this process too unless
    // GONGKAI_WORKER=off; several processes may run workers at once, each job runs once (ADR 0008).
    const worker = c.config.worker === 'inline' ? createAppWorker(c, app.log) : null;
    worker?.start();
    await app.listen({ host: c.config.host, port: c.config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : c.config.port;
    const base = c.config.publicUrl ?? `http://localhost:${port}`;
    console.log('');
    console.log(`Gongkai 已启动（数据库：${c.database.engine}）`);
    console.log(`  门户网站：${base}/`);
    console.log(`  工作平台：${base}/admin`);
    console.log(`  接口文档：${base}/api/docs（OpenAPI：${base}/api/v1/openapi.json）`);
    console.log(
      worker
        ? `  后台任务：在本进程中运行（${c.installation.jobs.length} 类任务）`
        : '  后台任务：未在本进程中运行（GONGKAI_WORKER=off），请另行启动 gongkai worker',
    );
    if (await demo.isLoaded(ctx)) {
      console.log('');
      console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
      for (const u of demoUsers) console.log(`  ${u.username.padEnd(11)} ${u.what}`);
    }
    const stop = async () => {
      await Promise.all([worker?.stop(), app.close()]);
      await c.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await new Promise(() => undefined);
  }

  const program = new Command();
  program
    .name('gongkai')
    .description('Gongkai 政务公开平台')
    .version(packageVersion(), '-V, --version', '显示版本号')
    .showHelpAfterError();
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

  program
    .command('worker')
    .description('运行后台任务（期限检查与提醒、定时发布等）；可与网站进程同时运行，每个任务只执行一次')
    .option('--once', '执行当前到期的全部任务后退出（不持续等待）')
    .option('--json', '与 --once 一起使用：以 JSON 输出执行结果')
    .action((o: { once?: boolean; json?: boolean }) =>
      run(async (c) => {
        const log = (level: string) => (obj: unknown, msg?: string) =>
          io.err(JSON.stringify({ level, time: c.clock.now().toISOString(), msg, ...(obj as object) }));
        const worker = createAppWorker(c, {
          info: log('info'),
          warn: log('warn'),
          error: log('error'),
        } as never);
        if (o.once) {
          const outcomes: JobOutcome[] = await worker.drain();
          if (o.json) printJson(outcomes);
          else {
            for (const r of outcomes)
              console.log(
                `${jobLabel(c.installation, r.name)}：${outcomeLabels[r.state]}${r.result ? `（${r.result}）` : ''}${r.error ? `（${r.error}）` : ''}`,
              );
            console.log(outcomes.length ? `共执行 ${outcomes.length} 个任务` : '没有到期的任务');
          }
          return;
        }
        worker.start();
        console.log(
          `后台任务已启动（${c.installation.jobs.length} 类任务，每次最多同时执行 ${c.config.jobConcurrency} 个）；按 Ctrl+C 停止`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => void worker.stop().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        console.log('后台任务已停止');
      }),
    );

  const db = program.command('db').description('数据库');
  db.command('migrate')
    .description('把数据库结构升级到最新（可重复执行）')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) =>
      run(
        async (c) => {
          const result = await migrateToLatest(c.database.db, c.installation.migrations);
          const ran = (result.results ?? []).map((r) => r.migrationName);
          const all = await appliedMigrations(c.database.db);
          if (o.json) printJson({ engine: c.database.engine, ran, applied: all });
          else console.log(ran.length ? `已执行迁移：${ran.join('、')}` : `数据库已是最新（${all.at(-1)}）`);
        },
        { migrate: false },
      ),
    );
  db.command('backup <file>')
    .description('把全部数据备份到文件（gzip 压缩的 JSON 行，两种数据库通用，带本平台密钥的校验码）')
    .action((file: string) =>
      run(async (c) => {
        const counts = await backupDatabase(
          c.database.db,
          c.database.engine,
          file,
          c.clock.now(),
          c.installation,
          { secret: c.secret },
        );
        console.log(
          `已备份到 ${file}：${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join('，')}`,
        );
      }),
    );
  db.command('restore <file>')
    .description('用备份文件替换当前全部数据（先校验整个文件，再恢复；所有人须重新登录）')
    .option('--yes', '确认替换当前全部数据')
    .option('--secret-file <path>', '另一套平台的备份：从文件读取那套平台的 GONGKAI_SECRET')
    .option('--secret-env <name>', '另一套平台的备份：从这个环境变量读取那套平台的 GONGKAI_SECRET')
    .option('--accept-unsigned', '恢复没有校验码的旧格式（第 1 版）备份：无法确认内容未被改动')
    .action(
      (
        file: string,
        o: { yes?: boolean; secretFile?: string; secretEnv?: string; acceptUnsigned?: boolean },
      ) =>
        run(async (c) => {
          if (!o.yes) throw new BackupError('恢复会替换当前数据库中的全部数据，确认请加 --yes');
          const given = backupSecret(o, io.env);
          const r = await restoreDatabase(c.database.db, file, c.installation, {
            secret: given ?? c.secret,
            explicitSecret: given !== null,
            acceptUnsigned: o.acceptUnsigned,
          });
          for (const w of r.warnings) io.err(`警告：${w}`);
          for (const line of await ensureDerivedData(c.installation, c.ctx(cliActor()))) console.log(line);
          console.log(
            `已从 ${file} 恢复（${r.version === 2 ? '校验通过，' : ''}备份生成于 ${r.createdAt}，来自 ${r.engine}）：${Object.entries(
              r.counts,
            )
              .map(([t, n]) => `${t} ${n}`)
              .join('，')}`,
          );
        }),
    );

  // Every module's commands, from the installed list (src/app/modules.ts).
  const moduleCli: CliContext = {
    out: io.out,
    err: io.err,
    progress: (text) => (io === processIo ? process.stderr.write(text) : undefined),
    setExitCode: io.setExitCode,
    withCtx: (fn) => run((c) => fn(c.ctx(cliActor()))),
    settings: (settings) => {
      const problems: string[] = [];
      const values = parseSettings(settings.keys, io.env, problems);
      if (problems.length) {
        const e = new ConfigError(problems);
        console.error(`错误：${e.message}`);
        throw e;
      }
      return values;
    },
  };
  for (const m of installedModules) m.cli?.(program, moduleCli);

  program
    .command('modules')
    .description('列出已安装的模块：各自的数据表、后台任务和配置项')
    .option('--json', '以 JSON 输出')
    .action((o: { json?: boolean }) => {
      const rows = installedModules.map((m) => ({
        name: m.name,
        label: m.label,
        tables: Object.keys(m.tables ?? {}),
        jobs: (m.jobs ?? []).map((j) => j.label),
        settings: Object.values(m.settings?.keys ?? {}).map((k) => k.env),
      }));
      if (o.json) return printJson(rows);
      for (const r of rows) {
        console.log(`${r.label}（${r.name}）`);
        if (r.tables.length) console.log(`  数据表：${r.tables.join('、')}`);
        if (r.jobs.length) console.log(`  后台任务：${r.jobs.join('、')}`);
        if (r.settings.length) console.log(`  配置项：${r.settings.join('、')}`);
      }
    });

  program
    .command('config')
    .description('配置')
    .command('doc')
    .description('打印全部配置项（Markdown 表格）')
    .action(() => console.log(configDoc(settingsOf(installedModules))));

  return program;
}

const outcomeLabels: Record<JobOutcome['state'], string> = {
  done: '完成',
  queued: '失败，稍后重试',
  dead: '失败，已停止重试',
  lost: '超时，已由其他进程接手',
};

function jobLabel(installation: Installation, name: string): string {
  return installation.jobs.find((j) => j.name === name)?.label ?? builtInJobLabels[name] ?? name;
}

/**
 * Another installation's secret for `db restore`, from a file or an environment variable: never
 * an argument, which other users of the machine could read in the process list.
 */
function backupSecret(
  o: { secretFile?: string; secretEnv?: string },
  env: Record<string, string | undefined>,
): string | null {
  if (o.secretFile && o.secretEnv) throw new BackupError('--secret-file 与 --secret-env 只能用一个');
  if (o.secretFile) {
    try {
      return readFileSync(o.secretFile, 'utf8').trim();
    } catch (e) {
      throw new BackupError(
        `无法读取 --secret-file 指定的密钥文件 ${o.secretFile}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`,
      );
    }
  }
  if (o.secretEnv) {
    const value = env[o.secretEnv];
    if (!value) throw new BackupError(`--secret-env 指定的环境变量 ${o.secretEnv} 没有设置`);
    return value.trim();
  }
  return null;
}

/** Runs each installed module's check of its derived data (the search index); returns what was done. */
async function ensureDerivedData(installation: Installation, ctx: Ctx): Promise<string[]> {
  const done: string[] = [];
  for (const m of installation.modules) {
    const r = await m.ensureDerivedData?.(ctx);
    if (r) done.push(r);
  }
  return done;
}

/** Runs one command line in this process; resolves when it is done. */
export async function runCli(
  argv: string[],
  io: CliIo,
  installedModules: readonly GongkaiModule[] = allModules,
): Promise<void> {
  const program = buildProgram(io, installedModules);
  try {
    await program.parseAsync(['node', 'gongkai', ...argv]);
  } catch (e) {
    io.setExitCode(
      typeof (e as { exitCode?: number }).exitCode === 'number' ? (e as { exitCode: number }).exitCode : 1,
    );
  }
}
