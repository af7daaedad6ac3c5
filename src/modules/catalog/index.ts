import { describeAudit } from '../../platform/audit.js';
import { onEvent } from '../../platform/events.js';
import { fileOnPublication } from './catalog.service.js';

export * from './catalog.js';
export * as catalogs from './catalog.service.js';
export {
  buildWorkbook,
  parseWorkbook,
  CatalogImportRefused,
  problemText,
  type ImportProblem,
} from './catalog-excel.js';
export { registerCatalogRoutes } from './catalog.routes.js';
export { registerCatalogCommands } from './catalog.cli.js';

describeAudit({
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
});

onEvent('record.published', fileOnPublication);
