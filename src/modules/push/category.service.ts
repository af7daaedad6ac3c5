import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { domainTemplates } from '../catalog/index.js';
import { categoryClasses, categoryClassLabels, type CategoryClass } from './push.js';
import { atTop } from './push.policy.js';
import * as repo from './push.repository.js';

/**
 * 推送类别: the office's own taxonomy (the seed's “3类22项” is local), each category mapped to
 * domains of the 标准目录. Categories in use are retired, never deleted, so the figures keep them.
 */

export const domainOptions = () => domainTemplates.map((d) => ({ value: d.code, label: d.name }));

export interface CategoryView {
  id: string;
  class: CategoryClass;
  classLabel: string;
  name: string;
  domains: string[];
  domainNames: string;
  retired: boolean;
}

function view(r: repo.CategoryRow): CategoryView {
  const domains = JSON.parse(r.domains_json) as string[];
  const names = new Map(domainTemplates.map((d) => [d.code, d.name]));
  return {
    id: r.id,
    class: r.class as CategoryClass,
    classLabel: categoryClassLabels[r.class as CategoryClass] ?? r.class,
    name: r.name,
    domains,
    domainNames: domains.map((d) => names.get(d) ?? d).join('、'),
    retired: !!r.retired_at,
  };
}

function assertManager(ctx: Ctx): void {
  if (!atTop(ctx.actor, 'manageCategories')) throw new ForbiddenError('只有政务公开主管部门可以修改推送类别');
}

export async function list(ctx: Ctx): Promise<CategoryView[]> {
  assertManager(ctx);
  return (await repo.categories(ctx.db)).map(view);
}

export async function get(ctx: Ctx, id: string): Promise<CategoryView> {
  assertManager(ctx);
  const row = isId(id) ? (await repo.categories(ctx.db)).find((c) => c.id === id) : undefined;
  if (!row) throw new NotFoundError('未找到该推送类别');
  return view(row);
}

function parse(raw: Record<string, unknown>): { class: CategoryClass; name: string; domains: string[] } {
  const errors: FieldError[] = [];
  const cls = String(raw.class ?? '') as CategoryClass;
  if (!categoryClasses.includes(cls))
    errors.push({ field: 'class', message: '请选择所属大类：惠企政策、惠民政策或特定群体' });
  const name = String(raw.name ?? '').trim();
  if (!name || name.length > 30) errors.push({ field: 'name', message: '类别名称为 1–30 个字' });
  const domains = (Array.isArray(raw.domains) ? raw.domains : raw.domains ? [raw.domains] : []).map(String);
  const known = new Set(domainTemplates.map((d) => d.code));
  if (domains.some((d) => !known.has(d)))
    errors.push({ field: 'domains', message: '对应领域不在 26 个试点领域中' });
  if (errors.length) throw new ValidationError(errors);
  return { class: cls, name, domains: [...new Set(domains)] };
}

/** 新增 or 修改 a category (the name must stay unique among those in use). */
export async function save(ctx: Ctx, id: string | null, raw: Record<string, unknown>): Promise<string> {
  assertManager(ctx);
  const c = parse(raw);
  return inTransaction(ctx, async (tx) => {
    const all = await repo.categories(tx.db);
    if (all.some((x) => x.id !== id && !x.retired_at && x.name === c.name))
      throw ValidationError.one('name', `已有名为“${c.name}”的推送类别`);
    const now = tx.clock.now().toISOString();
    const target = id ? all.find((x) => x.id === id) : undefined;
    if (id && !target) throw new NotFoundError('未找到该推送类别');
    const key = target?.id ?? newId();
    if (target)
      await repo.updateCategory(tx.db, key, {
        class: c.class,
        name: c.name,
        domains_json: JSON.stringify(c.domains),
        updated_at: now,
      });
    else
      await repo.insertCategory(tx.db, {
        id: key,
        class: c.class,
        name: c.name,
        domains_json: JSON.stringify(c.domains),
        position: Math.max(0, ...all.map((x) => x.position)) + 1,
        retired_at: null,
        created_at: now,
        updated_at: now,
      });
    await recordAudit(tx, {
      action: 'push.category',
      subjectType: 'pushCategory',
      subjectId: key,
      agencyId: null,
      ...(target ? { before: { name: target.name } } : {}),
      after: { name: c.name },
    });
    return key;
  });
}

/** 停用 or 恢复: a retired category is no longer offered for new rules; its figures stay. */
export async function setRetired(ctx: Ctx, id: string, retired: boolean): Promise<void> {
  const c = await get(ctx, id);
  await inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    await repo.updateCategory(tx.db, id, { retired_at: retired ? now : null, updated_at: now });
    await recordAudit(tx, {
      action: 'push.category',
      subjectType: 'pushCategory',
      subjectId: id,
      agencyId: null,
      after: { name: c.name, retired },
    });
  });
}
