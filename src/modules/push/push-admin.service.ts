import type { Ctx } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { records } from '../records/index.js';
import { emptyRule, type AudienceRule } from './audience-rule.js';
import { figures } from './push-stats.service.js';
import { agencies } from '../agencies/index.js';
import { atTop, scopes } from './push.policy.js';
import * as repo from './push.repository.js';

const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const maskEmail = (e: string) => e.replace(/^(.)[^@]*(@.*)$/, '$1***$2');

/** The form's lists as arrays (the industries box is one comma-separated text). */
export function splitLists(body: Record<string, string | string[]>): Record<string, unknown> {
  const industries = String(body.industries ?? '')
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return { ...body, industries };
}

/** What the form showed, to show again with its errors. */
export function ruleFromForm(body: Record<string, string | string[]>): AudienceRule {
  const many = (v: unknown) => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
  const b = splitLists(body);
  return {
    ...emptyRule(),
    audience: (['enterprise', 'citizen', 'all'].includes(String(b.audience))
      ? b.audience
      : 'all') as AudienceRule['audience'],
    combine: b.combine === 'any' ? 'any' : 'all',
    industries: b.industries as string[],
    scales: many(b.scales) as AudienceRule['scales'],
    regions: many(b.regions),
    enterpriseTags: many(b.enterpriseTags),
    identityTags: many(b.identityTags),
    ageBands: many(b.ageBands) as AudienceRule['ageBands'],
  };
}

export async function homePage(ctx: Ctx, year?: number) {
  const now = Number(ctx.clock.now().toISOString().slice(0, 4));
  const y = year && year >= 2000 && year <= now ? year : now;
  const f = await figures(ctx, y);
  // The rules of the agencies the viewer oversees, newest first.
  const within = scopes(ctx.actor, 'viewFigures');
  const mine = new Set(
    (await agencies.listPublic(ctx)).filter((a) => within.some((w) => a.path.startsWith(w))).map((a) => a.id),
  );
  const recent = (await repo.recentRules(ctx.db, 200)).filter((r) => mine.has(r.agency_id)).slice(0, 20);
  const titles = new Map(
    (await records.publishedSummaries(ctx, { ids: recent.map((r) => r.target_id) })).map((r) => [
      r.id,
      r.title,
    ]),
  );
  return {
    figures: f,
    years: Array.from({ length: 5 }, (_, i) => now - i),
    rules: recent.map((r) => ({
      href: `/admin/push/${r.target_kind === 'record' ? 'records' : 'items'}/${r.target_id}`,
      title:
        r.target_kind === 'record'
          ? (titles.get(r.target_id) ?? '（尚未发布的政府信息）')
          : '标准目录事项（归入的政府信息按此推送）',
      description: r.description,
      updated: day(r.updated_at),
    })),
    mayReadOutbox: atTop(ctx.actor, 'readOutbox'),
    mayManageCategories: atTop(ctx.actor, 'manageCategories'),
  };
}

/** The outbox: what would have been e-mailed, addresses masked (the code itself is the point of a demo). */
export async function outbox(ctx: Ctx) {
  if (!atTop(ctx.actor, 'readOutbox')) throw new ForbiddenError();
  return (await repo.outbox(ctx.db, 50)).map((m) => ({
    to: maskEmail(ctx.cipher.decrypt(m.to_enc)),
    subject: m.subject,
    body: ctx.cipher.decrypt(m.body_enc),
    at: day(m.created_at),
  }));
}
