import type { GongkaiModule } from '../../platform/module.js';
import { DAILY_CHECK_JOB, dailyCheck, mediaWorkbench } from './media-activity.service.js';
import { reportFacts } from './media-figures.service.js';
import * as mediaTables from './migrations/0038-media.js';
import { registerMediaCommands } from './media.cli.js';
import { registerMediaAdminRoutes } from './media.admin.routes.js';
import { registerMediaPortalRoutes } from './media.portal.routes.js';
import { mediaSettings } from './media.settings.js';
import { eventKindLabels } from './media.js';

/** 政务新媒体 matrix: registry, lifecycle, QR codes, activity, the 19号 rules and figures (issue 16). */
export const mediaModule: GongkaiModule = {
  name: 'media',
  label: '政务新媒体',
  tables: {
    media_account: { backup: { orderBy: 'id' } },
    media_event: { backup: { orderBy: 'id' } },
    media_activity: { backup: { orderBy: 'id' } },
    media_finding: { backup: { orderBy: 'id' } },
  },
  migrations: { '0038-media': mediaTables },
  settings: mediaSettings,
  // The portal's matrix shows the open accounts: what opens, changes or closes one changes it.
  publicPageActions: [
    'media.register',
    'media.update',
    'media.open',
    'media.change',
    'media.closeNotice',
    'media.cancel',
  ],
  audit: {
    actions: {
      'media.register': '登记政务新媒体账号',
      'media.update': '修改政务新媒体账号登记信息',
      'media.open': `政务新媒体账号${eventKindLabels.open}`,
      'media.change': `政务新媒体账号${eventKindLabels.change}`,
      'media.closeNotice': `政务新媒体账号${eventKindLabels.closeNotice}`,
      'media.cancel': `政务新媒体账号${eventKindLabels.cancel}`,
      'media.activity': '填报政务新媒体运营数据',
      'media.import': '导入政务新媒体运营数据',
    },
    subjects: { mediaAccount: '政务新媒体账号', mediaImport: '政务新媒体运营数据导入' },
    fields: {
      platform: '平台',
      status: '状态',
      approvalNo: '审批文号',
      period: '统计周期',
      posts: '发布数',
      reposts: '转载数',
      rows: '行数',
      inserted: '新增',
      updated: '更新',
    },
    values: {
      status: { applying: '申请开设', open: '已开设', closing: '已关停', closed: '已注销' },
      period: { day: '日', month: '月' },
    },
  },
  routes: (app) => {
    registerMediaPortalRoutes(app);
    registerMediaAdminRoutes(app);
  },
  cli: registerMediaCommands,
  jobs: [
    {
      name: DAILY_CHECK_JOB,
      label: '政务新媒体：每日更新与互动检查',
      run: dailyCheck,
      timeoutMs: 5 * 60_000,
    },
  ],
  schedules: [{ job: DAILY_CHECK_JOB, every: 'day', at: '06:00' }],
  workbench: mediaWorkbench,
  // Section 一 （四）平台建设: 政务新媒体账号 N 个，转载 N 条，粉丝 N 万，阅读 N 万.
  reportContribution: {
    name: 'media',
    contribute: async (ctx, scope) => ({ facts: { newMedia: await reportFacts(ctx, scope) } }),
  },
  portalColumnEntries: [
    {
      column: 'digital',
      title: '政务新媒体矩阵',
      href: '/media',
      text: '全市各单位已开设的政务新媒体账号，按主办单位排列，附二维码，用手机扫码即可关注。',
    },
  ],
};
