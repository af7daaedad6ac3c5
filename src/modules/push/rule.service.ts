import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/index.js';
import { agencies } from '../agencies/index.js';
import { records } from '../records/index.js';
import { describeRule, emptyRule, parseRule, type AudienceRule } from './audience-rule.js';
import { MATCH_JOB } from './delivery.service.js';
import { matchRule } from './profile-index.service.js';
import { assertCan, can } from './push.policy.js';
import * as repo from './push.repository.js';
import { regionChoices } from './subscriber.service.js';

/** The rule form's page for a record: the record, its rule (or an empty one), the choices. */
export async function recordRulePage(ctx: Ctx, recordId: string) {
  const { record } = await records.get(ctx, recordId);
  const path = await agencies.pathOf(ctx, record.agency_id);
  assertCan(ctx.actor, 'setRule', { path });
  const row = await repo.rule(ctx.db, 'record', recordId);
  const rule = row ? (JSON.parse(row.rule_json) as AudienceRule) : emptyRule();
  const regions = await regionChoices(ctx);
  const names = new Map(regions.map((r) => [r.id, r.name]));
  return {
    record: { id: record.id, title: record.title, state: record.state, indexNumber: record.index_number },
    rule,
    categoryId: row?.category_id ?? '',
    description: row ? row.description : null,
    reach: row ? (await matchRule(ctx, rule)).length : null,
    regions,
    categories: (await repo.categories(ctx.db)).filter((c) => !c.retired_at),
    regionName: (id: string) => names.get(id) ?? id,
  };
}

/**
 * 设置推送对象: the rule of a record, checked and described in plain Chinese. For a published
 * record, the match runs again at once (those already reached get nothing twice).
 */
export async function setRecordRule(
  ctx: Ctx,
  recordId: string,
  raw: Record<string, unknown>,
): Promise<{ description: string; reach: number }> {
  const { record } = await records.get(ctx, recordId);
  const path = await agencies.pathOf(ctx, record.agency_id);
  assertCan(ctx.actor, 'setRule', { path });
  const regions = await regionChoices(ctx);
  const names = new Map(regions.map((r) => [r.id, r.name]));
  const parsed = parseRule(raw, (id) => names.has(id));
  if ('errors' in parsed) throw new ValidationError(parsed.errors);
  const categoryId = typeof raw.categoryId === 'string' && raw.categoryId ? raw.categoryId : null;
  const cats = await repo.categories(ctx.db);
  if (categoryId && !cats.some((c) => c.id === categoryId))
    throw ValidationError.one('categoryId', '请从列表中选择推送类别');
  const description = describeRule(parsed.rule, (id) => names.get(id) ?? id);
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await repo.upsertRule(tx.db, {
      id: newId(),
      agency_id: record.agency_id,
      target_kind: 'record',
      target_id: recordId,
      category_id: categoryId,
      rule_json: JSON.stringify(parsed.rule),
      description,
      created_by: tx.actor.id,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'push.setRule',
      subjectType: 'record',
      subjectId: recordId,
      agencyId: record.agency_id,
      after: { description },
    });
    if (record.state === 'published')
      await enqueue(tx, {
        name: MATCH_JOB,
        payload: { targetKind: 'record', targetId: recordId, catalogItemIds: [] },
      });
  });
  return { description, reach: (await matchRule(ctx, parsed.rule)).length };
}

/** 取消推送对象 (nothing already sent is recalled). */
export async function clearRecordRule(ctx: Ctx, recordId: string): Promise<void> {
  const { record } = await records.get(ctx, recordId);
  assertCan(ctx.actor, 'setRule', { path: await agencies.pathOf(ctx, record.agency_id) });
  await inTransaction(ctx, async (tx) => {
    await repo.deleteRule(tx.db, 'record', recordId);
    await recordAudit(tx, {
      action: 'push.clearRule',
      subjectType: 'record',
      subjectId: recordId,
      agencyId: record.agency_id,
    });
  });
}

/** How many subscribers a rule reaches now (the form's preview). */
export async function preview(
  ctx: Ctx,
  raw: Record<string, unknown>,
): Promise<{ description: string; reach: number }> {
  const regions = await regionChoices(ctx);
  const names = new Map(regions.map((r) => [r.id, r.name]));
  const parsed = parseRule(raw, (id) => names.has(id));
  if ('errors' in parsed) throw new ValidationError(parsed.errors);
  return {
    description: describeRule(parsed.rule, (id) => names.get(id) ?? id),
    reach: (await matchRule(ctx, parsed.rule)).length,
  };
}

/** The record page's link to its 推送对象 (records' ModuleExtensions.recordLinks), for those who may set it. */
export async function recordLinks(
  ctx: Ctx,
  recordId: string,
): Promise<Array<{ label: string; href: string; note?: string }>> {
  const { record } = await records.get(ctx, recordId);
  if (!can(ctx.actor, 'setRule', { path: await agencies.pathOf(ctx, record.agency_id) })) return [];
  const row = await repo.rule(ctx.db, 'record', recordId);
  return [
    {
      label: row ? '修改推送对象（精准推送）' : '设置推送对象（精准推送）',
      href: `/admin/push/records/${recordId}`,
      note: row ? row.description : '未设置：发布后只推送给关注相关主题的用户',
    },
  ];
}

/** The categories (3类22项 as the office keeps them), in order. */
export async function categories(ctx: Ctx) {
  return (await repo.categories(ctx.db)).filter((c) => !c.retired_at);
}
