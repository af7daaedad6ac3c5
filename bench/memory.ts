import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Engine } from '../src/platform/db/database.js';
import { freshDatabaseUrl } from '../test/harness/engines.js';

/**
 * memory: the resident memory of the server as `npm start` runs it (scripts/start.mjs: the built
 * tree, the demo loaded on this first start), after a crawl of the portal and the back office (`--pages N`,
 * default 20, HTML pages only, following links from `/`). `--tsx` measures the same with the
 * TypeScript sources compiled at run time (what `npm start` did before the build), for comparison.
 * The figure is the whole process tree (tsx runs node as a child) read from /proc.
 */

const root = resolve(import.meta.dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Resident memory (MB) of a process and every descendant, from /proc (Linux). */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  let kb = 0;
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return kb / 1024;
}

/** The node options of `npm start` (package.json's start script: `node --opt … scripts/start.mjs`). */
function startOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));
}

/** Same-origin page links of an HTML page (no files, no logout). */
function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((h) => !h.startsWith('/static/') && !/\.(pdf|docx|xlsx|md|csv|zip|json|xml|atom)(\?|$)/.test(h))
    .filter((h) => !/logout|download|export|feed/.test(h));
}

export async function memory(engine: Engine): Promise<void> {
  const pages = Number(arg('--pages') ?? 20);
  const tsx = process.argv.includes('--tsx');
  const { url, cleanup } = freshDatabaseUrl(engine);
  const cwd = mkdtempSync(join(tmpdir(), 'gongkai-memory-'));
  const command = tsx
    ? [
        join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--tsconfig',
        join(root, 'tsconfig.json'),
        join(root, 'src', 'app', 'main.ts'),
        'start',
      ]
    : // what `npm start` runs (it builds dist/ when stale), with the node options package.json gives it
      [...startOptions(), join(root, 'scripts', 'start.mjs')];
  const child = spawn(process.execPath, command, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      GONGKAI_SECRET: 'memory-bench-secret-memory-bench-secret-01',
      GONGKAI_DATA_KEY: 'memory-bench-data-key-memory-bench-data-01',
    },
  });
  try {
    let output = '';
    const port = await new Promise<number>((ok, fail) => {
      const look = (d: Buffer) => {
        output += d.toString();
        const m = /门户网站：http:\/\/localhost:(\d+)\//.exec(output);
        if (m) ok(Number(m[1]));
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => fail(new Error(`the server exited (${code}):\n${output}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const started = treeRssMb(child.pid!);
    const seen = new Set<string>();
    const queue = ['/', '/admin/login'];
    let crawled = 0;
    while (queue.length && crawled < pages) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await fetch(base + path, { redirect: 'manual' });
      const body = await res.text();
      if (res.status >= 500) throw new Error(`${path}: ${res.status}`);
      if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      crawled++;
      for (const link of linksOf(body)) if (!seen.has(link)) queue.push(link);
    }
    const rss = treeRssMb(child.pid!);
    console.log(
      `memory [${engine}${tsx ? ', tsx' : ''}] rss=${rss.toFixed(0)} MB started=${started.toFixed(0)} MB pages=${crawled}`,
    );
  } finally {
    const exited = new Promise((ok) => child.once('exit', ok));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(cwd, { recursive: true, force: true });
    await cleanup();
  }
}
