import { roleLabels, roles } from '../../../platform/access.js';
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
import type { UserPage, userList } from '../account-pages.service.js';
import type { AccountStatus } from '../account.presenter.js';
import { createUserSchema, grantRoleSchema, resetPasswordSchema } from '../account.schemas.js';

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

function StatusTag({ status }: { status: AccountStatus }) {
  return <span class={`gk-tag gk-tag--${status.state === 'active' ? 'ok' : 'warn'}`}>{status.label}</span>;
}

/** 账号: the accounts in the viewer's scope. */
export function UserList({ page }: { page: Awaited<ReturnType<typeof userList>> }) {
  return (
    <>
      <h1 class="gk-title">账号</h1>
      {page.allowed.includes('create') ? (
        <p class="gk-actions">
          <a class="gk-button" href="/admin/users/new">
            新增账号
          </a>
        </p>
      ) : null}
      <Table head={['用户名', '姓名', '所属机构', '状态', '最近登录']}>
        {page.users.map((u) => (
          <tr>
            <td>
              <a href={`/admin/users/${u.id}`}>{u.username}</a>
            </td>
            <td>{u.displayName}</td>
            <td>{u.agencyName}</td>
            <td>
              <StatusTag status={u.status} />
            </td>
            <td>{formatDateTime(u.lastLoginAt)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

const create = createUserSchema.shape;

/** 新增账号. */
export function NewUserForm(p: {
  csrf: string;
  agencies: Agency[];
  values: Record<string, string | undefined>;
  errors: FieldError[];
}) {
  return (
    <>
      <h1 class="gk-title">新增账号</h1>
      <form class="gk-form" method="post" action="/admin/users" novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <SelectField
          name="agencyId"
          field={create.agencyId}
          value={p.values.agencyId}
          errors={p.errors}
          options={agencyOptions(p.agencies)}
        />
        <TextField
          name="username"
          field={create.username}
          value={p.values.username}
          errors={p.errors}
          autocomplete="off"
        />
        <TextField
          name="displayName"
          field={create.displayName}
          value={p.values.displayName}
          errors={p.errors}
        />
        <TextField
          name="password"
          field={create.password}
          type="password"
          errors={p.errors}
          autocomplete="new-password"
          hint="首次登录后须修改。至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类"
        />
        <SelectField
          name="role"
          label="角色（适用于所属机构及其下级机构）"
          value={p.values.role}
          errors={p.errors}
          options={roleOptions}
          placeholder="暂不分配"
        />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            创建账号
          </button>
        </div>
      </form>
    </>
  );
}

/** One account: state, actions the viewer may take, roles, password reset. */
export function UserPageView({ page, csrf, errors }: { page: UserPage; csrf: string; errors: FieldError[] }) {
  const { user, allowed } = page;
  return (
    <>
      <h1 class="gk-title">
        {user.displayName}（{user.username}）
      </h1>
      <ErrorSummary errors={errors} />
      <Summary
        rows={[
          ['所属机构', page.agencyName ?? '—'],
          ['状态', page.status.detail],
          ['最近登录', formatDateTime(user.lastLoginAt)],
          ['密码修改时间', formatDateTime(user.passwordChangedAt)],
        ]}
      />
      <div class="gk-actions">
        {allowed.includes('unlock') ? (
          <PostButton action={`/admin/users/${user.id}/unlock`} csrf={csrf} label="解除锁定" />
        ) : null}
        {allowed.includes('enable') ? (
          <PostButton
            action={`/admin/users/${user.id}/enable`}
            csrf={csrf}
            label="启用账号"
            kind="secondary"
          />
        ) : null}
        {allowed.includes('disable') ? (
          <PostButton action={`/admin/users/${user.id}/disable`} csrf={csrf} label="停用账号" kind="danger" />
        ) : null}
      </div>
      <section class="gk-section">
        <h2 class="gk-section__title">角色</h2>
        <Table head={['角色', '适用范围', '']}>
          {page.roles.map((g) => (
            <tr>
              <td>{g.roleLabel}</td>
              <td>{g.scopeLabel}</td>
              <td>
                {g.revocable ? (
                  <PostButton action={`/admin/grants/${g.id}/revoke`} csrf={csrf} label="撤销" kind="link" />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
        {allowed.includes('grant') ? (
          <form class="gk-form gk-filters" method="post" action={`/admin/users/${user.id}/grants`}>
            <CsrfField token={csrf} />
            <SelectField
              name="role"
              field={grantRoleSchema.shape.role}
              required={false}
              options={roleOptions}
              errors={errors}
            />
            <SelectField
              name="agencyId"
              field={grantRoleSchema.shape.agencyId}
              required={false}
              options={agencyOptions(page.grantAgencies)}
              errors={errors}
              value={user.agencyId}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              授予角色
            </button>
          </form>
        ) : null}
      </section>
      {allowed.includes('resetPassword') ? (
        <section class="gk-section">
          <h2 class="gk-section__title">重置密码</h2>
          <form class="gk-form" method="post" action={`/admin/users/${user.id}/password`} novalidate>
            <CsrfField token={csrf} />
            <TextField
              name="password"
              field={resetPasswordSchema.shape.password}
              required={false}
              type="password"
              errors={errors}
              autocomplete="new-password"
              hint="重置后该账号所有登录会话失效，下次登录须修改密码"
            />
            <button class="gk-button gk-button--secondary" type="submit">
              重置密码
            </button>
          </form>
        </section>
      ) : null}
      {allowed.includes('readAudit') ? (
        <p>
          <a href={`/admin/audit?subjectId=${user.id}`}>查看该账号的审计记录</a>
        </p>
      ) : null}
    </>
  );
}
