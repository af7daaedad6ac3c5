import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import { assertCan, can, scopes } from './inspection.policy.js';
import * as repo from './inspection.repository.js';
import { columnRulesText, siteSchema, type ColumnRule } from './inspection.schemas.js';
import { inspectionSettings } from './inspection.settings.js';
import type { InspectedSiteTable } from './inspection.tables.js';

/** A site as the pages and the jobs use it. */
export interface InspectedSite {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyPath: string;
  name: string;
  url: string;
  siteCode: string | null;
  ownPortal: boolean;
  columnRules: ColumnRule[];
  pageLimit: number;
  active: boolean;
}

export function toSite(row: repo.SiteRow): InspectedSite {
  return {
    id: row.id,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    agencyPath: row.agency_path,
    name: row.name,
    url: row.url,
    siteCode: row.site_code,
    ownPortal: row.own_portal === 1,
    columnRules: JSON.parse(row.column_rules) as ColumnRule[],
    pageLimit: row.page_limit,
    active: row.active === 1,
  };
}

/** The site, for someone who may read its reports. */
export async function getSite(ctx: Ctx, id: string): Promise<InspectedSite> {
  const row = isId(id) ? await repo.findSite(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('没有找到这个网站');
  assertCan(ctx.actor, 'view', { path: row.agency_path });
  return toSite(row);
}

/** Sites the actor may read, in tree order. */
export async function listSites(ctx: Ctx): Promise<InspectedSite[]> {
  return (await repo.listSites(ctx.db, scopes(ctx.actor, 'view'))).map(toSite);
}

/** Every active site (for the system's schedules). */
export async function activeSites(ctx: Ctx): Promise<InspectedSite[]> {
  return (await repo.listSites(ctx.db, ['/'], { activeOnly: true })).map(toSite);
}

async function responsibleAgency(ctx: Ctx, agencyId: string): Promise<Agency> {
  let agency: Agency;
  try {
    agency = await agencies.get(ctx, agencyId);
  } catch (e) {
    if (e instanceof NotFoundError) throw ValidationError.one('agencyId', '请选择主办单位');
    throw e;
  }
  assertCan(ctx.actor, 'manage', agency);
  return agency;
}

function rowFields(v: ReturnType<typeof siteSchema.parse>, now: string) {
  return {
    name: v.name,
    url: v.url,
    site_code: v.siteCode,
    own_portal: v.ownPortal ? 1 : 0,
    column_rules: JSON.stringify(v.columnRules),
    page_limit: v.pageLimit,
    updated_at: now,
  } satisfies Partial<InspectedSiteTable>;
}

const urlTaken = (url: string) => `“${url}”已在检查名单中`;

export async function createSite(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  const v = siteSchema.parse(raw);
  const agency = await responsibleAgency(ctx, v.agencyId);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (ctx) => {
    if (await repo.findSiteByUrl(ctx.db, v.url)) throw ValidationError.one('url', urlTaken(v.url));
    const id = newId();
    await repo.insertSite(ctx.db, {
      id,
      agency_id: agency.id,
      active: 1,
      created_at: now,
      ...rowFields(v, now),
    });
    await recordAudit(ctx, {
      action: 'inspection.addSite',
      subjectType: 'inspectedSite',
      subjectId: id,
      agencyId: agency.id,
      after: { name: v.name, url: v.url },
    });
    return { id };
  });
}

async function manageable(ctx: Ctx, id: string): Promise<repo.SiteRow> {
  const row = isId(id) ? await repo.findSite(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('没有找到这个网站');
  assertCan(ctx.actor, 'manage', { path: row.agency_path });
  return row;
}

export async function updateSite(ctx: Ctx, id: string, raw: unknown): Promise<void> {
  const row = await manageable(ctx, id);
  const v = siteSchema.parse(raw);
  const agency = await responsibleAgency(ctx, v.agencyId);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (ctx) => {
    const same = await repo.findSiteByUrl(ctx.db, v.url);
    if (same && same.id !== id) throw ValidationError.one('url', urlTaken(v.url));
    await repo.updateSite(ctx.db, id, { agency_id: agency.id, ...rowFields(v, now) });
    await recordAudit(ctx, {
      action: 'inspection.updateSite',
      subjectType: 'inspectedSite',
      subjectId: id,
      agencyId: agency.id,
      before: { name: row.name, url: row.url },
      after: { name: v.name, url: v.url },
    });
  });
}

/** Pauses a site's probes and scheduled inspections, or resumes them; its history stays. */
export async function setActive(ctx: Ctx, id: string, active: boolean): Promise<void> {
  const row = await manageable(ctx, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.updateSite(ctx.db, id, { active: active ? 1 : 0, updated_at: ctx.clock.now().toISOString() });
    await recordAudit(ctx, {
      action: active ? 'inspection.resumeSite' : 'inspection.pauseSite',
      subjectType: 'inspectedSite',
      subjectId: id,
      agencyId: row.agency_id,
      after: { name: row.name },
    });
  });
}

/** The form's values: a site's, or a new site's defaults. */
export async function siteForm(ctx: Ctx, id: string | null) {
  const choices = (await agencies.listForStaff(ctx)).filter((a) => can(ctx.actor, 'manage', a));
  if (choices.length === 0) throw new ForbiddenError('只有政务公开办公室可以管理检查名单');
  if (id === null)
    return {
      site: null,
      choices,
      values: {
        agencyId: choices[0]?.id ?? '',
        name: '',
        url: '',
        siteCode: '',
        ownPortal: '',
        pageLimit: String(inspectionSettings.of(ctx).pageLimit),
        columnRules: '',
      },
    };
  const row = await manageable(ctx, id);
  const site = toSite(row);
  return {
    site,
    choices,
    values: {
      agencyId: site.agencyId,
      name: site.name,
      url: site.url,
      siteCode: site.siteCode ?? '',
      ownPortal: site.ownPortal ? 'on' : '',
      pageLimit: String(site.pageLimit),
      columnRules: columnRulesText(site.columnRules),
    },
  };
}

export const mayManageSome = (ctx: Ctx) => scopes(ctx.actor, 'manage').length > 0;
