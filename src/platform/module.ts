import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Role } from './access.js';
import { ConfigError, type Config } from './config/config.js';
import {
  parseSettings,
  type ModuleSettings,
  type SettingKeys,
  type SettingValues,
} from './config/settings.js';
import type { Ctx } from './context.js';
import type { Database } from './db/schema.js';
import type { DomainEvents } from './events.js';
import type { TokenAuth } from './http/api-auth.js';
import type { SiteInfo, WebAuth } from './http/server.js';
import type { JobDefinition, JobSchedule } from './jobs/index.js';

/**
 * The module contract. A module is one folder under src/modules with a `module.ts` that exports
 * one manifest: what it owns (tables, migrations), what it shows (pages, API, commands), what it
 * runs (jobs, event handlers) and what it lends to other modules (capabilities, extensions such
 * as the annual report's contributions). src/app/modules.ts lists the manifests once; every
 * composition root installs that list (`install`), and the web server, the CLI, the worker, the
 * event bus, the audit log, backup and the report build read it from there. Nothing registers
 * itself by being imported.
 */
export interface GongkaiModule extends ModuleExtensions {
  /** Folder name, e.g. `requests`; also the owner name in the table-owner map. */
  name: string;
  /** What the module is, in Chinese (`gongkai modules` lists it). */
  label: string;
  /** Tables the module owns: only it queries them; each is backed up or excluded with a reason. */
  tables?: { [T in keyof Database]?: TableSpec };
  /**
   * Tables reached only through raw SQL, outside the Database type (engine-specific structures
   * such as SQLite FTS5 tables), so the guards know their owner. Never backed up.
   */
  rawTables?: Record<string, { notBackedUp: string }>;
  /** Migrations by name. Names are global and sort in the order a fresh database runs them. */
  migrations?: Record<string, Migration>;
  /** Chinese labels of the module's audit actions and subjects (the audit-log page). */
  audit?: AuditLabels;
  /**
   * The module's audit actions whose write changes what anonymous visitors see on the portal (a
   * publication, a withdrawal …): recording one marks every cached public page stale, in every
   * process (platform/page-version.ts).
   */
  publicPageActions?: readonly string[];
  /** Portal and back-office pages. */
  routes?(app: FastifyInstance, web: WebContext): void;
  /** REST endpoints under /api/v1. */
  api?(app: FastifyInstance, web: WebContext): void;
  /** `gongkai <command>` subcommands. */
  cli?(program: Command, cli: CliContext): void;
  /**
   * Kinds of background work the module runs (queued by it or by its schedules). A job queued with
   * a payload declares its type (`defineJob<P>`); the worker hands each job its own payload.
   */
  jobs?: ReadonlyArray<JobDefinition<never>>;
  /** Recurring work: one job of the kind per period, however many workers run. */
  schedules?: readonly JobSchedule[];
  /** Handlers of other modules' (or its own) domain events, run inside the emitting transaction. */
  on?: EventHandlers;
  /** Derived data to check at start and after a restore (e.g. the search index); returns what it did. */
  ensureDerivedData?(ctx: Ctx): Promise<string | null>;
  /** Services this module lends to others through a capability another module declared. */
  provides?(config: Config): Partial<Capabilities>;
  /** The module's own settings from the environment (platform/config/settings.ts defineSettings). */
  settings?: ModuleSettings;
  /**
   * Scopes an API token may carry for this module's operations (`records:write`), each with its
   * Chinese label and the roles a service account acts with when its token holds it (held for
   * the account's agency and subtree). A route names the one scope it needs (platform/http/api.ts).
   */
  apiScopes?: Record<string, ApiScopeSpec>;
}

/** One scope of the API (GongkaiModule.apiScopes). */
export interface ApiScopeSpec {
  /** What a token with this scope may do, in Chinese (the token form and the API document). */
  label: string;
  /** The same, in English, for the API document. */
  labelEn: string;
  /** Roles the service account acts with under this scope; none for public reads. */
  roles: readonly Role[];
}

/**
 * Extension points that modules define by declaration merging, e.g. the annual-report module adds
 * `reportContribution?: ReportContribution`, and the modules that count something for the report
 * fill it in. Platform names none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleExtensions {}

/**
 * Services one module needs from another it must not import (the dependency would point the wrong
 * way or close a cycle). The needing module declares the capability by declaration merging; the
 * lending module fills it in `provides`. Consumers treat a missing capability as "not installed".
 */
export interface Capabilities {
  /** The signed-in staff member behind a session cookie (accounts). */
  authenticateStaff(ctx: Ctx, token: string): Promise<WebAuth | null>;
  /** Name and contact of the site's top agency for the page footer (agencies). */
  siteInfo(ctx: Ctx): Promise<SiteInfo>;
  /** The service account behind an API token (accounts); why not, when it is refused. */
  authenticateToken(ctx: Ctx, token: string): Promise<TokenAuth>;
}

export type TableSpec =
  | {
      /** Column that orders rows on restore so parents come before children (e.g. `depth`). */
      backup: { orderBy: string; key?: string; page?: number };
    }
  | {
      /** Why the table is not in backups (sessions, derived data). Emptied on restore… */
      notBackedUp: string;
      /** …unless it is derived data its module rebuilds (ensureDerivedData) after the restore. */
      derived?: true;
    };

export interface AuditLabels {
  actions: Record<string, string>;
  subjects: Record<string, string>;
  /**
   * Labels of the fields of the snapshots this module's audit events carry (a nested field by its
   * dotted path, or by its last name); `''` marks a field kept for machines only (an id, a tree
   * path), which the audit-log page does not show. They apply to events of the module's subjects.
   */
  fields?: Record<string, string>;
  /** Labels of coded values, per field (`outcome: { granted: '予以公开' }`). */
  values?: Record<string, Readonly<Record<string, string>>>;
}

/** How the audit-log page names one field of an event's snapshot. */
export interface AuditFieldLabel {
  /** `''`: not shown. */
  label: string;
  values?: Readonly<Record<string, string>>;
}

export type EventHandler<K extends keyof DomainEvents> = (
  ctx: Ctx,
  payload: DomainEvents[K],
) => Promise<void>;
export type EventHandlers = { [K in keyof DomainEvents]?: EventHandler<K> };

/** What pages and API routes are given besides the app: configuration and borrowed services. */
export interface WebContext {
  config: Config;
  capabilities: Partial<Capabilities>;
  /** A module's settings as installed (for values routes need when they are registered). */
  settingsOf<S extends SettingKeys>(settings: ModuleSettings<S>): SettingValues<S>;
}

/** What a module's commands are given: output, exit code and a context on the configured database. */
export interface CliContext {
  out(line: string): void;
  err(line: string): void;
  /** Writes to stderr without a newline (progress bars); silent when embedded. */
  progress(text: string): void;
  setExitCode(code: number): void;
  /** Runs `fn` as the operator at the shell, on the configured database, reporting errors the CLI's way. */
  withCtx(fn: (ctx: Ctx) => Promise<void>): Promise<void>;
  /**
   * A module's settings from the command's environment, without opening the database (for
   * commands that only read files); a bad value throws ConfigError naming the variable.
   */
  settings<S extends SettingKeys>(settings: ModuleSettings<S>): SettingValues<S>;
}

export interface BackupTable {
  table: keyof Database;
  orderBy: string;
  key?: string;
  page?: number;
}

/** The installed modules, composed once per process by a composition root. */
export interface Installation {
  readonly modules: readonly GongkaiModule[];
  readonly migrations: Readonly<Record<string, Migration>>;
  /** In restore order: the modules' order in the list (dependencies first), then each module's. */
  readonly backupTables: readonly BackupTable[];
  /** Tables left out of backups, with the reason (emptied on restore unless derived). */
  readonly notBackedUp: ReadonlyMap<string, string>;
  /** Tables reached only through raw SQL (see GongkaiModule.rawTables). */
  readonly rawTables: ReadonlySet<string>;
  /** Not backed up and not emptied on restore: their module rebuilds them (raw tables included). */
  readonly derivedTables: ReadonlySet<string>;
  /** Owner (module name, or `platform`) of every declared table. */
  readonly tableOwners: ReadonlyMap<string, string>;
  readonly capabilities: Partial<Capabilities>;
  /** Every module's API scopes, by name, in list order. */
  readonly apiScopes: ReadonlyMap<string, ApiScopeSpec>;
  readonly jobs: ReadonlyArray<JobDefinition<never>>;
  readonly schedules: readonly JobSchedule[];
  handlersOf<K extends keyof DomainEvents>(event: K): ReadonlyArray<EventHandler<K>>;
  /** Every module's value for an extension point, in list order. */
  extensions<K extends keyof ModuleExtensions>(key: K): Array<NonNullable<ModuleExtensions[K]>>;
  /** A module's settings as parsed at install (defaults where the environment gave none). */
  settingsOf<S extends SettingKeys>(settings: ModuleSettings<S>): SettingValues<S>;
  auditActionLabel(action: string): string;
  /** Whether writing this audit action changes a public page (GongkaiModule.publicPageActions). */
  changesPublicPages(action: string): boolean;
  auditSubjectLabel(subjectType: string): string;
  auditActions(): Array<{ action: string; label: string }>;
  /**
   * The label of a snapshot field of an event: as the module that declares the event's action
   * names it, else the module of its subject (undefined: neither declares it).
   */
  auditField(event: { action: string; subjectType: string }, path: string): AuditFieldLabel | undefined;
}

export class ModuleContractError extends Error {}

/** Snapshot fields every module's events may carry. */
const commonAuditFields: Record<string, string> = {
  id: '',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  year: '年度',
  version: '版本',
  reason: '原因',
  title: '标题',
  name: '名称',
  date: '日期',
};

/**
 * Composes the listed modules (platform's own tables first). Refuses two modules of one name,
 * a table or migration claimed twice, and a job kind declared twice, so a mistake in a new
 * module stops the process at start instead of surfacing as a missing backup or a lost job.
 */
export function install(
  list: readonly GongkaiModule[],
  config?: Config,
  env: Record<string, string | undefined> = {},
): Installation {
  const modules = [platformModule, ...list];
  const names = new Set<string>();
  const migrations: Record<string, Migration> = {};
  const backupTables: BackupTable[] = [];
  const notBackedUp = new Map<string, string>();
  const tableOwners = new Map<string, string>();
  const rawTables = new Set<string>();
  const derivedTables = new Set<string>();
  const jobs: Array<JobDefinition<never>> = [];
  const schedules: JobSchedule[] = [];
  const actionLabels = new Map<string, string>();
  const publicPageActions = new Set<string>();
  type FieldLabels = {
    fields: Record<string, string>;
    values: Record<string, Readonly<Record<string, string>>>;
  };
  const auditFieldsByAction = new Map<string, FieldLabels>();
  const auditFieldsBySubject = new Map<string, FieldLabels>();
  const subjectLabels = new Map<string, string>();
  const handlers = new Map<string, Array<EventHandler<never>>>();
  const capabilities: Partial<Capabilities> = {};
  const settingValues = new Map<ModuleSettings, unknown>();
  const settingProblems: string[] = [];
  const apiScopes = new Map<string, ApiScopeSpec>();

  for (const m of modules) {
    if (names.has(m.name)) throw new ModuleContractError(`module ${m.name} is listed twice`);
    names.add(m.name);
    for (const [table, spec] of Object.entries(m.tables ?? {}) as Array<[keyof Database, TableSpec]>) {
      const owner = tableOwners.get(table);
      if (owner) throw new ModuleContractError(`table ${table} is claimed by ${owner} and ${m.name}`);
      tableOwners.set(table, m.name);
      if ('backup' in spec) backupTables.push({ table, ...spec.backup });
      else {
        notBackedUp.set(table, spec.notBackedUp);
        if (spec.derived) derivedTables.add(table);
      }
    }
    for (const [table, spec] of Object.entries(m.rawTables ?? {})) {
      const owner = tableOwners.get(table);
      if (owner) throw new ModuleContractError(`table ${table} is claimed by ${owner} and ${m.name}`);
      tableOwners.set(table, m.name);
      notBackedUp.set(table, spec.notBackedUp);
      rawTables.add(table);
      derivedTables.add(table);
    }
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (migrations[name]) throw new ModuleContractError(`migration ${name} is declared twice`);
      migrations[name] = migration;
    }
    for (const job of m.jobs ?? []) {
      if (jobs.some((j) => j.name === job.name))
        throw new ModuleContractError(`job ${job.name} is declared twice`);
      jobs.push(job);
    }
    schedules.push(...(m.schedules ?? []));
    const fieldLabels = { fields: m.audit?.fields ?? {}, values: m.audit?.values ?? {} };
    for (const [k, v] of Object.entries(m.audit?.actions ?? {})) {
      actionLabels.set(k, v);
      auditFieldsByAction.set(k, fieldLabels);
    }
    for (const action of m.publicPageActions ?? []) {
      if (!m.audit?.actions[action])
        throw new ModuleContractError(
          `${m.name} names ${action} as changing public pages but declares no such audit action`,
        );
      publicPageActions.add(action);
    }
    for (const [k, v] of Object.entries(m.audit?.subjects ?? {})) {
      subjectLabels.set(k, v);
      auditFieldsBySubject.set(k, fieldLabels);
    }
    for (const [event, handler] of Object.entries(m.on ?? {})) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler as EventHandler<never>]);
    }
    for (const [scope, spec] of Object.entries(m.apiScopes ?? {})) {
      if (apiScopes.has(scope)) throw new ModuleContractError(`API scope ${scope} is declared twice`);
      if (!/^[a-z][a-z-]*:(read|write)$/.test(scope))
        throw new ModuleContractError(`API scope ${scope} of ${m.name} is not <area>:read or <area>:write`);
      apiScopes.set(scope, spec);
    }
    if (config && m.provides) Object.assign(capabilities, m.provides(config));
    if (m.settings) settingValues.set(m.settings, parseSettings(m.settings.keys, env, settingProblems));
  }
  settingValues.set(pageCacheSettings, parseSettings(pageCacheSettings.keys, env, settingProblems));
  settingValues.set(apiSettings, parseSettings(apiSettings.keys, env, settingProblems));
  if (settingProblems.length) throw new ConfigError(settingProblems);
  for (const s of schedules) {
    if (!jobs.some((j) => j.name === s.job))
      throw new ModuleContractError(`schedule names job ${s.job}, which no module declares`);
  }

  return {
    modules,
    migrations,
    backupTables,
    notBackedUp,
    rawTables,
    derivedTables,
    tableOwners,
    capabilities,
    apiScopes,
    jobs,
    schedules,
    handlersOf: <K extends keyof DomainEvents>(event: K) =>
      (handlers.get(event) ?? []) as unknown as ReadonlyArray<EventHandler<K>>,
    extensions: <K extends keyof ModuleExtensions>(key: K) =>
      modules.flatMap((m) => (m[key] === undefined ? [] : [m[key] as NonNullable<ModuleExtensions[K]>])),
    settingsOf: <S extends SettingKeys>(settings: ModuleSettings<S>) =>
      (settingValues.get(settings) as SettingValues<S> | undefined) ??
      // A module not in this installation (a test's partial list): its defaults.
      parseSettings(settings.keys, {}, []),
    auditActionLabel: (action) => actionLabels.get(action) ?? action,
    changesPublicPages: (action) => publicPageActions.has(action),
    auditSubjectLabel: (subject) => subjectLabels.get(subject) ?? subject,
    auditActions: () => [...actionLabels].map(([action, label]) => ({ action, label })),
    auditField: (event, path) => {
      const last = path.slice(path.lastIndexOf('.') + 1);
      const owners = [auditFieldsByAction.get(event.action), auditFieldsBySubject.get(event.subjectType)];
      for (const key of [path, last]) {
        for (const own of owners) {
          const label = own?.fields[key];
          if (label !== undefined) return { label, values: own?.values[key] ?? own?.values[last] };
        }
        if (commonAuditFields[key] !== undefined) return { label: commonAuditFields[key] };
      }
      return undefined;
    },
  };
}

// The platform's own tables, migrations and settings, placed first in every installation.
import { platformMigrations } from './db/migrations/index.js';
import { apiSettings } from './http/api.settings.js';
import { pageCacheSettings } from './http/page-cache.settings.js';
import { readerSettings } from './sandbox/reader.settings.js';
import { siteSettings } from './ui/site.settings.js';

/**
 * The platform's own settings (the site's footer, the limits on reading uploaded files, the public
 * page cache), checked
 * and documented with the modules'.
 */
export const platformSettings: readonly ModuleSettings[] = [
  siteSettings,
  readerSettings,
  pageCacheSettings,
  apiSettings,
];

const platformModule: GongkaiModule = {
  name: 'platform',
  label: '平台',
  tables: {
    audit_event: { backup: { orderBy: 'id' } },
    // Queued jobs are the outbox of the rows they came from: restored with them, none lost or doubled.
    job: { backup: { orderBy: 'id' } },
    page_version: { notBackedUp: '公开页面的版本戳：恢复后重新生成，各进程缓存的页面随之作废' },
    rate_limit_counter: { notBackedUp: '访问频率计数只在一两分钟内有效，恢复后从零开始' },
    idempotency_key: { notBackedUp: '接口幂等键只保留一天，用于识别重试的请求；恢复后从零开始' },
  },
  rawTables: {
    schema_migration: { notBackedUp: '迁移记录：备份头记下已执行的迁移，恢复时比对，不作为数据恢复' },
    schema_migration_lock: { notBackedUp: '迁移锁' },
  },
  migrations: platformMigrations,
  settings: siteSettings,
  audit: {
    actions: {
      'job.retry': '重新运行失败的后台任务',
      'job.discard': '放弃后台任务',
      'api.call': '接口调用',
    },
    subjects: { job: '后台任务', apiOperation: '接口' },
    fields: { method: '请求方法', path: '地址', operation: '接口', status: '答复状态', tokenId: '' },
  },
};
