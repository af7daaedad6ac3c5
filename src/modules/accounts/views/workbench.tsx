import type { workbench } from '../account-pages.service.js';

/** 工作台: greeting, reminders, roles and the usual links. */
export function Workbench({ page }: { page: Awaited<ReturnType<typeof workbench>> }) {
  return (
    <>
      <h1 class="gk-title">工作台</h1>
      <p class="gk-lead">
        {page.displayName}，您好。您所在机构：{page.agencyName ?? '—'}。
      </p>
      {page.notices.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">待办提醒</h2>
          <ul id="notices">
            {page.notices.map((n) => (
              <li>
                {n.day} {n.href ? <a href={n.href}>{n.message}</a> : n.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">我的角色</h2>
        {page.roles.length ? (
          <ul>
            {page.roles.map((g) => (
              <li>
                {g.roleLabel} · {g.scopeLabel}
              </li>
            ))}
          </ul>
        ) : (
          <p class="gk-muted">尚未分配角色，请联系系统管理员。</p>
        )}
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">常用</h2>
        <ul>
          <li>
            <a href="/admin/agencies">机构与公开指南联系方式</a>
          </li>
          <li>
            <a href="/admin/account/password">修改我的密码</a>
          </li>
        </ul>
      </section>
    </>
  );
}
