import type { GongkaiModule } from '../../platform/module.js';
import { registerOpenDataApi } from './open-data.api.js';
import { registerOpenDataPortalRoutes } from './open-data.portal.routes.js';
import { openDataSettings } from './open-data.settings.js';

/**
 * 开放数据: every published figure (annual reports' tables, request, letter, rating and hotline
 * statistics, the records' metadata) as JSON and CSV, a catalog in CKAN's shapes and a
 * Frictionless data package. It owns no table: it reads the other modules' public surfaces.
 */
export const openDataModule: GongkaiModule = {
  name: 'open-data',
  label: '开放数据',
  apiScopes: {
    'open:read': {
      label: '读取开放数据目录和数据表',
      labelEn: 'read the open-data catalog and tables',
      roles: [],
    },
  },
  settings: openDataSettings,
  routes: (app) => registerOpenDataPortalRoutes(app),
  api: (app, web) =>
    registerOpenDataApi(app, {
      perMinute: web.settingsOf(openDataSettings).perMinute,
      publicUrl: web.config.publicUrl,
    }),
  portalColumnEntries: [
    {
      column: 'digital',
      title: '开放数据',
      href: '/open-data',
      text: '年度报告的表格和依申请公开、来信、好差评、12345 热线的统计，以及政府信息公开目录，可批量下载（CSV、JSON）。',
    },
  ],
};
