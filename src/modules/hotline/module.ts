import type { GongkaiModule } from '../../platform/module.js';
import { registerHotlineApi } from './hotline.api.js';
import { registerHotlineCommands } from './hotline.cli.js';
import { registerHotlineAdminRoutes, registerHotlineRequestRoutes } from './hotline.admin.routes.js';
import { registerHotlinePortalRoutes } from './hotline.portal.routes.js';
import { hotlineSettings } from './hotline.settings.js';
import * as hotlineTables from './migrations/0033-hotline.js';
import * as hotlineRequest from './migrations/0035-hotline-request.js';
import { requestLinks } from './hotline-request.service.js';

/** 12345 政务服务便民热线: the hotline's 工单 imported from its own system, and their figures. */
export const hotlineModule: GongkaiModule = {
  name: 'hotline',
  label: '12345 热线',
  apiScopes: {
    'hotline:write': {
      label: '推送 12345 工单（与工单导入同列）',
      labelEn: 'push 12345 tickets (the columns of the ticket import)',
      roles: ['officeHead'],
    },
  },
  tables: {
    hotline_ticket: { backup: { orderBy: 'id' } },
  },
  migrations: { '0033-hotline': hotlineTables, '0035-hotline-request': hotlineRequest },
  requestLinks,
  // The portal's /hotline figures change with every import.
  publicPageActions: ['hotline.import'],
  settings: hotlineSettings,
  audit: {
    actions: {
      'hotline.import': '导入 12345 工单',
      'hotline.referToRequest': '12345 工单转为政府信息公开申请',
    },
    subjects: { hotlineImport: '12345 工单导入', hotlineTicket: '12345 工单' },
    fields: {
      rows: '工单数',
      inserted: '新增',
      updated: '更新',
      ticketNumber: '工单编号',
      requestId: '',
      acceptanceNumber: '受理编号',
    },
  },
  routes: (app) => {
    registerHotlinePortalRoutes(app);
    registerHotlineAdminRoutes(app);
    registerHotlineRequestRoutes(app);
  },
  api: registerHotlineApi,
  cli: registerHotlineCommands,
  portalColumnEntries: [
    {
      column: 'convenience',
      title: '12345 便民服务热线',
      href: '/hotline',
      text: '各机构受理的 12345 热线工单的办结率、按时办结率、回访率和满意率，按年、按月查看。',
    },
  ],
};
