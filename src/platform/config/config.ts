import { BadValue, integerBetween, parseSettings, type ModuleSettings } from './settings.js';
/**
 * Configuration: read once at start from the environment, typed, every key documented here
 * (the README's table is generated from the same declarations by `gongkai config --doc`).
 * Every bad key is reported at once, not the first one only.
 */

export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  secret: string | null;
  dataKey: string | null;
  production: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicFormRateLimitPerMinute: number;
  cookieSecure: boolean;
  /** false, a number of proxy hops, or the proxies' addresses (never “every client”). */
  trustProxy: false | number | string[];
  publicUrl: string | null;
  worker: 'inline' | 'off';
  jobConcurrency: number;
  jobRetentionDays: number;
}

interface KeyDeclaration<K extends keyof Config> {
  env: string;
  field: K;
  doc: string;
  default: string | null;
  parse: (raw: string) => Config[K];
}

const int = integerBetween;

function bool(raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new BadValue('应为 true 或 false');
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function declare<K extends keyof Config>(d: KeyDeclaration<K>): KeyDeclaration<K> {
  return d;
}

export const configKeys = [
  declare({
    env: 'DATABASE_URL',
    field: 'databaseUrl',
    doc: 'Database to use: `sqlite:<path>` (embedded, the default) or `postgres://user@host:port/db` (PostgreSQL 15+).',
    default: 'sqlite:./data/gongkai.db',
    parse: (raw) => {
      if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(raw))
        throw new BadValue('应以 sqlite: 或 postgres:// 开头');
      return raw;
    },
  }),
  declare({
    env: 'HOST',
    field: 'host',
    doc: 'Address the web server listens on.',
    default: '0.0.0.0',
    parse: (raw) => raw,
  }),
  declare({
    env: 'PORT',
    field: 'port',
    doc: 'Port of the web server.',
    default: '3000',
    parse: int(0, 65535),
  }),
  declare({
    env: 'GONGKAI_SECRET',
    field: 'secret',
    doc: 'Server secret (at least 32 characters) that signs cookies, CSRF tokens and backups (a key of its own is derived for each; see docs/backup.md). Required in production; elsewhere one is generated into `data/secret` on first start. Keep it: a backup restores with the secret that signed it.',
    default: null,
    parse: (raw) => {
      if (raw.length < 32) throw new BadValue('至少 32 个字符');
      return raw;
    },
  }),
  declare({
    env: 'GONGKAI_DATA_KEY',
    field: 'dataKey',
    doc: 'Key (at least 32 characters) that encrypts personal data at rest (身份证号, phone, address). Required in production; keep it with the backups, which hold the data encrypted. Elsewhere one is generated into `data/data-key` on first start.',
    default: null,
    parse: (raw) => {
      if (raw.length < 32) throw new BadValue('至少 32 个字符');
      return raw;
    },
  }),
  declare({
    env: 'NODE_ENV',
    field: 'production',
    doc: '`production` makes GONGKAI_SECRET mandatory and secure cookies the default.',
    default: 'development',
    parse: (raw) => raw === 'production',
  }),
  declare({
    env: 'LOG_LEVEL',
    field: 'logLevel',
    doc: `Log level: ${logLevels.join(', ')}. Logs never contain personal data or passwords.`,
    default: 'info',
    parse: (raw) => {
      const v = logLevels.find((l) => l === raw);
      if (!v) throw new BadValue(`应为 ${logLevels.join('/')} 之一`);
      return v;
    },
  }),
  declare({
    env: 'PUBLIC_FORM_RATE_LIMIT',
    field: 'publicFormRateLimitPerMinute',
    doc: 'Submissions of public forms (applications, case look-ups) allowed per client address per minute.',
    default: '30',
    parse: int(1, 10_000),
  }),
  declare({
    env: 'GONGKAI_WORKER',
    field: 'worker',
    doc: 'Background jobs (deadline checks and reminders, scheduled publication, and later mail, push and crawling): `inline` runs the worker inside the web server (the default, enough for one machine); `off` leaves them to separate `gongkai worker` processes. Running both is safe: each job runs once.',
    default: 'inline',
    parse: (raw) => {
      if (raw !== 'inline' && raw !== 'off') throw new BadValue('应为 inline 或 off');
      return raw;
    },
  }),
  declare({
    env: 'GONGKAI_JOB_CONCURRENCY',
    field: 'jobConcurrency',
    doc: 'Jobs one worker process runs at the same time.',
    default: '4',
    parse: (raw) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new BadValue('应为 1 到 64 之间的整数');
      return n;
    },
  }),
  declare({
    env: 'GONGKAI_JOB_RETENTION_DAYS',
    field: 'jobRetentionDays',
    doc: 'Finished jobs are deleted this many days after they finished; failed (dead) jobs stay until an administrator retries or discards them.',
    default: '7',
    parse: (raw) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 3650) throw new BadValue('应为 1 到 3650 之间的整数（天）');
      return n;
    },
  }),
  declare({
    env: 'COOKIE_SECURE',
    field: 'cookieSecure',
    doc: 'Mark cookies `Secure` (HTTPS only). Defaults to true in production.',
    default: null,
    parse: bool,
  }),
  declare({
    env: 'TRUST_PROXY',
    field: 'trustProxy',
    doc: 'Behind a reverse proxy (nginx): how many proxies stand in front (`1`), or their addresses (`127.0.0.1,10.0.0.0/8`), so X-Forwarded-For is read only from them; `false` reads the connection’s address. `true` is refused: it would let any client set its own address and escape the rate limits.',
    default: 'false',
    parse: (raw) => {
      const v = raw.trim();
      if (/^(false|no|off|0)$/i.test(v)) return false;
      if (/^(true|yes|on)$/i.test(v))
        throw new BadValue(
          '不能信任所有来源（任何客户端都能伪造地址）：请填写代理的层数（如 1）或代理的地址（如 127.0.0.1）',
        );
      if (/^\d+$/.test(v)) {
        const n = Number(v);
        if (n < 1 || n > 10) throw new BadValue('代理层数应为 1 到 10 之间的整数');
        return n;
      }
      const list = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/i;
      // A /0 network is every client again.
      const bad = list.find((x) => !address.test(x) || /\/0+$/.test(x));
      if (!list.length || bad)
        throw new BadValue(`应为 false、代理层数或以逗号分隔的代理地址${bad ? `（“${bad}”不是地址）` : ''}`);
      return list;
    },
  }),
  declare({
    env: 'PUBLIC_URL',
    field: 'publicUrl',
    doc: 'The address citizens reach the portal at, used in printed links and feeds (never the request’s Host header); defaults to http://localhost:PORT.',
    default: null,
    parse: (raw) => {
      if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new BadValue('应为 http:// 或 https:// 开头的地址');
      return raw.replace(/\/$/, '');
    },
  }),
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The platform's settings from the environment. With the installed modules' settings given, their
 * keys are checked too, so every bad key of the whole installation is reported at once.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  moduleSettings: readonly ModuleSettings[] = [],
): Config {
  const out: Partial<Record<keyof Config, unknown>> = {};
  const problems: string[] = [];
  for (const key of configKeys) {
    const raw = env[key.env];
    const value = raw === undefined || raw === '' ? key.default : raw;
    if (value === null) {
      out[key.field] = null;
      continue;
    }
    try {
      out[key.field] = (key.parse as (r: string) => unknown)(value);
    } catch (e) {
      // Secrets are named, never echoed: this message reaches terminals and logs.
      const shown =
        key.env === 'GONGKAI_SECRET' || key.env === 'GONGKAI_DATA_KEY' ? '' : `=${JSON.stringify(raw)}`;
      problems.push(`${key.env}${shown}：${e instanceof BadValue ? e.message : String(e)}`);
    }
  }
  const config = out as Config;
  if (out.cookieSecure === null) config.cookieSecure = config.production === true;
  if (config.production && !config.secret && !env.GONGKAI_SECRET)
    problems.push('GONGKAI_SECRET：生产环境（NODE_ENV=production）必须设置');
  if (config.production && !config.dataKey && !env.GONGKAI_DATA_KEY)
    problems.push('GONGKAI_DATA_KEY：生产环境（NODE_ENV=production）必须设置');
  for (const settings of moduleSettings) parseSettings(settings.keys, env, problems);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Markdown table of every key — the platform's, then the installed modules' — for the README. */
export function configDoc(moduleSettings: readonly ModuleSettings[] = []): string {
  const keys: Array<{ env: string; default: string | null; doc: string }> = [
    ...configKeys,
    ...moduleSettings.flatMap((m) => Object.values(m.keys)),
  ];
  // A cell holds no line break, and its pipes are escaped (a list default such as 级别|标题|地址).
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '；');
  const rows = keys.map(
    (k) =>
      `| \`${k.env}\` | ${k.default === null || k.default === '' ? '—' : `\`${cell(k.default)}\``} | ${cell(k.doc)} |`,
  );
  return ['| key | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
