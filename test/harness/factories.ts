// Test factories: the objects service tests need, built through the services (so every rule and
// audit event applies), with defaults a test overrides only where it matters. Modelled on
// Decidim's per-module factories; use these instead of building the 晋江市 tree by hand.
import { systemActor } from '../../src/platform/access.js';
import type { Ctx } from '../../src/platform/context.js';
import { agencies, composeCreditCode, type Agency } from '../../src/modules/agencies/index.js';
import { requests } from '../../src/modules/requests/index.js';
import { records } from '../../src/modules/records/index.js';
import type { AppealTable } from '../../src/modules/appeals/appeal.tables.js';
import type { RecordTable } from '../../src/modules/records/record.tables.js';
import type { RequestTable } from '../../src/modules/requests/request.tables.js';
import { newId } from '../../src/platform/ids.js';
import { application } from './requests.js';

/** The 晋江市 tree most tests need: the city government, two departments, a township and a village. */
export interface JinjiangTree {
  /** 晋江市人民政府 (county-level people's government). */
  gov: Agency;
  /** 晋江市公安局. */
  police: Agency;
  /** 晋江市教育局. */
  education: Agency;
  /** 磁灶镇人民政府 (township). */
  cizao: Agency;
  /** 磁灶镇大埔村民委员会 (village). */
  village: Agency;
}

/** Valid 统一社会信用代码 for the tree, so 索引号 can be given. */
export const jinjiangCreditCodes = {
  gov: composeCreditCode('11', '350582', '00350001'),
  police: composeCreditCode('11', '350582', '00350010'),
  education: composeCreditCode('11', '350582', '00350011'),
  cizao: composeCreditCode('11', '350582', '00350002'),
} as const;

/** Builds the 晋江市 tree (as the system); `prefix` keeps names unique when a test builds two. */
export async function jinjiangTree(ctx: Ctx, opts: { prefix?: string } = {}): Promise<JinjiangTree> {
  const sys: Ctx = { ...ctx, actor: systemActor('测试数据') };
  const p = opts.prefix ?? '';
  const code = (c: string) => (p ? undefined : c);
  const gov = await agencies.create(sys, {
    name: `${p}晋江市人民政府`,
    level: 'county',
    kind: 'peoplesGovernment',
    creditCode: code(jinjiangCreditCodes.gov),
  });
  const police = await agencies.create(sys, {
    parentId: gov.id,
    name: `${p}晋江市公安局`,
    level: 'county',
    kind: 'governmentDepartment',
    creditCode: code(jinjiangCreditCodes.police),
  });
  const education = await agencies.create(sys, {
    parentId: gov.id,
    name: `${p}晋江市教育局`,
    level: 'county',
    kind: 'governmentDepartment',
    creditCode: code(jinjiangCreditCodes.education),
  });
  const cizao = await agencies.create(sys, {
    parentId: gov.id,
    name: `${p}磁灶镇人民政府`,
    level: 'township',
    kind: 'townshipStreet',
    creditCode: code(jinjiangCreditCodes.cizao),
  });
  const village = await agencies.create(sys, {
    parentId: cizao.id,
    name: `${p}磁灶镇大埔村民委员会`,
    level: 'village',
    kind: 'villageCommunity',
  });
  return { gov, police, education, cizao, village };
}

/** An online application to `agency`, as a citizen sends it (fields of `application`, overridable). */
export async function aRequest(
  ctx: Ctx,
  agency: Pick<Agency, 'id'>,
  fields: Record<string, string> = {},
): Promise<Awaited<ReturnType<typeof requests.submitOnline>>> {
  return requests.submitOnline(ctx, application(agency.id, fields));
}

/** A record of `agency` taken through 保密审查 and approval to publication, as the system. */
export async function aPublishedRecord(
  ctx: Ctx,
  agency: Pick<Agency, 'id'>,
  fields: Record<string, unknown> = {},
): Promise<Awaited<ReturnType<typeof records.publish>>> {
  const sys: Ctx = { ...ctx, actor: systemActor('测试数据') };
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const r = await records.createDraft(sys, {
    agencyId: agency.id,
    title: '关于印发晋江市政务公开工作要点的通知',
    documentNumber: null,
    writtenDate: day,
    dateFormedOrChanged: day,
    subjectCategory: '综合政务\\政务公开',
    genre: '通知',
    keywords: '政务公开 工作要点',
    body: '<p>各镇人民政府、街道办事处，市直有关单位：</p><p>现将工作要点印发给你们，请认真贯彻执行。</p>',
    ...fields,
  });
  await records.submitForReview(sys, r.id);
  await records.review(sys, r.id, { result: 'passed' });
  await records.approve(sys, r.id);
  return records.publish(sys, r.id);
}

/**
 * A `record` row as stored, for tests that need documents no workflow would produce (a 废止 date
 * on the last day of a year, a 发布 instant a millisecond before midnight in Beijing): inserted
 * directly, bypassing the services. Defaults: a published 行政规范性文件 in force.
 */
export function recordRow(agencyId: string, fields: Partial<RecordTable> = {}): RecordTable {
  const id = newId();
  const at = fields.published_at ?? '2020-06-15T02:00:00.000Z';
  return {
    id,
    agency_id: agencyId,
    state: 'published',
    index_number: `TEST/${id}`,
    title: '测试规范性文件',
    document_number: null,
    written_date: null,
    date_formed_or_changed: at.slice(0, 10),
    published_at: at,
    scheduled_at: null,
    subject_category: null,
    genre: '行政规范性文件',
    validity: 'inForce',
    validity_date: null,
    keywords: null,
    summary: null,
    body_html: '<p>正文</p>',
    created_by: null,
    created_at: at,
    updated_at: at,
    interprets_record_id: null,
    catalog_item_ids: null,
    repeals_record_id: null,
    amends_record_id: null,
    ...fields,
  };
}

/** An `appeal` row as stored (inserted directly, like recordRow): a 行政复议 pending. */
export function appealRow(agencyId: string, fields: Partial<AppealTable> = {}): AppealTable {
  return {
    id: newId(),
    agency_id: agencyId,
    request_id: null,
    kind: 'review',
    filed_on: '2020-06-15',
    result: 'pending',
    decided_on: null,
    case_number: null,
    note: null,
    created_at: '2020-06-15T02:00:00.000Z',
    updated_at: '2020-06-15T02:00:00.000Z',
    ...fields,
  };
}

let requestSeq = 900_000;

/**
 * A `request` row as stored (inserted directly, like recordRow), for counts over cases no intake
 * would make (closed on 31 December, closed without an outcome): received in 2020, still open.
 */
export function requestRow(agencyId: string, fields: Partial<RequestTable> = {}): RequestTable {
  const seq = ++requestSeq;
  const received = fields.received_on ?? '2020-06-15';
  const at = `${received}T02:00:00.000Z`;
  return {
    id: newId(),
    agency_id: agencyId,
    year: Number(received.slice(0, 4)),
    seq,
    acceptance_number: `测试〔${received.slice(0, 4)}〕第${seq}号`,
    submission_channel: 'online',
    applicant_type: 'naturalPerson',
    applicant_name: '申请人',
    organization_code: null,
    id_type: 'other',
    id_number_enc: 'x',
    id_number_index: `test-${seq}`,
    phone_enc: 'x',
    address_enc: null,
    email: null,
    description: '申请公开某项目文件',
    delivery_format: 'electronic',
    delivery_method: 'online',
    received_on: received,
    submitted_at: at,
    registered_by: null,
    lookup_hash: `test-${seq}`,
    created_at: at,
    updated_at: at,
    replied_on: null,
    withdrawn_on: null,
    closed_on: null,
    outcome: null,
    handler_id: null,
    phone_index: null,
    email_index: null,
    ...fields,
  };
}
