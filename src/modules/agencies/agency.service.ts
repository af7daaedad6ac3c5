import { recordAudit } from '../../platform/audit.js';
import { scopesFor } from '../../platform/access.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { placementProblem, type Agency } from './agency.js';
import { assertCan } from './agency.policy.js';
import { auditAgency } from './agency.presenter.js';
import * as repo from './agency.repository.js';
import {
  createAgencySchema,
  dissolveAgencySchema,
  moveAgencySchema,
  renameAgencySchema,
  updateAgencySchema,
  type CreateAgencyInput,
} from './agency.schemas.js';
import { normalizeCreditCode } from './credit-code.js';

/** Today's date in Beijing, YYYY-MM-DD: history is dated as the office experiences it. */
export function localDate(ctx: Ctx): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

async function load(ctx: Ctx, id: string): Promise<Agency> {
  const a = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!a) throw new NotFoundError('未找到该机构');
  return a;
}

async function assertCreditCodeFree(
  ctx: Ctx,
  code: string | null,
  self: string | null,
): Promise<string | null> {
  if (!code) return null;
  const normal = normalizeCreditCode(code);
  const holder = await repo.findByCreditCode(ctx.db, normal);
  if (holder && holder.id !== self) {
    throw ValidationError.one('creditCode', `统一社会信用代码 ${normal} 已登记为“${holder.name}”`);
  }
  return normal;
}

export async function get(ctx: Ctx, id: string): Promise<Agency> {
  const a = await load(ctx, id);
  assertCan(ctx.actor, 'read', a);
  return a;
}

/** Agencies the actor may read in the back office, in tree order. */
export async function listForStaff(ctx: Ctx, opts: { includeDissolved?: boolean } = {}): Promise<Agency[]> {
  const scopes = scopesFor(ctx.actor, ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor']);
  return repo.listWithin(ctx.db, scopes, opts);
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
  const input: CreateAgencyInput = createAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const parent = input.parentId ? await load(ctx, input.parentId).catch(() => null) : null;
    if (input.parentId && !parent) throw ValidationError.one('parentId', '所选上级机构不存在');
    if (parent) assertCan(ctx.actor, 'create', parent);
    else if (ctx.actor.kind !== 'system' && (await repo.countAll(ctx.db)) > 0)
      assertCan(ctx.actor, 'create', { path: '/' });
    if (parent?.dissolvedAt) throw ValidationError.one('parentId', `上级机构“${parent.name}”已撤销`);
    const placement = placementProblem(input, parent);
    if (placement) throw ValidationError.one(parent ? 'parentId' : 'kind', placement);
    const creditCode = await assertCreditCodeFree(ctx, input.creditCode, null);
    const id = newId();
    const now = ctx.clock.now().toISOString();
    const { establishedDate, ...fields } = input;
    const agency: Agency = {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      name: fields.name,
      shortName: fields.shortName,
      level: fields.level,
      kind: input.kind,
      creditCode,
      regionCode: input.regionCode,
      address: input.address,
      postcode: input.postcode,
      officeHours: input.officeHours,
      phone: input.phone,
      fax: input.fax,
      email: input.email,
      website: input.website,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
      dissolvedAt: null,
    };
    await repo.insert(ctx.db, agency);
    await repo.appendHistory(
      ctx.db,
      {
        id: newId(),
        agencyId: id,
        change: 'created',
        name: agency.name,
        shortName: agency.shortName,
        parentId: agency.parentId,
        validFrom: establishedDate ?? localDate(ctx),
        validTo: null,
        reason: null,
      },
      ctx.actor.id,
    );
    await recordAudit(ctx, {
      action: 'agency.create',
      subjectType: 'agency',
      subjectId: id,
      agencyId: id,
      after: auditAgency(agency),
    });
    return agency;
  });
}

/**
 * Changes attributes and contact details. Office heads may change contact details only;
 * level, kind and codes are the administrator's.
 */
export async function update(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  return inTransaction(ctx, async (ctx) => {
    const before = await load(ctx, id);
    const structural = ['level', 'kind', 'creditCode', 'regionCode', 'sortOrder', 'shortName'];
    const src = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const touchesStructure = structural.some(
      (k) => k in src && String(src[k] ?? '') !== String(fieldOf(before, k) ?? ''),
    );
    assertCan(ctx.actor, touchesStructure ? 'update' : 'updateContacts', before);
    const input = updateAgencySchema.parse({
      level: before.level,
      kind: before.kind,
      ...pickStructure(before),
      ...src,
    });
    const parent = before.parentId ? await repo.findById(ctx.db, before.parentId) : null;
    const placement = placementProblem(input, parent ?? null);
    if (placement) throw ValidationError.one('kind', placement);
    const creditCode = await assertCreditCodeFree(ctx, input.creditCode, before.id);
    const after: Agency = {
      ...before,
      ...input,
      creditCode,
      sortOrder: input.sortOrder ?? before.sortOrder,
      updatedAt: ctx.clock.now().toISOString(),
    };
    await repo.update(ctx.db, after);
    await recordAudit(ctx, {
      action: 'agency.update',
      subjectType: 'agency',
      subjectId: id,
      agencyId: id,
      before: auditAgency(before),
      after: auditAgency(after),
    });
    return after;
  });
}

function fieldOf(a: Agency, key: string): unknown {
  return (a as unknown as Record<string, unknown>)[key];
}

function pickStructure(a: Agency): Record<string, unknown> {
  return {
    shortName: a.shortName,
    creditCode: a.creditCode,
    regionCode: a.regionCode,
    sortOrder: a.sortOrder,
    address: a.address,
    postcode: a.postcode,
    officeHours: a.officeHours,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    website: a.website,
  };
}

/** Renames an agency; the old name stays in its history with the dates it was in use. */
export async function rename(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const input = renameAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const before = await load(ctx, id);
    assertCan(ctx.actor, 'rename', before);
    if (input.name === before.name && input.shortName === before.shortName)
      throw ValidationError.one('name', '新名称与现名称相同');
    await assertEffectiveAfterCurrent(ctx, id, input.effectiveDate);
    const after: Agency = {
      ...before,
      name: input.name,
      shortName: input.shortName ?? before.shortName,
      updatedAt: ctx.clock.now().toISOString(),
    };
    await repo.update(ctx.db, after);
    await repo.appendHistory(
      ctx.db,
      {
        id: newId(),
        agencyId: id,
        change: 'renamed',
        name: after.name,
        shortName: after.shortName,
        parentId: after.parentId,
        validFrom: input.effectiveDate,
        validTo: null,
        reason: input.reason,
      },
      ctx.actor.id,
    );
    await recordAudit(ctx, {
      action: 'agency.rename',
      subjectType: 'agency',
      subjectId: id,
      agencyId: id,
      before: auditAgency(before),
      after: auditAgency(after),
    });
    return after;
  });
}

/** Moves an agency (with its subtree) under another parent; its former parent stays in its history. */
export async function move(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const input = moveAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const before = await load(ctx, id);
    assertCan(ctx.actor, 'move', before);
    const parent = await load(ctx, input.parentId).catch(() => {
      throw ValidationError.one('parentId', '所选上级机构不存在');
    });
    assertCan(ctx.actor, 'move', parent);
    if (parent.path.startsWith(before.path))
      throw ValidationError.one('parentId', '不能把机构移到它自己或它的下级机构之下');
    if (parent.id === before.parentId) throw ValidationError.one('parentId', '新的上级机构与现上级机构相同');
    if (parent.dissolvedAt) throw ValidationError.one('parentId', `上级机构“${parent.name}”已撤销`);
    const placement = placementProblem(before, parent);
    if (placement) throw ValidationError.one('parentId', placement);
    await assertEffectiveAfterCurrent(ctx, id, input.effectiveDate);
    const newPath = `${parent.path}${before.id}/`;
    await repo.repathSubtree(ctx.db, before.path, newPath, parent.depth + 1 - before.depth);
    const after: Agency = {
      ...before,
      parentId: parent.id,
      path: newPath,
      depth: parent.depth + 1,
      updatedAt: ctx.clock.now().toISOString(),
    };
    await repo.update(ctx.db, after);
    await repo.appendHistory(
      ctx.db,
      {
        id: newId(),
        agencyId: id,
        change: 'moved',
        name: after.name,
        shortName: after.shortName,
        parentId: parent.id,
        validFrom: input.effectiveDate,
        validTo: null,
        reason: input.reason,
      },
      ctx.actor.id,
    );
    await recordAudit(ctx, {
      action: 'agency.move',
      subjectType: 'agency',
      subjectId: id,
      agencyId: id,
      before: auditAgency(before),
      after: auditAgency(after),
    });
    return after;
  });
}

/** A change cannot take effect before the state it replaces began. */
async function assertEffectiveAfterCurrent(ctx: Ctx, agencyId: string, effectiveDate: string): Promise<void> {
  const current = (await repo.history(ctx.db, agencyId)).at(-1);
  if (current && effectiveDate < current.validFrom) {
    throw ValidationError.one('effectiveDate', `生效日期不能早于当前状态的起始日期 ${current.validFrom}`);
  }
}

/**
 * Dissolves (撤销) an agency. Its record and history stay, so past reports keep their figures;
 * it leaves the directory and cannot receive new sub-agencies. Sub-agencies in force must be
 * dissolved or moved first.
 */
export async function dissolve(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const input = dissolveAgencySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const before = await load(ctx, id);
    assertCan(ctx.actor, 'dissolve', before);
    if (before.dissolvedAt) throw ValidationError.one('effectiveDate', '该机构已撤销');
    if (!before.parentId) throw ValidationError.one('effectiveDate', '机构树的根不能撤销');
    const children = (await repo.listWithin(ctx.db, [before.path])).filter((a) => a.parentId === before.id);
    if (children.length) {
      throw ValidationError.one(
        'effectiveDate',
        `请先撤销或调整其下级机构：${children.map((c) => c.name).join('、')}`,
      );
    }
    await assertEffectiveAfterCurrent(ctx, id, input.effectiveDate);
    const now = ctx.clock.now().toISOString();
    const after: Agency = { ...before, dissolvedAt: now, updatedAt: now };
    await repo.update(ctx.db, after);
    await repo.appendHistory(
      ctx.db,
      {
        id: newId(),
        agencyId: id,
        change: 'dissolved',
        name: after.name,
        shortName: after.shortName,
        parentId: after.parentId,
        validFrom: input.effectiveDate,
        validTo: null,
        reason: input.reason,
      },
      ctx.actor.id,
    );
    await recordAudit(ctx, {
      action: 'agency.dissolve',
      subjectType: 'agency',
      subjectId: id,
      agencyId: id,
      before: auditAgency(before),
      after: auditAgency(after),
    });
    return after;
  });
}

export async function history(ctx: Ctx, id: string) {
  const a = await get(ctx, id);
  return repo.history(ctx.db, a.id);
}

/** Paths of the given agencies, for other modules' policies. */
export async function pathOf(ctx: Ctx, id: string): Promise<string> {
  const a = await repo.findById(ctx.db, id);
  if (!a) throw new NotFoundError('未找到该机构');
  return a.path;
}
