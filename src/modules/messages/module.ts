import type { GongkaiModule } from '../../platform/module.js';
import { registerMessageAdminRoutes } from './message.admin.routes.js';
import { registerMessagePortalRoutes } from './message.portal.routes.js';
import { messageSettings } from './message.settings.js';
import { stageLabels } from './message-clock.js';
import {
  badRatingActionLabels,
  channelLabels,
  gradeLabels,
  petitionClassLabels,
  petitionOutcomeLabels,
  regimeLabels,
} from './message.js';
import { messageWorkbench } from './message-workbench.js';
import { applicantCaseLinks, requestLinks } from './message-links.js';
import * as messageTables from './migrations/0034-messages.js';

/** 来信: 领导信箱, 网上信访 and letters entered by staff, on their legal clocks, with 好差评. */
export const messagesModule: GongkaiModule = {
  name: 'messages',
  label: '领导信箱与网上信访',
  tables: {
    message_sequence: { backup: { orderBy: 'year', key: 'agency_id' } },
    message_case: { backup: { orderBy: 'id' } },
    message_event: { backup: { orderBy: 'id' } },
    // Files are large: read ten at a time.
    message_file: { backup: { orderBy: 'id', page: 10 } },
    message_rating: { backup: { orderBy: 'id' } },
  },
  migrations: { '0034-messages': messageTables },
  settings: messageSettings,
  audit: {
    actions: {
      'message.receive': '收到来信',
      'message.classify': '确定来信类别',
      'message.dispatch': '转办来信',
      'message.returned': '退单',
      'message.returnReviewed': '审核退单',
      'message.accepted': '受理信访事项',
      'message.notAccepted': '不予受理信访事项',
      'message.extended': '延长信访办理期限',
      'message.interimReplied': '阶段性答复',
      'message.replied': '答复来信',
      'message.recheckRequested': '请求复查',
      'message.recheckDecided': '提出复查意见',
      'message.reexamineRequested': '请求复核',
      'message.reexamineDecided': '提出复核意见',
      'message.merged': '并单',
      'message.withdrawn': '撤回来信',
      'message.take': '承办来信',
      'message.publish': '公开来信和答复',
      'message.referToRequest': '来信转为政府信息公开申请',
      'message.viewPersonalData': '查看来信人个人信息',
      'message.opinionLetter': '下载信访处理意见书',
      'message.consentWithdrawn': '来信人撤回同意公开',
      'message.rate': '评价答复',
      'message.ratingVisit': '差评回访核实',
      'message.ratingResolve': '差评整改或解释说明',
      'message.ratingDispute': '差评申诉',
      'message.ratingDisputeDecide': '差评申诉复核',
    },
    subjects: { message: '来信', messageRating: '好差评' },
    fields: {
      stage: '办理阶段',
      date: '日期',
      outcome: '处理意见',
      grade: '评价',
      number: '来信编号',
      channel: '来信渠道',
      regime: '办理制度',
      receivedOn: '收到之日',
      consentPublish: '同意公开',
      files: '附件数',
      petitionClass: '信访事项类别',
      acceptanceNumber: '受理编号',
      agencyId: '',
      accusedAgencyId: '',
      requestId: '',
      visited_on: '回访核实日期',
      action: '处置方式',
      action_on: '处置日期',
      disputed_on: '申诉日期',
      dispute_upheld: '申诉复核结果',
      dispute_decided_on: '申诉复核日期',
    },
    values: {
      stage: stageLabels,
      outcome: petitionOutcomeLabels,
      grade: gradeLabels,
      channel: channelLabels,
      regime: regimeLabels,
      action: badRatingActionLabels,
      petitionClass: petitionClassLabels,
      consentPublish: { true: '是', false: '否' },
      dispute_upheld: { 1: '申诉成立', 0: '申诉不成立' },
    },
  },
  // The portal's figures (/letters/stats) change with every 来信 and step, the list with publication.
  publicPageActions: [
    'message.receive',
    'message.dispatch',
    'message.returned',
    'message.returnReviewed',
    'message.accepted',
    'message.notAccepted',
    'message.extended',
    'message.interimReplied',
    'message.replied',
    'message.recheckRequested',
    'message.recheckDecided',
    'message.reexamineRequested',
    'message.reexamineDecided',
    'message.merged',
    'message.withdrawn',
    'message.referToRequest',
    'message.publish',
    'message.rate',
    'message.ratingVisit',
    'message.ratingResolve',
    'message.ratingDisputeDecide',
  ],
  workbench: messageWorkbench,
  requestLinks,
  applicantCaseLinks,
  routes: (app, web) => {
    registerMessagePortalRoutes(app, {
      publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute,
    });
    registerMessageAdminRoutes(app);
  },
  portalColumnEntries: [
    {
      column: 'convenience',
      title: '领导信箱',
      href: '/letters/write?channel=leaderMailbox',
      text: '向市长和各部门、乡镇（街道）负责人写信：咨询、建议、投诉、求助、举报、表扬，凭来信编号和查询码查询办理进度并评价答复。',
    },
    {
      column: 'convenience',
      title: '网上信访',
      href: '/letters/write?channel=onlinePetition',
      text: '依照《信访工作条例》在网上提出信访事项，15 日内告知是否受理，受理后 60 日内办结；可请求复查、复核。',
    },
    {
      column: 'convenience',
      title: '来信选登与办理统计',
      href: '/letters',
      text: '经来信人同意公开的来信和答复（已去除个人信息），以及各机构的来信数、答复率、按期答复率和满意率。',
    },
  ],
};
