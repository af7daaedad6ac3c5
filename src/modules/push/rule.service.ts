import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/index.js';
import { agencies } from '../agencies/index.js';
import { catalogs } from '../catalog/index.js';
import { records } from '../records/index.js';
import { describeRule, emptyRule, parseRule, type AudienceRule } from './audience-rule.js';
import { MATCH_JOB } from './delivery.service.js';
import { matchRule } from './profile-index.service.js';
import { assertCan, can } from './push.policy.js';
import * as repo from './push.repository.js';
import { regionChoices } from './subscriber.service.js';

/**
 * 推送对象: the audience rule of a record, or of a catalog item (标准目录事项), which every record
 * filed under the item takes when it has none of its own (公开对象 = 特定群众 items are the
 * natural ones, services.md §4.6).
 */
export type RuleTargetKind = 'record' | 'catalogItem';

export interface RuleTarget {
  kind: RuleTargetKind;
  id: string;
  title: string;
  agencyId: string;
  /** 'published' for a published record: saving the rule pushes it at once. */
  state: string | null;
  indexNumber: string | null;
  /** Its back-office page. */
  href: string;
}

/** The target as the actor may read it (the records' and the catalog's own rules apply), and may set its rule. */
async function target(ctx: Ctx, kind: RuleTargetKind, id: string): Promise<RuleTarget> {
  let t: RuleTarget;
  if (kind === 'record') {
    const { record } = await records.get(ctx, id);
    t = {
      kind,
      id,
      title: record.title,
      agencyId: record.agency_id,
      state: record.state,
      indexNumber: record.index_number,
      href: `/admin/records/${id}`,
    };
  } else {
    const { item, catalog } = await catalogs.getItem(ctx, id);
    t = {
      kind,
      id,
      title: item.name,
      agencyId: catalog.agencyId,
      state: null,
      indexNumber: null,
      href: `/admin/catalogs/items/${id}`,
    };
  }
  assertCan(ctx.actor, 'setRule', { path: await agencies.pathOf(ctx, t.agencyId) });
  return t;
}

const regionNames = async (ctx: Ctx) => {
  const regions = await regionChoices(ctx);
  return { regions, names: new Map(regions.map((r) => [r.id, r.name])) };
};

/** The rule form's page: the target, its rule (or an empty one), the choices, the reach now. */
export async function rulePage(ctx: Ctx, kind: RuleTargetKind, id: string) {
  const t = await target(ctx, kind, id);
  const row = await repo.rule(ctx.db, kind, id);
  const rule = row ? (JSON.parse(row.rule_json) as AudienceRule) : emptyRule();
  const { regions } = await regionNames(ctx);
  return {
    target: t,
    rule,
    categoryId: row?.category_id ?? '',
    description: row ? row.description : null,
    reach: row ? reachText(rule, (await matchRule(ctx, rule)).length) : null,
    regions,
    categories: (await repo.categories(ctx.db)).filter((c) => !c.retired_at),
  };
}

/**
 * 设置推送对象: checked and described in plain Chinese. For a published record the match runs
 * again at once (those already reached get nothing twice); an item's rule applies to the records
 * filed under it as they are published.
 */
export async function setRule(
  ctx: Ctx,
  kind: RuleTargetKind,
  id: string,
  raw: Record<string, unknown>,
): Promise<{ description: string; reach: string; saved: boolean }> {
  const t = await target(ctx, kind, id);
  const { names } = await regionNames(ctx);
  const parsed = parseRule(raw, (r) => names.has(r));
  if ('errors' in parsed) throw new ValidationError(parsed.errors);
  const categoryId = typeof raw.categoryId === 'string' && raw.categoryId ? raw.categoryId : null;
  const cats = await repo.categories(ctx.db);
  if (categoryId && !cats.some((c) => c.id === categoryId && !c.retired_at))
    throw ValidationError.one('categoryId', '请从列表中选择推送类别');
  const description = describeRule(parsed.rule, (r) => names.get(r) ?? r);
  const reach = reachText(parsed.rule, (await matchRule(ctx, parsed.rule)).length);
  // A published record is pushed the moment its rule is saved, and a push cannot be recalled:
  // the clerk sees whom it will reach and confirms.
  // The confirmation names the rule it confirms: changing the form after the preview asks again.
  if (t.state === 'published' && raw.confirm !== description) return { description, reach, saved: false };
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await repo.upsertRule(tx.db, {
      id: newId(),
      agency_id: t.agencyId,
      target_kind: kind,
      target_id: id,
      category_id: categoryId,
      rule_json: JSON.stringify(parsed.rule),
      description,
      created_by: tx.actor.id,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'push.setRule',
      subjectType: kind === 'record' ? 'record' : 'catalogItem',
      subjectId: id,
      agencyId: t.agencyId,
      after: { description },
    });
    if (t.state === 'published')
      await enqueue(tx, {
        name: MATCH_JOB,
        payload: { targetKind: 'record', targetId: id, catalogItemIds: [] },
      });
  });
  return { description, reach, saved: true };
}

/**
 * How many subscribers a rule reaches, in words. A rule on 特定身份 that reaches fewer than five
 * says only that: a count of one would tell the clerk that someone in 大埔村 is 残疾人.
 */
export function reachText(rule: AudienceRule, n: number): string {
  return rule.identityTags.length > 0 && n < 5 ? '少于 5' : String(n);
}

/** 取消推送对象 (nothing already sent is recalled). */
export async function clearRule(ctx: Ctx, kind: RuleTargetKind, id: string): Promise<void> {
  const t = await target(ctx, kind, id);
  await inTransaction(ctx, async (tx) => {
    await repo.deleteRule(tx.db, kind, id);
    await recordAudit(tx, {
      action: 'push.clearRule',
      subjectType: kind === 'record' ? 'record' : 'catalogItem',
      subjectId: id,
      agencyId: t.agencyId,
    });
  });
}

/** The rule of a record (the demo loader and the tests). */
export const setRecordRule = (ctx: Ctx, recordId: string, raw: Record<string, unknown>) =>
  setRule(ctx, 'record', recordId, raw);

/** How many subscribers a rule reaches now (the form's preview). */
/** The links on a record's or an item's page to its 推送对象, for those who may set it. */
async function linksFor(ctx: Ctx, kind: RuleTargetKind, id: string, agencyId: string) {
  if (!can(ctx.actor, 'setRule', { path: await agencies.pathOf(ctx, agencyId) })) return [];
  const row = await repo.rule(ctx.db, kind, id);
  const none =
    kind === 'record'
      ? '未设置：发布后只推送给关注相关主题的用户'
      : '未设置：归入本事项的政府信息发布时，只推送给关注相关主题的用户';
  return [
    {
      label: row ? '修改推送对象（精准推送）' : '设置推送对象（精准推送）',
      href: `/admin/push/${kind === 'record' ? 'records' : 'items'}/${id}`,
      note: row ? row.description : none,
    },
  ];
}

/** records' ModuleExtensions.recordLinks. */
export async function recordLinks(ctx: Ctx, recordId: string) {
  const { record } = await records.get(ctx, recordId);
  return linksFor(ctx, 'record', recordId, record.agency_id);
}

/** catalog's ModuleExtensions.catalogItemLinks. */
export async function catalogItemLinks(ctx: Ctx, itemId: string) {
  const { catalog } = await catalogs.getItem(ctx, itemId);
  return linksFor(ctx, 'catalogItem', itemId, catalog.agencyId);
}

/** The categories (3类22项 as the office keeps them) in use, in order. */
export async function categories(ctx: Ctx) {
  return (await repo.categories(ctx.db)).filter((c) => !c.retired_at);
}
