import type { GongkaiModule } from '../../platform/module.js';
import { registerAgencyApi } from './agency.api.js';
import { registerAgencyCommands } from './agency.cli.js';
import { registerAgencyRoutes } from './agency.routes.js';
import * as agencies from './agency.service.js';
import * as foundation from './migrations/0001-foundation.js';

/** The agency tree (政府 → 部门/镇街 → 村社区) with its history and 公开指南 contact details. */
export const agenciesModule: GongkaiModule = {
  name: 'agencies',
  label: '机构',
  apiScopes: {
    'agencies:read': {
      label: '读取机构目录和沿革',
      labelEn: 'read the directory of agencies',
      roles: ['supervisor'],
    },
    'agencies:write': {
      label: '新增、修改、更名和调整机构',
      labelEn: 'create and change agencies',
      roles: ['admin'],
    },
  },
  tables: {
    // Parents before children on restore: a child's depth is its parent's plus one.
    agency: { backup: { orderBy: 'depth' } },
    agency_history: { backup: { orderBy: 'id' } },
  },
  migrations: { '0001-foundation': foundation },
  // Agency names, the tree and contacts appear on every 专栏 page and in the footer.
  publicPageActions: ['agency.create', 'agency.update', 'agency.rename', 'agency.move', 'agency.dissolve'],
  audit: {
    actions: {
      'agency.create': '新增机构',
      'agency.update': '修改机构信息',
      'agency.rename': '机构更名',
      'agency.move': '调整隶属关系',
      'agency.dissolve': '撤销机构',
    },
    subjects: { agency: '机构' },
    fields: {
      name: '名称',
      shortName: '简称',
      parentId: '',
      path: '',
      depth: '',
      kind: '',
      kindLabel: '类别',
      level: '',
      levelLabel: '层级',
      creditCode: '统一社会信用代码',
      regionCode: '行政区划代码',
      address: '地址',
      postcode: '邮政编码',
      phone: '电话',
      fax: '传真',
      email: '电子邮箱',
      website: '网站',
      officeHours: '办公时间',
      sortOrder: '排序',
      dissolvedAt: '撤销时间',
    },
  },
  routes: registerAgencyRoutes,
  api: registerAgencyApi,
  cli: registerAgencyCommands,
  provides: () => ({
    siteInfo: async (ctx) => {
      const root = await agencies.root(ctx);
      return {
        name: root?.name ?? 'Gongkai 政务公开平台',
        phone: root?.phone ?? null,
        address: root?.address ?? null,
      };
    },
  }),
};
