import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { systemActor, type Actor } from '../platform/access.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { FieldCipher } from '../platform/crypto.js';
import { loadConfig, type Config } from '../platform/config/config.js';
import type { Ctx } from '../platform/context.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import { install, platformSettings, type GongkaiModule, type Installation } from '../platform/module.js';
import type { ModuleSettings } from '../platform/config/settings.js';
import { modules as allModules } from './modules.js';

/** Everything a door needs: configuration, the open database, the clock. */
export interface Container {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  secret: string;
  cipher: FieldCipher;
  /** The installed modules (src/app/modules.ts). */
  installation: Installation;
  ctx(actor: Actor, ip?: string | null): Ctx;
  close(): Promise<void>;
}

/**
 * Outside production a missing GONGKAI_SECRET or GONGKAI_DATA_KEY is generated once into
 * data/ (ignored by git), so that `npm start` works on a fresh machine and cookies and
 * encrypted data survive restarts. In production both must be configured.
 */
function resolveSecret(configured: string | null, name: string): string {
  if (configured) return configured;
  const file = resolve('data', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function createContainer(
  opts: {
    env?: Record<string, string | undefined>;
    clock?: Clock;
    migrate?: boolean;
    /** The modules to install; every module of the platform unless a test adds its own. */
    modules?: readonly GongkaiModule[];
  } = {},
): Promise<Container> {
  const env = opts.env ?? process.env;
  const list = opts.modules ?? allModules;
  // The platform's keys and every installed module's, each bad one reported at once.
  const config = loadConfig(env, settingsOf(list));
  const installation = install(list, config, env);
  const database = await openDatabase(config.databaseUrl);
  if (opts.migrate !== false) await migrateToLatest(database.db, installation.migrations);
  const clock = opts.clock ?? systemClock;
  const cipher = new FieldCipher(resolveSecret(config.dataKey, 'data-key'));
  return {
    config,
    database,
    clock,
    secret: resolveSecret(config.secret, 'secret'),
    cipher,
    installation,
    ctx: (actor, ip = null) => ({ actor, clock, db: database.db, ip, cipher, modules: installation }),
    close: () => database.close(),
  };
}

/** The settings declarations of the listed modules (for checking and documenting every key). */
export function settingsOf(list: readonly GongkaiModule[]): ModuleSettings[] {
  return [...platformSettings, ...list.flatMap((m) => (m.settings ? [m.settings] : []))];
}

/** The operator at the server's shell, named by their system account. */
export const cliActor = (): Actor => systemActor(`命令行（${userInfo().username}）`);
