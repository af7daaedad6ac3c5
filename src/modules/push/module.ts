import { enqueue } from '../../platform/jobs/index.js';
import type { GongkaiModule } from '../../platform/module.js';
import {
  DIGEST_JOB,
  MATCH_JOB,
  SEND_JOB,
  matchPublication,
  sendDeliveries,
  sendDigests,
  sweep,
  type PushTarget,
} from './delivery.service.js';
import { ensureState } from './profile-index.service.js';
import { CODE_JOB, sendCode } from './subscriber.service.js';
import * as pushTables from './migrations/0036-push.js';
import { registerPushCommands } from './push.cli.js';
import { registerPushAdminRoutes } from './push.admin.routes.js';
import { registerPushPortalRoutes } from './push.portal.routes.js';
import { pushSettings } from './push.settings.js';
import { catalogItemLinks, recordLinks } from './rule.service.js';
import { reportFacts } from './push-stats.service.js';

/** 精准推送: subscribers with profiles and consent, audience rules, matching and delivery (issue 15). */
export const pushModule: GongkaiModule = {
  name: 'push',
  label: '精准推送',
  tables: {
    // Made anew after a restore (ensureDerivedData): a new epoch tells every process to rebuild.
    push_state: { notBackedUp: '匹配索引的版本号与编号计数，恢复后按订阅用户重新生成' },
    push_subscriber: { backup: { orderBy: 'seq' } },
    push_consent: { backup: { orderBy: 'id' } },
    push_follow: { backup: { orderBy: 'id' } },
    push_category: { backup: { orderBy: 'position' } },
    push_rule: { backup: { orderBy: 'id' } },
    push_delivery: { backup: { orderBy: 'id' } },
    push_outbox: { notBackedUp: '未配置邮件服务器时留存的待发邮件，仅供演示和排查，不随备份恢复' },
  },
  migrations: { '0036-push': pushTables },
  settings: pushSettings,
  recordLinks,
  catalogItemLinks,
  catalogItemPublicLinks: (itemId) => [
    {
      label: '订阅本事项的政策推送',
      href: `/push/follow?kind=catalogItem&value=${encodeURIComponent(itemId)}`,
    },
  ],
  // Section 一: 推送政策 N 条，送达 N 人次.
  reportContribution: {
    name: 'push',
    contribute: async (ctx, scope) => ({ facts: { policyPush: await reportFacts(ctx, scope) } }),
  },
  // The matching index's state row, made anew after a restore (a new epoch: every process rebuilds).
  ensureDerivedData: ensureState,
  provides: (config) => ({ publicBaseUrl: () => config.publicUrl ?? `http://localhost:${config.port}` }),
  on: {
    'record.published': async (ctx, e) => {
      await enqueue(ctx, {
        name: MATCH_JOB,
        payload: {
          targetKind: 'record',
          targetId: e.recordId,
          catalogItemIds: e.catalogItemIds,
        } satisfies PushTarget,
        dedupeKey: `push-match:${e.recordId}`,
      });
    },
  },
  jobs: [
    {
      name: MATCH_JOB,
      label: '精准推送：匹配订阅用户',
      run: async (ctx, p: PushTarget) => {
        const r = await matchPublication(ctx, p);
        return `匹配 ${r.matched} 人，新增推送 ${r.deliveries} 条`;
      },
    },
    {
      name: SEND_JOB,
      label: '精准推送：发送邮件和接口推送',
      run: (ctx, p: { ids: string[] }) => sendDeliveries(ctx, p.ids),
    },
    {
      name: DIGEST_JOB,
      label: '精准推送：每日、每周汇总与清理',
      run: async (ctx) => `${await sendDigests(ctx, pushSettings.of(ctx).digestHour)}；${await sweep(ctx)}`,
    },
    {
      name: CODE_JOB,
      label: '精准推送：发送邮箱验证码',
      run: (ctx, p: { id: string; purpose: 'subscribe' | 'signIn' }) => sendCode(ctx, p.id, p.purpose),
    },
  ],
  schedules: [{ job: DIGEST_JOB, every: 'hour' }],
  audit: {
    actions: {
      'push.subscribe': '订阅政策推送',
      'push.confirm': '确认订阅（邮箱验证）',
      'push.updateProfile': '修改订阅画像',
      'push.withdrawConsent': '撤回敏感个人信息的单独同意',
      'push.stop': '退订政策推送',
      'push.resume': '恢复政策推送',
      'push.delete': '删除订阅及个人信息',
      'push.follow': '关注主题',
      'push.unfollow': '取消关注主题',
      'push.setRule': '设置推送对象',
      'push.clearRule': '取消推送对象',
      'push.category': '修改推送类别',
    },
    subjects: { pushSubscriber: '订阅用户', pushCategory: '推送类别' },
    fields: { kind: '订阅身份', description: '推送对象' },
    values: { kind: { enterprise: '企业', citizen: '个人', topics: '仅关注主题' } },
  },
  routes: (app, web) => {
    registerPushPortalRoutes(app, { publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute });
    registerPushAdminRoutes(app);
  },
  cli: registerPushCommands,
  portalColumnEntries: [
    {
      column: 'convenience',
      title: '政策精准推送',
      href: '/push',
      text: '企业和群众按画像或关注的主题订阅政策，新政策发布后通过邮件、站内信或订阅源送达，每条都注明推送原因，可随时一键退订。',
    },
  ],
};
