import type { Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { integer, object } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import { compareVersions, type Catalog, type SnapshotItem, type VersionDiff } from './catalog.js';
import { loadCatalog } from './catalog-access.js';
import * as repo from './catalog.repository.js';

/**
 * A catalog's history: every change left the whole tree as a version (who, when, what), and any
 * two versions can be compared column by column, as the catalogue heads its columns.
 */

export interface VersionEntry {
  version: number;
  actorLabel: string;
  changedAt: string;
  summary: string;
}

export async function listVersions(ctx: Ctx, catalogId: string): Promise<VersionEntry[]> {
  const { catalog } = await loadCatalog(ctx, catalogId, 'read');
  return (await repo.versionsOf(ctx.db, catalog.id)).map((v) => ({
    version: v.version,
    actorLabel: v.actor_label,
    changedAt: v.changed_at,
    summary: v.summary,
  }));
}

const versionSchema = object({ version: integer('版本', 1, 2_147_483_647) });

/** A version number as the integer column holds it, or a 400 naming the field (never a SQL error). */
function versionOf(raw: unknown): number {
  return versionSchema.parse({ version: raw }).version;
}

/** The item tree as version `version` left it. */
export async function snapshot(ctx: Ctx, catalogId: string, version: number): Promise<SnapshotItem[]> {
  const { catalog } = await loadCatalog(ctx, catalogId, 'read');
  version = versionOf(version);
  const v = await repo.findVersion(ctx.db, catalog.id, version);
  if (!v) throw ValidationError.one('version', `该目录没有第 ${version} 版`);
  return JSON.parse(v.snapshot) as SnapshotItem[];
}

/** What changed between two versions of a catalog (in either order: v1 is the earlier). */
export async function compare(ctx: Ctx, catalogId: string, v1: number, v2: number): Promise<VersionDiff> {
  await loadCatalog(ctx, catalogId, 'read');
  const [x, y] = [versionOf(v1), versionOf(v2)];
  const [from, to] = x <= y ? [x, y] : [y, x];
  const a = await snapshot(ctx, catalogId, from);
  const b = await snapshot(ctx, catalogId, to);
  return compareVersions(a, b);
}

export interface ComparePage {
  catalog: Catalog;
  agencyName: string;
  /** The earlier and the later version, whichever order they were asked in. */
  from: number;
  to: number;
  diff: VersionDiff;
}

/** The page comparing two versions; `from` and `to` as the form sends them. */
export async function comparePage(
  ctx: Ctx,
  catalogId: string,
  from: unknown,
  to: unknown,
): Promise<ComparePage> {
  const { catalog } = await loadCatalog(ctx, catalogId, 'read');
  const [a, b] = [Number(from), Number(to)];
  if (!Number.isInteger(a) || !Number.isInteger(b))
    throw ValidationError.one('version', '请选择要比较的两个版本');
  const diff = await compare(ctx, catalog.id, a, b);
  // agencies.get, not getPublic: a dissolved agency's catalog stays readable to its staff.
  const agency = await agencies.get(ctx, catalog.agencyId);
  return { catalog, agencyName: agency.name, from: Math.min(a, b), to: Math.max(a, b), diff };
}
