import type { GongkaiModule } from '../../platform/module.js';
import { domainTemplates } from './catalog.js';
import { registerCatalogCommands } from './catalog.cli.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { recordsInDomain } from './catalog.repository.js';
import { fileOnPublication, itemChoices } from './catalog.service.js';
import * as catalogTables from './migrations/0011-catalog.js';

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
  },
  routes: registerCatalogRoutes,
  cli: registerCatalogCommands,
  // A published record is filed under the items its drafter chose.
  on: { 'record.published': fileOnPublication },
  provides: () => ({
    catalogItemChoices: itemChoices,
    searchDomains: () => domainTemplates.map((d) => ({ value: d.code, label: d.name })),
    recordsInDomain,
  }),
};
