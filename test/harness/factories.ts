// Test factories: the objects service tests need, built through the services (so every rule and
// audit event applies), with defaults a test overrides only where it matters. Modelled on
// Decidim's per-module factories; use these instead of building the 晋江市 tree by hand.
import { systemActor } from '../../src/platform/access.js';
import type { Ctx } from '../../src/platform/context.js';
import { agencies, composeCreditCode, type Agency } from '../../src/modules/agencies/index.js';
import { requests } from '../../src/modules/requests/index.js';
import { records } from '../../src/modules/records/index.js';
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
