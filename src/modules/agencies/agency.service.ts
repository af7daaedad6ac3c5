import { recordAudit } from '../../platform/audit.js';
import { isWithinPath } from '../../platform/access.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { isUniqueViolation, serializeWithin } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { placementProblem, type Agency, type AgencyChange } from './agency.js';
import { assertCan, can, scopes, type AgencyAction } from './agency.policy.js';
import {
  auditAgency,
  publicAgency,
  staffAgency,
  type PublicAgency,
  type StaffAgency,
} from './agency.presenter.js';
import * as repo from './agency.repository.js';
import {
  contactKeys,
  createAgencySchema,
  dissolveAgencySchema,
  moveAgencySchema,
  renameAgencySchema,
  updateAgencySchema,
} from './agency.schemas.js';
import { normalizeCreditCode } from './credit-code.js';

/** Every change to the shape of the tree takes this lock, so two moves cannot make a cycle. */
const TREE_LOCK = 'agency-tree';

/** Today's date in Beijing: history is dated as the office experiences it. */
export function localDate(ctx: Ctx): string {
  return beijingDate(ctx.clock.now());
}

async function load(ctx: Ctx, id: string): Promise<Agency> {
  const a = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!a) throw new NotFoundError('未找到该机构');
  return a;
}

async function loadParent(ctx: Ctx, id: string, field = 'parentId'): Promise<Agency> {
  const parent = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!parent) throw ValidationError.one(field, '所选上级机构不存在');
  if (parent.dissolvedAt) throw ValidationError.one(field, `上级机构“${parent.name}”已撤销`);
  return parent;
}

async function assertCreditCodeFree(
  ctx: Ctx,
  code: string | null,
  self: string | null,
): Promise<string | null> {
  if (!code) return null;
  const normal = normalizeCreditCode(code);
  const holder = await repo.findByCreditCode(ctx.db, normal);
  if (holder && holder.id !== self)
    throw ValidationError.one('creditCode', `统一社会信用代码 ${normal} 已登记为“${holder.name}”`);
  return normal;
}

/** A credit code taken between our check and our write still gets a field error, not a 500. */
async function mapUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e))
      throw ValidationError.one('creditCode', '该统一社会信用代码刚被其他机构登记，请核对');
    throw e;
  }
}

/** The audit event of a change to an agency, with its record before and after. */
async function auditChange(ctx: Ctx, action: string, before: Agency | null, after: Agency): Promise<void> {
  await recordAudit(ctx, {
    action,
    subjectType: 'agency',
    subjectId: after.id,
    agencyId: after.id,
    ...(before ? { before: auditAgency(before) } : {}),
    after: auditAgency(after),
  });
}

/** A change cannot take effect before the state it replaces began. */
async function assertEffectiveAfterCurrent(ctx: Ctx, agencyId: string, effectiveDate: string): Promise<void> {
  const current = (await repo.history(ctx.db, agencyId)).at(-1);
  if (current && effectiveDate < current.validFrom) {
    throw ValidationError.one('effectiveDate', `生效日期不能早于当前状态的起始日期 ${current.validFrom}`);
  }
}

async function appendHistory(
  ctx: Ctx,
  a: Agency,
  change: AgencyChange,
  validFrom: string,
  reason: string | null,
): Promise<void> {
  await repo.appendHistory(
    ctx.db,
    {
      id: newId(),
      agencyId: a.id,
      change,
      name: a.name,
      shortName: a.shortName,
      parentId: a.parentId,
      validFrom,
      validTo: null,
      reason,
    },
    ctx.actor.id,
  );
}

export async function get(ctx: Ctx, id: string): Promise<Agency> {
  const a = await load(ctx, id);
  assertCan(ctx.actor, 'read', a);
  return a;
}

/** Agencies the actor may read in the back office, in tree order. */
export async function listForStaff(ctx: Ctx, opts: { includeDissolved?: boolean } = {}): Promise<Agency[]> {
  return repo.listWithin(ctx.db, scopes(ctx.actor, 'read'), opts);
}

/** The public directory: every agency in force. */
export async function listPublic(ctx: Ctx): Promise<Agency[]> {
  return repo.listWithin(ctx.db, ['/']);
}

export async function getPublic(ctx: Ctx, id: string): Promise<Agency> {
  const a = await load(ctx, id);
  if (a.dissolvedAt) throw new NotFoundError('该机构已撤销');
  return a;
}

/**
 * An agency the portal shows, by id, full name or short name (a filter a visitor or a script
 * gives); a name two agencies share is an error that asks for the id.
 */
export async function resolvePublic(ctx: Ctx, idOrName: string): Promise<Agency> {
  if (isId(idOrName)) return getPublic(ctx, idOrName);
  const found = (await listPublic(ctx)).filter((a) => a.name === idOrName || a.shortName === idOrName);
  if (found.length === 0) throw new NotFoundError(`未找到机构“${idOrName}”`);
  if (found.length > 1)
    throw ValidationError.one('agency', `有 ${found.length} 个机构名为“${idOrName}”，请改用机构 ID`);
  return found[0]!;
}

/** The top of the tree: the people's government the site belongs to. */
export async function root(ctx: Ctx): Promise<Agency | undefined> {
  return (await repo.listRoots(ctx.db))[0];
}

/** Finds an agency by id, full name or short name (for the CLI); ambiguity is an error. */
export async function resolve(ctx: Ctx, idOrName: string): Promise<Agency> {
  if (isId(idOrName)) return get(ctx, idOrName);
  const found = await repo.findByName(ctx.db, idOrName);
  if (found.length === 0) throw new NotFoundError(`未找到机构“${idOrName}”`);
  if (found.length > 1)
    throw ValidationError.one('agency', `有 ${found.length} 个机构名为“${idOrName}”，请改用机构 ID`);
  assertCan(ctx.actor, 'read', found[0]!);
  return found[0]!;
}

export async function create(ctx: Ctx, raw: unknown): Promise<Agency> {
  const { parentId, establishedDate, ...input } = createAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    await serializeWithin(ctx.db, TREE_LOCK);
    const parent = parentId ? await loadParent(ctx, parentId) : null;
    if (parent) assertCan(ctx.actor, 'create', parent);
    else if ((await repo.countAll(ctx.db)) > 0) assertCan(ctx.actor, 'create', { path: '/' });
    const placement = placementProblem(input, parent);
    if (placement) throw ValidationError.one(parent ? 'parentId' : 'kind', placement);
    const creditCode = await assertCreditCodeFree(ctx, input.creditCode, null);
    const id = newId();
    const now = ctx.clock.now().toISOString();
    const agency: Agency = {
      ...input,
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      creditCode,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
      dissolvedAt: null,
    };
    await mapUniqueViolation(() => repo.insert(ctx.db, agency));
    await appendHistory(ctx, agency, 'created', establishedDate ?? localDate(ctx), null);
    await auditChange(ctx, 'agency.create', null, agency);
    return agency;
  });
}

/**
 * Changes attributes and contact details; fields left out keep their values. Which permission
 * it needs follows from what actually changes: office heads may change contact details only.
 */
export async function update(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  return inTransaction(ctx, async (ctx) => {
    const before = await load(ctx, id);
    const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const input = updateAgencySchema.parse({ ...before, ...given });
    const normalCode = input.creditCode && normalizeCreditCode(input.creditCode);
    const next: Agency = {
      ...before,
      ...input,
      creditCode: normalCode,
      sortOrder: input.sortOrder ?? before.sortOrder,
    };
    const changed = (Object.keys(input) as Array<keyof typeof input>).filter((k) => next[k] !== before[k]);
    if (changed.length === 0) return before;
    const onlyContacts = changed.every((k) => (contactKeys as string[]).includes(k));
    assertCan(ctx.actor, onlyContacts ? 'updateContacts' : 'update', before);
    if (!onlyContacts) {
      await serializeWithin(ctx.db, TREE_LOCK);
      const parent = before.parentId ? await repo.findById(ctx.db, before.parentId) : null;
      const placement = placementProblem(next, parent ?? null);
      if (placement) throw ValidationError.one('kind', placement);
      const children = (await repo.listWithin(ctx.db, [before.path])).filter((c) => c.parentId === before.id);
      for (const child of children) {
        const problem = placementProblem(child, next);
        if (problem)
          throw ValidationError.one('kind', `下级机构“${child.name}”将不再符合隶属规则：${problem}`);
      }
      await assertCreditCodeFree(ctx, next.creditCode, before.id);
    }
    const after: Agency = { ...next, updatedAt: ctx.clock.now().toISOString() };
    const patch = Object.fromEntries(
      [...changed, 'updatedAt'].map((k) => [k, after[k as keyof Agency]]),
    ) as repo.AgencyPatch;
    await mapUniqueViolation(() => repo.patch(ctx.db, id, patch));
    await auditChange(ctx, 'agency.update', before, after);
    return after;
  });
}

/** Renames an agency; the old name stays in its history with the dates it was in use. */
export async function rename(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const input = renameAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const before = await load(ctx, id);
    assertCan(ctx.actor, 'rename', before);
    const shortName = input.shortName ?? before.shortName;
    if (input.name === before.name && shortName === before.shortName)
      throw ValidationError.one('name', '新名称与现名称相同');
    await assertEffectiveAfterCurrent(ctx, id, input.effectiveDate);
    const after: Agency = {
      ...before,
      name: input.name,
      shortName,
      updatedAt: ctx.clock.now().toISOString(),
    };
    await repo.patch(ctx.db, id, {
      name: after.name,
      shortName: after.shortName,
      updatedAt: after.updatedAt,
    });
    await appendHistory(ctx, after, 'renamed', input.effectiveDate, input.reason);
    await auditChange(ctx, 'agency.rename', before, after);
    return after;
  });
}

/** Moves an agency (with its subtree) under another parent; its former parent stays in its history. */
export async function move(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const input = moveAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    // Read both ends only after taking the lock: a concurrent move may have just changed them.
    await serializeWithin(ctx.db, TREE_LOCK);
    const before = await load(ctx, id);
    assertCan(ctx.actor, 'move', before);
    const parent = await loadParent(ctx, input.parentId);
    assertCan(ctx.actor, 'move', parent);
    if (isWithinPath(parent.path, before.path))
      throw ValidationError.one('parentId', '不能把机构移到它自己或它的下级机构之下');
    if (parent.id === before.parentId) throw ValidationError.one('parentId', '新的上级机构与现上级机构相同');
    const placement = placementProblem(before, parent);
    if (placement) throw ValidationError.one('parentId', placement);
    await assertEffectiveAfterCurrent(ctx, id, input.effectiveDate);
    const newPath = `${parent.path}${before.id}/`;
    const now = ctx.clock.now().toISOString();
    await repo.repathSubtree(ctx.db, before.path, newPath, parent.depth + 1 - before.depth);
    await repo.setParent(ctx.db, id, parent.id, now);
    const after: Agency = {
      ...before,
      parentId: parent.id,
      path: newPath,
      depth: parent.depth + 1,
      updatedAt: now,
    };
    await appendHistory(ctx, after, 'moved', input.effectiveDate, input.reason);
    await auditChange(ctx, 'agency.move', before, after);
    return after;
  });
}

/**
 * Dissolves (撤销) an agency. Its record and history stay, so past reports keep their figures;
 * it leaves the directory and cannot receive new sub-agencies. Sub-agencies in force must be
 * dissolved or moved first.
 */
export async function dissolve(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const input = dissolveAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    await serializeWithin(ctx.db, TREE_LOCK);
    const before = await load(ctx, id);
    assertCan(ctx.actor, 'dissolve', before);
    if (before.dissolvedAt) throw ValidationError.one('effectiveDate', '该机构已撤销');
    if (!before.parentId) throw ValidationError.one('effectiveDate', '机构树的根不能撤销');
    const children = (await repo.listWithin(ctx.db, [before.path])).filter((a) => a.parentId === before.id);
    if (children.length)
      throw ValidationError.one(
        'effectiveDate',
        `请先撤销或调整其下级机构：${children.map((c) => c.name).join('、')}`,
      );
    await assertEffectiveAfterCurrent(ctx, id, input.effectiveDate);
    const now = ctx.clock.now().toISOString();
    const after: Agency = { ...before, dissolvedAt: now, updatedAt: now };
    await repo.patch(ctx.db, id, { dissolvedAt: now, updatedAt: now });
    await appendHistory(ctx, after, 'dissolved', input.effectiveDate, input.reason);
    await auditChange(ctx, 'agency.dissolve', before, after);
    return after;
  });
}

export type AgencyPageAction = Extract<
  AgencyAction,
  'updateContacts' | 'rename' | 'move' | 'create' | 'dissolve'
>;

/**
 * The back office's page of one agency: its record, its history with the parent named, and the
 * changes the viewer may make to it now (a root cannot be moved or dissolved, a village has no
 * sub-agencies, a dissolved agency takes none).
 */
export async function adminPage(ctx: Ctx, id: string) {
  const a = await get(ctx, id);
  const entries = await repo.history(ctx.db, a.id);
  const visible = await listForStaff(ctx, { includeDissolved: true });
  const nameOf = (parentId: string | null) =>
    parentId ? (visible.find((x) => x.id === parentId)?.name ?? '（范围外机构）') : '—';
  const may = (action: AgencyAction) => can(ctx.actor, action, a);
  const allowed: AgencyPageAction[] = [];
  if (may('updateContacts')) allowed.push('updateContacts');
  if (may('rename')) allowed.push('rename');
  if (may('move') && a.parentId !== null) allowed.push('move');
  if (may('create') && a.kind !== 'villageCommunity' && !a.dissolvedAt) allowed.push('create');
  if (may('dissolve') && a.parentId !== null && !a.dissolvedAt) allowed.push('dissolve');
  return {
    agency: a,
    parentName: nameOf(a.parentId),
    history: entries.map((h) => ({ ...h, parentName: nameOf(h.parentId) })),
    allowed,
  };
}

/** The back office's list of agencies, and whether the viewer may add one anywhere. */
export async function listPage(ctx: Ctx) {
  const list = await listForStaff(ctx);
  return { list, canCreate: list.some((a) => can(ctx.actor, 'create', a)) };
}

/**
 * The agencies a new one may go under, or `agencyId` may be moved under: those the viewer may
 * change, never a village (村（社区） have no sub-agencies), and for a move never the agency
 * itself or one below it (the tree would close into a loop).
 */
export async function parentChoices(
  ctx: Ctx,
  purpose: { create: true } | { move: string },
): Promise<Agency[]> {
  const all = await listForStaff(ctx);
  if ('create' in purpose)
    return all.filter((a) => can(ctx.actor, 'create', a) && a.kind !== 'villageCommunity');
  const moved = await get(ctx, purpose.move);
  return all.filter(
    (p) => can(ctx.actor, 'move', p) && !isWithinPath(p.path, moved.path) && p.kind !== 'villageCommunity',
  );
}

/** May the viewer change the structural fields (level, kind, credit code …) of this agency? */
export function mayUpdateStructure(ctx: Ctx, a: Agency): boolean {
  return can(ctx.actor, 'update', a);
}

/** An agency as the API shows it to this caller: every field to its staff, the public ones to others. */
export async function apiView(ctx: Ctx, id: string): Promise<PublicAgency | StaffAgency> {
  const a = await getPublic(ctx, id);
  return can(ctx.actor, 'read', a) ? staffAgency(a) : publicAgency(a);
}

export async function history(ctx: Ctx, id: string) {
  const a = await get(ctx, id);
  return repo.history(ctx.db, a.id);
}

/**
 * Names of agencies by id, dissolved ones included, for other modules' listings (the audit log
 * names the agency an event belongs to). Names are public: the directory shows them.
 */
export async function namesOf(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(isId))];
  return new Map((await repo.namesOf(ctx.db, wanted)).map((a) => [a.id, a.name]));
}

/** The path of an agency, for other modules' policies. */
export async function pathOf(ctx: Ctx, id: string): Promise<string> {
  const a = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!a) throw new NotFoundError('未找到该机构');
  return a.path;
}
