import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions, type Agency } from '../../agencies/index.js';
import type { ApiTokenView, ServiceAccount } from '../service-account.service.js';
import { tokenStateLabels } from '../service-account.service.js';

type Values = Record<string, string | string[] | undefined>;
export interface ScopeOption {
  name: string;
  label: string;
}

/** 服务账号: the accounts other systems call the API with, and a form for a new one. */
export function ServiceAccountList(p: {
  accounts: ServiceAccount[];
  agencies: Agency[];
  csrf: string;
  values: Values;
  errors: FieldError[];
}) {
  return (
    <>
      <h1 class="gk-title">服务账号</h1>
      <p class="gk-lead">
        OA 系统、12345 平台、省级平台等其他系统以服务账号的接口令牌调用本平台接口（接口说明见
        <a href="/api/docs">接口文档</a>）。每次调用都记入审计日志。
      </p>
      {p.accounts.length ? (
        <Table head={['名称', '所属机构', '有效令牌', '新增时间']} numeric={[2]}>
          {p.accounts.map((a) => (
            <tr>
              <td>
                <a href={`/admin/service-accounts/${a.id}`}>{a.name}</a>
              </td>
              <td>{a.agencyName}</td>
              <td class="gk-num">{a.liveTokens}</td>
              <td>{formatDateTime(a.createdAt)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>还没有服务账号。</p>
      )}
      <h2 class="gk-section__title">新增服务账号</h2>
      <form class="gk-form" method="post" action="/admin/service-accounts" novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <TextField
          name="name"
          label="名称"
          required
          value={p.values.name as string | undefined}
          errors={p.errors}
          hint="说明是哪个系统，如“晋江市 OA 系统”；名称在全平台唯一"
        />
        <SelectField
          name="agency"
          label="所属机构"
          required
          value={p.values.agency as string | undefined}
          errors={p.errors}
          options={agencyOptions(p.agencies)}
          hint="令牌只能操作本机构及下级机构的数据"
        />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            新增服务账号
          </button>
        </div>
      </form>
    </>
  );
}

function ScopeChoices(p: { options: ScopeOption[]; chosen: readonly string[]; errors: FieldError[] }) {
  const error = p.errors.find((e) => e.field === 'scopes');
  return (
    <fieldset class={`gk-fieldset${error ? ' gk-field--error' : ''}`} id="f-scopes">
      <legend>权限范围 *</legend>
      {error ? <p class="gk-error-message">{error.message}</p> : null}
      {p.options.map((o) => (
        <label class="gk-checkbox">
          <input type="checkbox" name="scopes" value={o.name} checked={p.chosen.includes(o.name)} /> {o.label}
          （<code>{o.name}</code>）
        </label>
      ))}
    </fieldset>
  );
}

/** One service account: its tokens, a form to issue one, and the new token shown once. */
export function ServiceAccountPage(p: {
  account: ServiceAccount;
  tokens: ApiTokenView[];
  scopes: ScopeOption[];
  csrf: string;
  values: Values;
  errors: FieldError[];
  issued: { token: string; view: ApiTokenView } | null;
}) {
  const label = (name: string) => p.scopes.find((s) => s.name === name)?.label ?? name;
  const chosen = [p.values.scopes ?? []].flat();
  return (
    <>
      <h1 class="gk-title">{p.account.name}</h1>
      <Summary
        rows={[
          ['所属机构', p.account.agencyName],
          ['新增时间', formatDateTime(p.account.createdAt)],
          [
            '状态',
            <>
              {p.account.disabledAt
                ? `已停用（${formatDateTime(p.account.disabledAt)}），全部令牌不能使用`
                : '启用'}{' '}
              <PostButton
                action={`/admin/service-accounts/${p.account.id}/${p.account.disabledAt ? 'enable' : 'disable'}`}
                csrf={p.csrf}
                label={p.account.disabledAt ? '启用' : '停用'}
                kind="link"
              />
            </>,
          ],
          [
            '审计日志',
            <a href={`/admin/audit?actor=${encodeURIComponent(p.account.name)}`}>查看该账号的接口调用</a>,
          ],
        ]}
      />
      {p.issued ? (
        <div class="gk-flash gk-flash--success" role="status">
          <p>
            <strong>新令牌只显示这一次</strong>，请立即复制并交给对接系统保存；离开本页后无法再次查看。
          </p>
          <p>
            <code class="gk-token">{p.issued.token}</code>
          </p>
          <p>
            有效期至 {formatDateTime(p.issued.view.expiresAt)}。调用时放在请求头：
            <code>Authorization: Bearer 令牌</code>
          </p>
        </div>
      ) : null}
      <h2 class="gk-section__title">接口令牌</h2>
      {p.tokens.length ? (
        <Table head={['令牌', '权限范围', '状态', '有效期至', '最近使用', '']}>
          {p.tokens.map((t) => (
            <tr>
              <td>
                …{t.hint}
                {t.note ? <div class="gk-hint">{t.note}</div> : null}
              </td>
              <td>{t.scopes.map(label).join('；')}</td>
              <td>
                <span class={`gk-tag gk-tag--${t.state === 'active' ? 'ok' : 'warn'}`}>
                  {tokenStateLabels[t.state]}
                </span>
              </td>
              <td>{formatDateTime(t.expiresAt)}</td>
              <td>
                {t.lastUsedAt
                  ? `${formatDateTime(t.lastUsedAt)}（${t.lastUsedIp ?? '地址不明'}）`
                  : '从未使用'}
              </td>
              <td>
                {t.state === 'active' ? (
                  <PostButton
                    action={`/admin/service-accounts/${p.account.id}/tokens/${t.id}/revoke`}
                    csrf={p.csrf}
                    label="吊销"
                    kind="link"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>还没有令牌。</p>
      )}
      <h2 class="gk-section__title">签发令牌</h2>
      <form
        class="gk-form"
        method="post"
        action={`/admin/service-accounts/${p.account.id}/tokens`}
        novalidate
      >
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <ScopeChoices options={p.scopes} chosen={chosen} errors={p.errors} />
        <TextField
          name="days"
          label="有效天数"
          type="number"
          inputmode="numeric"
          value={(p.values.days as string | undefined) ?? '365'}
          errors={p.errors}
          hint="1 至 3650 天，到期后须签发新令牌"
        />
        <TextField
          name="note"
          label="用途说明"
          value={p.values.note as string | undefined}
          errors={p.errors}
          hint="如“OA 系统正式环境”，便于日后辨认"
        />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            签发令牌
          </button>
        </div>
      </form>
    </>
  );
}
