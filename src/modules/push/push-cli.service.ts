import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { records } from '../records/index.js';
import type { AudienceRule } from './audience-rule.js';
import { ruleForRecord } from './delivery.service.js';
import { matchRule } from './profile-index.service.js';
import { subscriberKindLabels, type SubscriberKind } from './push.js';
import * as repo from './push.repository.js';

const mask = (email: string) => email.replace(/^(.)[^@]*(@.*)$/, '$1***$2');

/**
 * `gongkai push match`: the subscribers a published record's rule reaches now, with the reason.
 * Addresses are masked: the operator sees who is reached, not where they can be written to.
 */
export async function matchRecord(ctx: Ctx, ref: string, limit: number) {
  const found = await ctx.modules.capabilities.publishedRecord?.(ctx, ref);
  const record = found ? await records.publicView(ctx, found.id) : null;
  if (!record) throw new NotFoundError(`未找到已发布的政府信息“${ref}”`);
  const items = record.catalog_item_ids ? (JSON.parse(record.catalog_item_ids) as string[]) : [];
  const rule = await ruleForRecord(ctx, record.id, items);
  const seqs = rule ? await matchRule(ctx, JSON.parse(rule.rule_json) as AudienceRule) : new Int32Array(0);
  // A rule on 特定身份 lists nobody: who is 残疾人 is not the operator's to read off a screen.
  const sensitive = !!rule && (JSON.parse(rule.rule_json) as AudienceRule).identityTags.length > 0;
  const first = (sensitive ? [] : await repo.activeBySeq(ctx.db, Array.from(seqs.subarray(0, limit))))
    .filter((s) => s.profiling === 1)
    .map((s) => ({
      subscriber: mask(ctx.cipher.decrypt(s.email_enc)),
      kind: subscriberKindLabels[s.kind as SubscriberKind],
      reason: rule!.description,
    }));
  return {
    record: record.id,
    indexNumber: record.index_number,
    title: record.title,
    rule: rule?.description ?? null,
    count: seqs.length,
    first,
  };
}
