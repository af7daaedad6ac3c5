import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  Summary,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions, type Agency } from '../../agencies/index.js';
import {
  accountStatusLabels,
  channelLabels,
  channels,
  eventKindLabels,
  eventTransitions,
  filingStatusLabels,
  filingStatuses,
  findingLabels,
  periodKindLabels,
  platformLabels,
  platforms,
  type EventKind,
  type FindingKind,
} from '../media.js';
import type { AccountPage } from '../media.service.js';
import type { MediaListPage } from '../media-activity.service.js';

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/** How long ago, as a clerk says it: 今天, 昨天, N 天前. */
const ago = (days: number) => (days === 0 ? '今天' : days === 1 ? '昨天' : `${days} 天前`);

/** The registry: every account in scope, with what the daily rules find on the open ones. */
export function AccountList({ p, flag }: { p: MediaListPage; flag: FindingKind | null }) {
  const shown = flag ? p.rows.filter((r) => r.findings.includes(flag)) : p.rows;
  return (
    <>
      <h1 class="gk-title">政务新媒体账号</h1>
      <p class="gk-lead">
        更新要求：已开设账号 {p.vetoDays} 天以上未发布信息为单项否决，{p.warnDays} 天以上在工作台提醒。
        {p.lastCheck
          ? `每日检查最近一次于 ${p.lastCheck.on} 进行，发现问题 ${p.lastCheck.findings} 项。`
          : '每日检查尚未运行。'}
      </p>
      <ul class="gk-link-list">
        {p.mayManage ? (
          <li>
            <a href="/admin/media/new">登记账号</a>
          </li>
        ) : null}
        {p.mayManage ? (
          <li>
            <a href="/admin/media/import">导入运营数据</a>
          </li>
        ) : null}
        <li>
          <a href="/admin/media/figures">统计与年度报表</a>
        </li>
        <li>
          <a href="/media">门户网站上的政务新媒体矩阵</a>
        </li>
      </ul>
      <form class="gk-form gk-filters" method="get" action="/admin/media">
        <SelectField
          name="flag"
          label="问题"
          value={flag ?? ''}
          placeholder="全部账号"
          options={Object.entries(findingLabels).map(([value, label]) => ({ value, label }))}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          筛选
        </button>
      </form>
      <Table head={['主办单位', '平台', '账号名称', '状态', '最近发布', '问题']}>
        {shown.map((r) => (
          <tr>
            <td>{r.account.agencyName}</td>
            <td>{platformLabels[r.account.platform]}</td>
            <th scope="row" class="gk-name">
              <a href={`/admin/media/${r.account.id}`}>{r.account.name}</a>
            </th>
            <td>{accountStatusLabels[r.account.status]}</td>
            <td>
              {r.account.lastPostOn ?? '无记录'}
              {r.days !== null && r.account.status === 'open' ? `（${ago(r.days)}）` : ''}
            </td>
            <td
              class={
                r.findings.includes('veto')
                  ? 'gk-cell--error'
                  : r.findings.length
                    ? 'gk-cell--warning'
                    : undefined
              }
            >
              {r.findings.map((f) => findingLabels[f]).join('、') || '—'}
            </td>
          </tr>
        ))}
      </Table>
      {shown.length === 0 ? <p>没有符合条件的账号。</p> : null}
    </>
  );
}

export interface AccountFormValues {
  [k: string]: string | string[] | undefined;
}

/** Register or correct an account (the same fields; registering adds how it starts). */
export function AccountForm(p: {
  action: string;
  csrf: string;
  hosts: Agency[];
  values: AccountFormValues;
  errors: FieldError[];
  registering: boolean;
}) {
  const v = (k: string) => (typeof p.values[k] === 'string' ? (p.values[k] as string) : '');
  const chosen = ([] as string[]).concat(p.values.channels ?? []);
  const channelError = p.errors.find((e) => e.field === 'channels')?.message;
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      <SelectField
        name="agencyId"
        label="主办单位"
        required
        value={v('agencyId')}
        options={agencyOptions(p.hosts)}
        errors={p.errors}
      />
      <SelectField
        name="platform"
        label="平台"
        required
        value={v('platform')}
        options={opts(platforms, platformLabels)}
        placeholder="请选择"
        errors={p.errors}
      />
      <TextField
        name="name"
        label="账号名称"
        required
        value={v('name')}
        errors={p.errors}
        hint="与平台认证信息一致，体现主办单位职能"
      />
      <TextField
        name="url"
        label="账号地址"
        value={v('url')}
        errors={p.errors}
        hint="以 https:// 开头；二维码按此地址生成。没有地址时按账号 ID 生成（微博、哔哩哔哩为主页地址，其他平台为 ID 文字）"
      />
      <TextField name="accountRef" label="账号 ID（原始ID/UID）" value={v('accountRef')} errors={p.errors} />
      <TextField
        name="verifiedEntity"
        label="认证主体"
        value={v('verifiedEntity')}
        errors={p.errors}
        hint="平台认证信息应显示主办单位名称"
      />
      <TextField
        name="operatorOrg"
        label="运维单位"
        value={v('operatorOrg')}
        errors={p.errors}
        hint="委托第三方运维（购买服务）时填写"
      />
      <fieldset class={`gk-fieldset${channelError ? ' gk-field--error' : ''}`}>
        <legend>互动功能</legend>
        {channelError ? <p class="gk-error-message">{channelError}</p> : null}
        {channels.map((c) => (
          <label class="gk-checkbox">
            <input type="checkbox" name="channels" value={c} checked={chosen.includes(c)} />{' '}
            {channelLabels[c]}
          </label>
        ))}
      </fieldset>
      <TextField
        name="managerName"
        label="负责人"
        value={v('managerName')}
        errors={p.errors}
        hint="个人信息加密保存，仅本单位经办人和公开办负责人可见全文"
      />
      <TextField
        name="managerPhone"
        label="负责人联系电话"
        type="tel"
        value={v('managerPhone')}
        errors={p.errors}
      />
      <SelectField
        name="filingStatus"
        label="备案状态（全国政务新媒体信息报送系统）"
        required
        value={v('filingStatus') || 'notFiled'}
        options={opts(filingStatuses, filingStatusLabels)}
        errors={p.errors}
      />
      <TextField name="filingNo" label="备案号" value={v('filingNo')} errors={p.errors} />
      {p.registering ? (
        <>
          <SelectField
            name="status"
            label="开设状态"
            required
            value={v('status') || 'open'}
            options={[
              { value: 'applying', label: '申请开设' },
              { value: 'open', label: '已开设' },
            ]}
            errors={p.errors}
          />
          <TextField
            name="occurredOn"
            label="申请或开设日期"
            type="date"
            required
            value={v('occurredOn')}
            errors={p.errors}
          />
          <TextField name="approvalNo" label="审批文号" value={v('approvalNo')} errors={p.errors} />
        </>
      ) : null}
      <p>
        <button class="gk-button" type="submit">
          {p.registering ? '登记' : '保存'}
        </button>
      </p>
    </form>
  );
}

/** One account: registry data, QR code, lifecycle, activity, and (for those who keep it) the forms. */
export function AccountDetail(p: {
  page: AccountPage;
  csrf: string;
  eventValues: Record<string, string>;
  activityValues: Record<string, string>;
  errors: FieldError[];
  form: 'event' | 'activity' | null;
}) {
  const { account: a, view, events, activity } = p.page;
  const next = (Object.keys(eventTransitions) as EventKind[]).filter(
    (k) => k !== 'apply' && eventTransitions[k].from.includes(a.status),
  );
  const ev = (k: string) => p.eventValues[k] ?? '';
  const av = (k: string) => p.activityValues[k] ?? '';
  const errorsOf = (form: 'event' | 'activity') => (p.form === form ? p.errors : []);
  return (
    <>
      <h1 class="gk-title">{a.name}</h1>
      <Summary
        rows={[
          ['主办单位', a.agencyName],
          ['平台', platformLabels[a.platform]],
          ['状态', accountStatusLabels[a.status]],
          ['账号地址', a.url],
          // A platform's ID is a machine's word, shown as such (a person copies it, does not read it).
          ['账号 ID', a.accountRef ? <code>{a.accountRef}</code> : null],
          ['认证主体', a.verifiedEntity],
          ['运维单位', a.operatorOrg],
          ['互动功能', a.channels.map((c) => channelLabels[c]).join('、')],
          ['负责人', view.managerName],
          ['负责人联系电话', view.managerPhone],
          ['备案', `${filingStatusLabels[a.filingStatus]}${a.filingNo ? `（${a.filingNo}）` : ''}`],
          ['开设日期', a.openedOn],
          ['注销日期', a.closedOn],
          ['最近发布', a.lastPostOn],
        ]}
      />
      {p.page.qr ? (
        <section class="gk-section">
          <h2 class="gk-section__title">二维码</h2>
          <div dangerouslySetInnerHTML={{ __html: p.page.qr }} />
          <p class="gk-break gk-hint">
            二维码内容：<code>{p.page.qrText}</code>
          </p>
          <p>
            <a href={`/media/${a.id}/qr.png`}>下载二维码图片</a>
          </p>
        </section>
      ) : null}
      {p.page.mayManage ? (
        <p>
          <a href={`/admin/media/${a.id}/edit`}>修改登记信息</a>
        </p>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">开设、变更、关停、注销</h2>
        <Table head={['日期', '事项', '审批文号', '说明']}>
          {events.map((e) => (
            <tr>
              <td>{e.occurredOn}</td>
              <td>{eventKindLabels[e.kind]}</td>
              <td>{e.approvalNo ?? '—'}</td>
              <td>{e.note ?? ''}</td>
            </tr>
          ))}
        </Table>
        {p.page.mayManage && next.length ? (
          <form class="gk-form" method="post" action={`/admin/media/${a.id}/events`} novalidate>
            <CsrfField token={p.csrf} />
            <ErrorSummary errors={errorsOf('event')} />
            <SelectField
              name="kind"
              label="事项"
              required
              value={ev('kind')}
              options={next.map((k) => ({ value: k, label: eventKindLabels[k] }))}
              errors={errorsOf('event')}
            />
            <TextField
              name="occurredOn"
              label="日期"
              type="date"
              required
              value={ev('occurredOn')}
              errors={errorsOf('event')}
            />
            <TextField
              name="approvalNo"
              label="审批文号"
              value={ev('approvalNo')}
              errors={errorsOf('event')}
            />
            <TextArea
              name="note"
              label="说明"
              value={ev('note')}
              rows={2}
              errors={errorsOf('event')}
              hint="关停时写明提示公告的发布情况"
            />
            <button class="gk-button gk-button--secondary" type="submit">
              记录
            </button>
          </form>
        ) : null}
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">运营数据</h2>
        <Table
          head={['周期', '发布', '转载', '收到留言', '回复留言', '粉丝', '阅读', '最近发布']}
          numeric={[1, 2, 3, 4, 5, 6]}
        >
          {activity.map((r) => (
            <tr>
              <td>{r.period === 'month' ? r.period_start.slice(0, 7) : r.period_start}</td>
              <td class="gk-num">{r.posts}</td>
              <td class="gk-num">{r.reposts}</td>
              <td class="gk-num">{r.messages_received}</td>
              <td class="gk-num">{r.messages_answered}</td>
              <td class="gk-num">{r.followers ?? '—'}</td>
              <td class="gk-num">{r.reads}</td>
              <td>{r.last_post_on ?? ''}</td>
            </tr>
          ))}
        </Table>
        {p.page.mayManage && a.status !== 'closed' ? (
          <form class="gk-form" method="post" action={`/admin/media/${a.id}/activity`} novalidate>
            <CsrfField token={p.csrf} />
            <ErrorSummary errors={errorsOf('activity')} />
            <SelectField
              name="period"
              label="统计周期"
              required
              value={av('period') || 'day'}
              options={opts(['day', 'month'] as const, periodKindLabels)}
              errors={errorsOf('activity')}
            />
            <TextField
              name="periodValue"
              label="日期或月份"
              required
              value={av('periodValue')}
              errors={errorsOf('activity')}
              hint="按日填写 2026-03-05，按月填写 2026-03；同一周期再次填写会替换原数据"
            />
            <TextField
              name="posts"
              label="发布数"
              required
              inputmode="numeric"
              value={av('posts')}
              errors={errorsOf('activity')}
            />
            <TextField
              name="reposts"
              label="转载数"
              required
              inputmode="numeric"
              value={av('reposts')}
              errors={errorsOf('activity')}
              hint="转载上级和本级重要信息的条数"
            />
            <TextField
              name="messagesReceived"
              label="收到留言"
              required
              inputmode="numeric"
              value={av('messagesReceived')}
              errors={errorsOf('activity')}
            />
            <TextField
              name="messagesAnswered"
              label="回复留言"
              required
              inputmode="numeric"
              value={av('messagesAnswered')}
              errors={errorsOf('activity')}
            />
            <TextField
              name="followers"
              label="粉丝数"
              inputmode="numeric"
              value={av('followers')}
              errors={errorsOf('activity')}
              hint="周期末的关注人数；不清楚可不填"
            />
            <TextField
              name="reads"
              label="阅读量"
              required
              inputmode="numeric"
              value={av('reads')}
              errors={errorsOf('activity')}
            />
            <TextField
              name="lastPostOn"
              label="最近发布日期"
              type="date"
              value={av('lastPostOn')}
              errors={errorsOf('activity')}
              hint="按月填写且本月有发布时必填：本月最后一次发布的日期，用于两周未更新的检查"
            />
            <button class="gk-button gk-button--secondary" type="submit">
              保存运营数据
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}
