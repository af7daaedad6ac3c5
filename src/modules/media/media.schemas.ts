import {
  FieldProblem,
  date,
  integer,
  object,
  oneOf,
  optional,
  patterns,
  text,
  type Field,
} from '../../platform/schema.js';
import {
  channelLabels,
  channels,
  eventKindLabels,
  filingStatusLabels,
  filingStatuses,
  periodKindLabels,
  periodKinds,
  platformLabels,
  platforms,
  type Channel,
  type EventKind,
} from './media.js';

/** An http(s) address, as a phone opens it from the QR code. */
function webAddress(label: string): Field<string> {
  return text(label, {
    max: 500,
    check: (v) =>
      /^https?:\/\/[^\s]+$/i.test(v)
        ? null
        : `${label}应以 http:// 或 https:// 开头，例如 https://weibo.com/u/1234567890`,
  });
}

/** Checkboxes (one value or several), by code or by label. */
function channelList(label: string): Field<Channel[]> {
  return {
    label,
    optional: true,
    json: { type: 'array', items: { type: 'string', enum: [...channels] }, description: label },
    parse(raw) {
      const items = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw])
        .flatMap((v) => String(v).split(/[,，、]/))
        .map((v) => v.trim())
        .filter(Boolean);
      const out: Channel[] = [];
      for (const v of items) {
        const c = channels.find((x) => x === v || channelLabels[x] === v);
        if (!c)
          throw new FieldProblem(`${label}“${v}”应为${channels.map((x) => channelLabels[x]).join('、')}之一`);
        if (!out.includes(c)) out.push(c);
      }
      return out;
    },
  };
}

/** An account as its 主办单位 registers or corrects it. */
export const accountSchema = object({
  agencyId: text('主办单位', { max: 64 }),
  platform: oneOf('平台', platforms, platformLabels),
  name: text('账号名称', { max: 100 }),
  accountRef: optional(text('账号 ID（原始ID/UID）', { max: 100 })),
  url: optional(webAddress('账号地址')),
  operatorOrg: optional(text('运维单位', { max: 200 })),
  verifiedEntity: optional(text('认证主体', { max: 200 })),
  channels: channelList('互动功能'),
  managerName: optional(text('负责人', { max: 50 })),
  managerPhone: optional(
    text('负责人联系电话', { max: 40, pattern: patterns.phone, patternMessage: '负责人联系电话格式不正确' }),
  ),
  filingStatus: oneOf('备案状态', filingStatuses, filingStatusLabels),
  filingNo: optional(text('备案号', { max: 100 })),
});

/** Registration adds how the account starts: applied for, or already open (with its date). */
export const registerSchema = object({
  ...accountSchema.shape,
  status: oneOf('开设状态', ['applying', 'open'] as const, { applying: '申请开设', open: '已开设' }),
  occurredOn: date('日期'),
  approvalNo: optional(text('审批文号', { max: 100 })),
});

const laterEvents = ['open', 'change', 'closeNotice', 'cancel'] as const satisfies readonly EventKind[];

/** A lifecycle event after registration. */
export const eventSchema = object({
  kind: oneOf('事项', laterEvents, {
    open: eventKindLabels.open,
    change: eventKindLabels.change,
    closeNotice: eventKindLabels.closeNotice,
    cancel: eventKindLabels.cancel,
  }),
  occurredOn: date('日期'),
  approvalNo: optional(text('审批文号', { max: 100 })),
  note: optional(text('说明', { max: 1000 })),
});

const count = (label: string) => integer(label, 0, 1_000_000_000);

/** One period's activity of one account, as the operator enters it. */
export const activitySchema = object({
  period: oneOf('统计周期', periodKinds, periodKindLabels),
  periodValue: text('日期或月份', { max: 10 }),
  posts: count('发布数'),
  reposts: count('转载数'),
  messagesReceived: count('收到留言'),
  messagesAnswered: count('回复留言'),
  followers: optional(count('粉丝数')),
  reads: count('阅读量'),
  lastPostOn: optional(date('最近发布日期')),
});
