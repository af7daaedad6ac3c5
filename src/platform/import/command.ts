import { readFileSync } from 'node:fs';
import type { Ctx } from '../context.js';
import { ValidationError } from '../errors.js';
import type { CliContext } from '../module.js';
import { ImportRefused } from './refusal.js';

/**
 * The action of a `gongkai <module> import <file> [--json]` command: reads the file, runs the
 * module's import as the operator, prints `done(result)` (or the result as JSON), and with `--json`
 * prints a refusal as `{refused, total, problems}` before the CLI reports it and exits 1.
 */
export function importFileAction<R>(
  io: CliContext,
  run: (ctx: Ctx, bytes: Uint8Array) => Promise<R>,
  done: (result: R) => string,
): (file: string, o: { json?: boolean }) => Promise<void> {
  return (file, o) =>
    io.withCtx(async (ctx) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw ValidationError.one('file', `无法读取 ${file}：文件不存在或无法打开`);
      }
      try {
        const r = await run(ctx, bytes);
        io.out(o.json ? JSON.stringify(r, null, 2) : done(r));
      } catch (e) {
        if (o.json && e instanceof ImportRefused)
          io.out(JSON.stringify({ refused: true, total: e.total, problems: e.problems }, null, 2));
        throw e;
      }
    });
}

/** A progress line for the terminal (io.progress), redrawn in place: `[####------] 3/10 label`. */
export function progressBar(done: number, total: number, label: string): string {
  const width = 30;
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label.slice(-40).padEnd(40)}`;
}
