// What the catalog's service tests share (not a test file itself): the column values of a full
// item, the tree without ids for comparisons, and the items the tree-edit story adds to the
// 重大建设项目 catalog, which the import, link and public tests start from.
import { aPublishedRecord } from '../../../test/harness/factories.js';
import type { Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { inTreeOrder, type CatalogItem, type SnapshotItem } from './catalog.js';
import * as catalogs from './catalog-use-cases.js';

export const fieldsOf = (e: unknown) => (e instanceof ValidationError ? e.fields.map((f) => f.field) : []);

/** The tree without ids, so two catalogs (or a catalog and its workbook) can be compared. */
export function shape(items: ReadonlyArray<CatalogItem | SnapshotItem>) {
  const byId = new Map(items.map((i) => [i.id, i]));
  return inTreeOrder(items).map(({ id: _id, parentId, derivedFromItemId: _d, ...rest }) => {
    const cols: Record<string, unknown> = { ...rest };
    delete cols.catalogId;
    return { parent: parentId ? byId.get(parentId)!.name : null, ...cols };
  });
}

export const fullColumns = {
  contentElements: '年度农村公路养护计划、养护资金、养护里程',
  basis: '《农村公路养护管理办法》',
  timeLimit: '信息形成（或者变更）之日起20个工作日内',
  subject: '县级交通运输部门',
  channels: ['政府网站', '社区/企事业单位/村公示栏（电子屏）'],
  audience: '全社会',
  method: '主动',
  tiers: ['县级', '乡级'],
};

/**
 * The items the tree-edit story (catalog-items.service.test.ts) adds: a 二级事项 under
 * 招标投标信息 that townships publish too, and a 三级事项 under it.
 */
export async function addRoadItems(ctx: Ctx, catalogId: string): Promise<void> {
  const bidding = (await catalogs.get(ctx, catalogId)).items.find((i) => i.name === '招标投标信息')!;
  const road = await catalogs.addItem(ctx, catalogId, {
    ...fullColumns,
    parentId: bidding.id,
    name: '农村公路养护',
  });
  await catalogs.addItem(ctx, catalogId, {
    ...fullColumns,
    parentId: road.id,
    name: '养护资金使用',
    method: '依申请',
    audience: '特定群众',
    tiers: ['乡级'],
    itemType: '非政务服务事项',
    process: '管理',
  });
}

/** A record of `agency` published with only a title (dated 2026-02-27), for filing under items. */
export async function publishedRecordId(ctx: Ctx, agency: { id: string }, title: string): Promise<string> {
  const r = await aPublishedRecord(ctx, agency, {
    title,
    documentNumber: null,
    writtenDate: null,
    dateFormedOrChanged: '2026-02-27',
    subjectCategory: null,
    genre: null,
    keywords: null,
    body: '正文',
  });
  return r.id;
}
