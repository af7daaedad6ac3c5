import type { Ctx } from '../../platform/context.js';
import type { GongkaiModule } from '../../platform/module.js';
import { columnLabels, itemLevelLabels } from './catalog.js';
import { registerCatalogCommands } from './catalog.cli.js';
import { registerCatalogAdminRoutes } from './catalog.admin.routes.js';
import { registerCatalogPortalRoutes } from './catalog.portal.routes.js';
import { fileOnPublication, itemChoices } from './catalog-links.service.js';
import { recordsInDomain, searchDomains } from './catalog-public.service.js';
import * as catalogTables from './migrations/0011-catalog.js';

declare module '../../platform/module.js' {
  interface ModuleExtensions {
    /** What later modules offer on a catalog item's back-office page (精准推送's 推送对象), as links. */
    /** What later modules offer the public on an item's portal page (订阅本事项的政策推送), as links. */
    catalogItemPublicLinks?: (itemId: string) => Array<{ label: string; href: string }>;
    catalogItemLinks?: (
      ctx: Ctx,
      itemId: string,
    ) => Promise<Array<{ label: string; href: string; note?: string }>>;
  }
}

/** 基层政务公开标准目录: the 26 domains, item trees, township derivation, versions, Excel. */
export const catalogModule: GongkaiModule = {
  name: 'catalog',
  label: '标准目录',
  tables: {
    catalog: { backup: { orderBy: 'id' } },
    // Parents before children: a child's level is its parent's plus one.
    catalog_item: { backup: { orderBy: 'level' } },
    catalog_version: { backup: { orderBy: 'id' } },
    record_catalog_link: { backup: { orderBy: 'catalog_item_id', key: 'record_id' } },
  },
  migrations: { '0011-catalog': catalogTables },
  // The 标准目录 is browsed on the portal (法定主动公开内容, 标准化规范化专栏).
  publicPageActions: [
    'catalog.adopt',
    'catalog.addLocal',
    'catalog.derive',
    'catalog.itemAdd',
    'catalog.itemUpdate',
    'catalog.itemMove',
    'catalog.itemRemove',
    'catalog.import',
    'catalog.link',
    'catalog.unlink',
  ],
  audit: {
    actions: {
      'catalog.adopt': '采用标准目录模板',
      'catalog.addLocal': '新增本地公开领域',
      'catalog.derive': '派生乡镇（街道）标准目录',
      'catalog.itemAdd': '新增公开事项',
      'catalog.itemUpdate': '修改公开事项',
      'catalog.itemMove': '调整公开事项位置',
      'catalog.itemRemove': '删除公开事项',
      'catalog.import': '从 Excel 导入标准目录',
      'catalog.link': '关联政府信息到公开事项',
      'catalog.unlink': '取消关联政府信息',
    },
    subjects: { catalog: '标准目录', catalogItem: '公开事项' },
    fields: {
      ...columnLabels,
      domain: '公开领域',
      from: '',
      items: '事项数',
      item: '公开事项',
      recordId: '',
      catalog: '标准目录',
      name: '事项',
      level: '层级',
      via: '方式',
      added: '新增事项',
      removed: '删除事项',
      changed: '修改事项',
    },
    values: { level: Object.fromEntries(Object.entries(itemLevelLabels)) },
  },
  routes: (app) => {
    registerCatalogAdminRoutes(app);
    registerCatalogPortalRoutes(app);
  },
  cli: registerCatalogCommands,
  // A published record is filed under the items its drafter chose.
  on: { 'record.published': fileOnPublication },
  // The records module files records under items, and its search filters by domain, without
  // importing the catalog (which imports records).
  provides: () => ({ catalogItemChoices: itemChoices, searchDomains, recordsInDomain }),
};
