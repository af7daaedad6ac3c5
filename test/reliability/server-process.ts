/**
 * The real server for the reliability suite: `bin/gongkai.js serve` as a child process on a
 * database of either engine, reached over TCP with fetch. What a test here proves holds for the
 * process an operator runs, not only for `app.inject`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliActor, createContainer } from '../../src/app/container.js';
import { demo } from '../../src/modules/demo/index.js';

/** Secrets of the suite's servers, so a restarted server reads what the killed one wrote. */
export const serverSecrets = {
  GONGKAI_SECRET: 'reliability-secret-reliability-secret-01',
  GONGKAI_DATA_KEY: 'reliability-data-key-reliability-data-01',
};

/** The demo's agencies and accounts (no content, no 2020 operations) in the database at `url`. */
export async function seedDemo(url: string): Promise<void> {
  const c = await createContainer({ env: { DATABASE_URL: url, LOG_LEVEL: 'silent', ...serverSecrets } });
  try {
    await demo.load(c.ctx(cliActor()), { operations2020: false, content: false });
  } finally {
    await c.close();
  }
}

/** A port nothing listens on right now (for a server whose PUBLIC_URL hides the port it prints). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const address = s.address();
  await new Promise<void>((ok) => s.close(() => ok()));
  return typeof address === 'object' && address ? address.port : 0;
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  base: string;
  child: ChildProcess;
  /** What the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs. */
  kill9(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * `gongkai serve` on `databaseUrl`, started from an empty directory (not the clone), resolved once
 * it prints its address. Logging stays at `error`, so a failure's output says what went wrong.
 */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'gongkai-reliability-'));
  const child = spawn(process.execPath, [resolve('bin/gongkai.js'), 'serve'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      ...serverSecrets,
      ...env,
    },
  });
  let output = '';
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  void exited.then(() => rmSync(cwd, { recursive: true, force: true }));
  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`gongkai serve did not start within 60 s:\n${output}`));
    }, 60_000);
    const look = (d: Buffer) => {
      output += d.toString();
      const m = /门户网站：(\S+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        // With PUBLIC_URL the line shows that address; the port is then the one given.
        const shown = /^http:\/\/localhost:(\d+)$/.exec(m[1]!);
        ok(shown ? Number(shown[1]) : Number(env.PORT));
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`gongkai serve exited (${code ?? signal}):\n${output}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    kill9: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `gongkai serve` that is expected to refuse to start: its exit code and what it printed. */
export async function serverExit(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  try {
    const s = await startServer(databaseUrl, env);
    await s.stop();
    return { code: 0, output: s.output() };
  } catch (e) {
    const m = /^gongkai serve exited \((\S+)\):\n([\s\S]*)$/.exec((e as Error).message);
    if (!m) throw e;
    return { code: Number(m[1]), output: m[2]! };
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  body: string;
}

/** A browser, roughly: keeps cookies, follows no redirect, sends forms url-encoded. */
export class Browser {
  /** `cookies`: another Browser's, for the same person on another server of the installation. */
  constructor(
    readonly base: string,
    readonly cookies = new Map<string, string>(),
  ) {}

  async request(
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const m = /^([^=]+)=([^;]*)/.exec(c);
      if (!m) continue;
      if (m[2] === '' || /;\s*max-age=0/i.test(c)) this.cookies.delete(m[1]!);
      else this.cookies.set(m[1]!, m[2]!);
    }
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  get(path: string, headers?: Record<string, string>): Promise<Reply> {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Reply> {
    return this.request('POST', path, form, headers);
  }

  /** The value of a signed cookie the server set (`<value>.<signature>`, URL-encoded). */
  signedCookie(name: string): string | null {
    const raw = this.cookies.get(name);
    if (!raw) return null;
    const value = decodeURIComponent(raw);
    return value.slice(0, value.lastIndexOf('.'));
  }

  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF token on the page');
    return m[1]!;
  }
}
