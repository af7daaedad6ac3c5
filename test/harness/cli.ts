import { runCli } from '../../src/app/cli.js';
import type { Engine } from '../../src/platform/db/database.js';
import { freshDatabaseUrl } from './engines.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `gongkai` command line in this process (fast), as the executable would. */
export async function gongkai(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  const r: CliResult = { code: 0, stdout: '', stderr: '' };
  await runCli(args, {
    env: { LOG_LEVEL: 'silent', ...env },
    out: (line) => (r.stdout += `${line}\n`),
    err: (line) => (r.stderr += `${line}\n`),
    setExitCode: (code) => (r.code = code),
  });
  return r;
}

/** A fresh database on `engine` for command lines: its environment, and its cleanup. */
export function cliDatabase(engine: Engine): { env: Record<string, string>; cleanup: () => Promise<void> } {
  const { url, cleanup } = freshDatabaseUrl(engine);
  return { env: { DATABASE_URL: url, GONGKAI_SECRET: 'cli-test-secret-cli-test-secret-0123456' }, cleanup };
}
