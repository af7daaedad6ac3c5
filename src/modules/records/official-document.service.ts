import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { OfficialDocumentTable } from './record.tables.js';
import * as repo from './official-document.repository.js';
import { assertCan, scopes } from './record.policy.js';
import type { Agency } from '../agencies/index.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { date, object, oneOf, optional, text, type Infer } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import { itemName, rowDef } from '../annual-report/index.js';
import { documentNumberProblem } from './record.js';
import * as recordRepo from './record.repository.js';

/**
 * 公开属性源头认定: when an agency drafts a 公文 it decides, there and then, whether it will be
 * 主动公开, 依申请公开 or 不予公开 — and for 不予公开, under which of 条例第十四至十六条.
 */

export const disclosureAttributes = ['proactiveDisclosure', 'disclosureOnRequest', 'withheld'] as const;
export type DisclosureAttribute = (typeof disclosureAttributes)[number];
export const disclosureAttributeLabels: Record<DisclosureAttribute, string> = {
  proactiveDisclosure: '主动公开',
  disclosureOnRequest: '依申请公开',
  withheld: '不予公开',
};

/** The grounds of 第十四至十六条 (the 行政查询 ground of 第三十六条 concerns requests only). */
export const withheldReasons = [
  'withheld.stateSecret',
  'withheld.lawProhibited',
  'withheld.securityStability',
  'withheld.thirdPartyRights',
  'withheld.internalAffairs',
  'withheld.processInformation',
  'withheld.enforcementFile',
] as const;
/** Named and cited as table 三 of the annual report names them (one vocabulary for 不予公开). */
export const withheldReasonLabels = Object.fromEntries(
  withheldReasons.map((k) => [k, `${itemName(k)}（${rowDef(k).basis}）`]),
) as Record<(typeof withheldReasons)[number], string>;

const registerSchema = object({
  agencyId: text('制发机关'),
  title: text('公文标题', { max: 300 }),
  documentNumber: optional(text('文号', { max: 60, check: documentNumberProblem })),
  writtenDate: date('成文日期'),
  disclosureAttribute: oneOf('公开属性', disclosureAttributes, disclosureAttributeLabels),
  withheldReason: optional(oneOf('不予公开理由', withheldReasons, withheldReasonLabels)),
  note: optional(text('说明', { max: 1000 })),
});

export type Registration = Infer<typeof registerSchema.shape>;

/**
 * The registration's fields and rules, without looking up the agency or storing anything: what
 * the API checks first, with everything else a request carries, so that one answer names every
 * problem. Throws ValidationError naming every bad field.
 */
export function checkRegistration(ctx: Ctx, raw: unknown): Registration {
  const input = registerSchema.parse(raw);
  const problems: FieldError[] = [];
  if (input.disclosureAttribute === 'withheld' && !input.withheldReason)
    problems.push({
      field: 'withheldReason',
      message: '不予公开的公文须选择不予公开理由（条例第十四至十六条）',
    });
  if (input.disclosureAttribute !== 'withheld' && input.withheldReason)
    problems.push({ field: 'withheldReason', message: '只有不予公开的公文才填写不予公开理由' });
  if (input.writtenDate > beijingDate(ctx.clock.now()))
    problems.push({ field: 'writtenDate', message: `成文日期（${input.writtenDate}）不能晚于今天` });
  if (problems.length) throw new ValidationError(problems);
  return input;
}

export async function register(ctx: Ctx, raw: unknown): Promise<OfficialDocumentTable> {
  const input = registerSchema.parse(raw);
  const agency = await agencies.get(ctx, input.agencyId);
  assertCan(ctx.actor, 'registerDocument', agency);
  checkRegistration(ctx, input);
  return inTransaction(ctx, async (ctx) => {
    const row: OfficialDocumentTable = {
      id: newId(),
      agency_id: agency.id,
      title: input.title,
      document_number: input.documentNumber,
      written_date: input.writtenDate,
      disclosure_attribute: input.disclosureAttribute,
      withheld_reason: input.withheldReason,
      note: input.note,
      record_id: null,
      registered_by: ctx.actor.id,
      created_at: ctx.clock.now().toISOString(),
    };
    await repo.insert(ctx.db, row);
    await recordAudit(ctx, {
      action: 'officialDocument.register',
      subjectType: 'officialDocument',
      subjectId: row.id,
      agencyId: agency.id,
      after: {
        title: row.title,
        disclosureAttribute: row.disclosure_attribute,
        withheldReason: row.withheld_reason,
      },
    });
    return row;
  });
}

/** A 公文 by its ID, for those who may read its agency's 公文. */
export async function getDocument(ctx: Ctx, id: string): Promise<OfficialDocumentTable> {
  const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该公文');
  assertCan(ctx.actor, 'readDocuments', { path: await agencies.pathOf(ctx, row.agency_id) });
  return row;
}

/**
 * Links a 主动公开 公文 to the record that will publish it (official_document.record_id), once:
 * the record is of the same agency, and a document already linked stays with its record.
 */
export async function linkRecord(ctx: Ctx, documentId: string, recordId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const doc = await getDocument(ctx, documentId);
    assertCan(ctx.actor, 'registerDocument', { path: await agencies.pathOf(ctx, doc.agency_id) });
    if (doc.disclosure_attribute !== 'proactiveDisclosure')
      throw ValidationError.one('disclosureAttribute', '只有主动公开的公文才关联公开的政府信息');
    const record = isId(recordId) ? await recordRepo.findById(ctx.db, recordId) : undefined;
    if (!record || record.agency_id !== doc.agency_id)
      throw ValidationError.one('recordId', '未找到该公文所属机构的这条政府信息');
    if (!(await repo.linkRecord(ctx.db, doc.id, record.id)))
      throw new ConflictError('该公文已关联另一条政府信息');
    await recordAudit(ctx, {
      action: 'officialDocument.linkRecord',
      subjectType: 'officialDocument',
      subjectId: doc.id,
      agencyId: doc.agency_id,
      after: { recordId: record.id, title: record.title },
    });
  });
}

export interface AttributeCounts {
  agencyId: string;
  agencyName: string;
  total: number;
  proactiveDisclosure: number;
  disclosureOnRequest: number;
  withheld: number;
}

/**
 * The year's counts per agency, for every agency the actor can see — as the seed's office reports
 * them (2298 公文: 899 主动公开, 752 依申请公开 …). Agencies with no documents are left out.
 */
export async function yearlyCounts(ctx: Ctx, year: number): Promise<AttributeCounts[]> {
  const within = scopes(ctx.actor, 'readDocuments');
  if (within.length === 0) throw new ForbiddenError();
  const rows = await repo.countsByAttribute(ctx.db, {
    scopes: within,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  const out = new Map<string, AttributeCounts>();
  for (const r of rows) {
    const c = out.get(r.agencyId) ?? {
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      total: 0,
      proactiveDisclosure: 0,
      disclosureOnRequest: 0,
      withheld: 0,
    };
    c[r.attribute as DisclosureAttribute] += r.n;
    c.total += r.n;
    out.set(r.agencyId, c);
  }
  return [...out.values()];
}

export interface DocumentsPage {
  year: number;
  counts: AttributeCounts[];
  /** The year's counts summed over the agencies shown. */
  totals: Omit<AttributeCounts, 'agencyId' | 'agencyName'>;
  /** Agencies the actor may register 公文 for; villages draft through their township. */
  agencies: Agency[];
  today: string;
}

/** The back office's 公文 page: a year's counts (this year unless another is asked) and the form. */
export async function documentsPage(ctx: Ctx, year?: number): Promise<DocumentsPage> {
  const today = beijingDate(ctx.clock.now());
  const shown = year ?? Number(today.slice(0, 4));
  const counts = await yearlyCounts(ctx, shown);
  const sum = (k: keyof DocumentsPage['totals']) => counts.reduce((s, c) => s + c[k], 0);
  return {
    year: shown,
    counts,
    totals: {
      total: sum('total'),
      proactiveDisclosure: sum('proactiveDisclosure'),
      disclosureOnRequest: sum('disclosureOnRequest'),
      withheld: sum('withheld'),
    },
    agencies: (await agencies.listForStaff(ctx)).filter((a) => a.kind !== 'villageCommunity'),
    today,
  };
}
