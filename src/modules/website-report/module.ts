import type { GongkaiModule } from '../../platform/module.js';
import * as websiteReportTable from './migrations/0041-website-report.js';
import { registerWebsiteReportAdminRoutes } from './website-report.admin.routes.js';
import { registerWebsiteReportPortalRoutes } from './website-report.portal.routes.js';
import { websiteReportWorkbench } from './website-report.workbench.js';

/**
 * The 政府网站工作年度报表 (国办函〔2018〕12号) of the platform's portal: built from the platform's
 * data where it holds it (records, the 信箱, the 政务新媒体 registry, the site settings), entered by
 * form for the rest, signed off by the office head and published by 31 January as HTML and XLSX.
 */
export const websiteReportModule: GongkaiModule = {
  name: 'website-report',
  label: '政府网站工作年度报表',
  tables: { website_report: { backup: { orderBy: 'id' } } },
  migrations: { '0041-website-report': websiteReportTable },
  publicPageActions: ['websiteReport.publish'],
  audit: {
    actions: {
      'websiteReport.save': '填报政府网站工作年度报表',
      'websiteReport.publish': '发布政府网站工作年度报表',
      'websiteReport.correct': '创建政府网站工作年度报表更正版本',
    },
    subjects: { websiteReport: '政府网站工作年度报表' },
    fields: { overrides: '人工填报项数' },
  },
  routes: (app, web) => {
    registerWebsiteReportPortalRoutes(app);
    registerWebsiteReportAdminRoutes(app, web);
  },
  workbench: websiteReportWorkbench,
  portalColumnEntries: [
    {
      column: 'digital',
      title: '政府网站工作年度报表',
      href: '/website-report',
      text: '本网站每年 1 月 31 日前公布的上一年度政府网站工作年度报表，可下载 Excel 表格。',
    },
  ],
};
