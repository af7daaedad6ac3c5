import type { Ctx } from '../context.js';

/**
 * Settings a module reads from the environment, declared in its manifest (`settings`) beside its
 * tables and jobs, so a module with a setting of its own touches no shared file. They are parsed
 * once at start with the platform's own keys, every bad one reported at once (ConfigError), and
 * documented by `gongkai config doc`. A service reads its module's values from the installation:
 * `reportSettings.of(ctx).townshipReportDeadline`.
 */
export interface Setting<T> {
  /** The environment variable. */
  env: string;
  /** What it means, for the operator (the README's table). */
  doc: string;
  default: string;
  /** Throws BadValue with a Chinese explanation of what is allowed. */
  parse(raw: string): T;
}

/** A value outside what a key allows; its message says what is allowed, in Chinese. */
export class BadValue extends Error {}

export type SettingKeys = Record<string, Setting<unknown>>;
export type SettingValues<S extends SettingKeys> = { [K in keyof S]: ReturnType<S[K]['parse']> };

export interface ModuleSettings<S extends SettingKeys = SettingKeys> {
  readonly keys: S;
  /** The values the installation was started with (the defaults where none was given). */
  of(ctx: Pick<Ctx, 'modules'>): SettingValues<S>;
}

export function defineSettings<S extends SettingKeys>(keys: S): ModuleSettings<S> {
  const settings: ModuleSettings<S> = {
    keys,
    of: (ctx) => ctx.modules.settingsOf(settings),
  };
  return settings;
}

/** Parses `keys` from `env`; a bad value becomes a problem naming the variable (never a secret). */
export function parseSettings<S extends SettingKeys>(
  keys: S,
  env: Record<string, string | undefined>,
  problems: string[],
): SettingValues<S> {
  const out: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(keys)) {
    const raw = env[key.env];
    const value = raw === undefined || raw === '' ? key.default : raw;
    try {
      out[field] = key.parse(value);
    } catch (e) {
      problems.push(`${key.env}=${JSON.stringify(raw)}：${e instanceof BadValue ? e.message : String(e)}`);
      out[field] = key.parse(key.default);
    }
  }
  return out as SettingValues<S>;
}

/** An integer key between `min` and `max`. */
export function integerBetween(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new BadValue(`应为 ${min}–${max} 之间的整数`);
    const n = Number(raw);
    if (n < min || n > max) throw new BadValue(`应为 ${min}–${max} 之间的整数`);
    return n;
  };
}
