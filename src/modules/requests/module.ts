import type { CaseState } from './request-deadline.js';
import type { Ctx } from '../../platform/context.js';
import type { GongkaiModule } from '../../platform/module.js';
import { deliveryModeLabels } from './request-letter.js';
import { outcomeKeys, outcomes } from './request-outcome.js';
import { applicantTypeLabels, submissionChannelLabels } from './request.js';
import * as requestTables from './migrations/0004-request.js';
import * as requestEvents from './migrations/0005-request-events.js';
import * as requestHandler from './migrations/0006-appeal-handler-request.js';
import * as requestLetters from './migrations/0007-request-letter.js';
import * as lookupIndex from './migrations/0019-request-lookup-index.js';
import * as glossaryNames from './migrations/0020-request-glossary-names.js';
import * as section3Index from './migrations/0021-request-section3-index.js';
import * as requestFiles from './migrations/0022-request-file.js';
import * as requestRecovery from './migrations/0023-request-recovery.js';
import { contactChannelLabels } from './request-contact.js';
import { indexContacts, pruneRecoveryJob, sendRecoveryCodeJob } from './request-recovery.service.js';
import { registerRequestCommands } from './request.cli.js';
import { dailyCheck, recomputeAfterCalendarChange } from './request-queue.service.js';
import { registerRequestApi } from './request.api.js';
import { eventLabels, stateLabels } from './request.presenter.js';
import { caseActions } from './request.schemas.js';
import { registerRequestAdminRoutes } from './request.admin.routes.js';
import { registerRequestPortalRoutes } from './request.portal.routes.js';
import { requestWorkbench } from './request-workbench.js';
import { processingFeeFacts, section3 } from './request.stats.js';
import { requestSettings } from './request.settings.js';

/** What a reply needs from the records module, which comes later in the list. */
declare module '../../platform/module.js' {
  interface Capabilities {
    /** A published record by its id or 索引号, with the address the public reads it at. */
    publishedRecord(ctx: Ctx, ref: string): Promise<{ id: string; title: string; url: string } | null>;
  }
  interface ModuleExtensions {
    /**
     * What other modules hold about an application (a 来信 it came from or was passed to, a 12345
     * 工单 it was made from), shown on its page as links: later modules cannot be imported here.
     */
    requestLinks?: (ctx: Ctx, requestId: string) => Promise<Array<{ label: string; href: string }>>;
    /**
     * What other modules offer the applicant on their case's portal page (rating the 答复, 好差评),
     * as links; the applicant's proof of the case goes with them.
     */
    applicantCaseLinks?: (
      ctx: Ctx,
      c: { id: string; state: CaseState },
    ) => Promise<Array<{ label: string; href: string; note?: string }>>;
  }
}

/** 依申请公开: applications, their legal clock, steps, outcomes, letters and fees; section 三. */
export const requestsModule: GongkaiModule = {
  name: 'requests',
  label: '依申请公开',
  apiScopes: {
    'requests:read': {
      label: '读取依申请公开办理情况（个人信息脱敏）',
      labelEn: 'read request cases (personal data masked)',
      roles: ['supervisor'],
    },
    'requests:write': {
      label: '提交申请、办理申请',
      labelEn: 'submit and handle requests',
      roles: ['clerk'],
    },
  },
  settings: requestSettings,
  tables: {
    request_sequence: { backup: { orderBy: 'year', key: 'agency_id' } },
    request: { backup: { orderBy: 'id' } },
    request_event: { backup: { orderBy: 'id' } },
    request_letter: { backup: { orderBy: 'id' } },
    // Files are large: read ten at a time.
    request_file: { backup: { orderBy: 'id', page: 10 } },
    // 找回受理编号: one-time codes and the messages carrying them expire within days; a restore
    // must not send old messages again or revive their codes.
    request_recovery: { notBackedUp: '找回码一次有效、短期过期，恢复后不应再生效' },
    request_recovery_count: { notBackedUp: '找回受理编号的当日次数，只用于限制发送频率' },
    request_outbox: { notBackedUp: '待发送的找回码消息，过期即作废，恢复后不应再发送' },
  },
  migrations: {
    '0004-request': requestTables,
    '0005-request-events': requestEvents,
    '0006-appeal-handler-request': requestHandler,
    '0007-request-letter': requestLetters,
    '0019-request-lookup-index': lookupIndex,
    '0020-request-glossary-names': glossaryNames,
    '0021-request-section3-index': section3Index,
    '0022-request-file': requestFiles,
    '0023-request-recovery': requestRecovery,
  },
  audit: {
    actions: {
      'request.receive': '收到政府信息公开申请',
      'request.assign': '指定承办人',
      'request.viewPersonalData': '查看申请人完整个人信息',
      'request.expire': '逾期不补正或未缴费，办结',
      'request.dueChanged': '节假日安排变更，答复期限随之变更',
      'request.recoveryCodeSent': '找回受理编号：向申请时留的联系方式发送找回码',
      'request.lookupCodeReissued': '找回受理编号：凭找回码重新生成查询码',
      'request.outboxTaken': '取出待发送给申请人的消息，交短信、邮件网关发送',
      ...Object.fromEntries(caseActions.map((a) => [`request.${a}`, eventLabels[a]])),
    },
    subjects: { request: '政府信息公开申请', requestOutbox: '给申请人的消息' },
    fields: {
      acceptanceNumber: '受理编号',
      submissionChannel: '申请方式',
      applicantType: '申请人类型',
      receivedOn: '收到申请日期',
      supplementDueDate: '补正期限',
      kind: '征求意见对象',
      workdays: '延长工作日',
      method: '计费方式',
      quantity: '数量',
      'processingFee.total': '信息处理费（元）',
      'processingFee.lines': '计费明细',
      'processingFee.method': '',
      outcome: '答复结果',
      reasons: '理由',
      basis: '依据',
      handlerId: '',
      state: '状态',
      closedOn: '办结日期',
      due: '答复期限',
      consultee: '征询对象',
      withheldPart: '不予公开的部分',
      deliveryMode: '提供方式',
      deliveredOn: '提供日期',
      trackingNumber: '邮件号',
      recordId: '',
      files: '提供文件数',
      reviewBody: '复议机关',
      channel: '发送方式',
      messages: '消息条数',
    },
    values: {
      submissionChannel: submissionChannelLabels,
      applicantType: applicantTypeLabels,
      outcome: Object.fromEntries(outcomeKeys.map((o) => [o, outcomes[o].label])),
      kind: { thirdPartyConsultation: '第三方', agencyConsultation: '共同制作的其他机关' },
      method: { perRequest: '按件计收', perPage: '按量计收' },
      state: stateLabels,
      deliveryMode: deliveryModeLabels,
      channel: contactChannelLabels,
    },
  },
  routes: (app, web) => {
    registerRequestPortalRoutes(app, {
      publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute,
      recoveryPerIpPerHour: web.settingsOf(requestSettings).recoveryPerIpPerHour,
      publicUrl: web.config.publicUrl,
    });
    registerRequestAdminRoutes(app);
  },
  api: (app, web) =>
    registerRequestApi(app, { publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute }),
  jobs: [
    { name: 'requests.dailyCheck', label: '申请期限检查（逾期、临期提醒）', run: dailyCheck },
    sendRecoveryCodeJob,
    pruneRecoveryJob,
  ],
  cli: registerRequestCommands,
  // Cases stored before 0023 (or restored from an older backup) get their contact's blind indexes.
  ensureDerivedData: async (ctx) => {
    const r = await indexContacts(ctx);
    return r.indexed || r.failed
      ? `已为 ${r.indexed} 件申请建立联系方式索引（找回受理编号用）${r.failed ? `，${r.failed} 件无法解密，未建立` : ''}。`
      : null;
  },
  schedules: [
    { job: 'requests.dailyCheck', every: 'day' },
    // Just after a (Beijing) day ends, its counts per contact go.
    { job: 'requests.pruneRecovery', every: 'day', at: '00:10' },
  ],
  on: {
    // A new holiday notice moves the due dates of open cases.
    'calendar.changed': async (ctx, { previous }) => {
      await recomputeAfterCalendarChange(ctx, previous);
    },
  },
  workbench: requestWorkbench,
  reportContribution: {
    name: 'requests',
    // Section 三, and the 信息处理费 section 六 states (the report never reads this module's tables).
    contribute: async (ctx, scope) => ({
      requests: await section3(ctx, scope),
      facts: { processingFees: await processingFeeFacts(ctx, scope) },
    }),
  },
};
