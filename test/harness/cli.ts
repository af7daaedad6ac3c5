import { runCli } from '../../src/app/cli.js';

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
