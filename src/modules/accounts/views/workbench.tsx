import type { workbench } from '../account-pages.service.js';
import type { WorkbenchPanel } from '../workbench.js';

/** A module's panel: its lines, each a count or a state that links to the list it stands for. */
function Panel({ panel }: { panel: WorkbenchPanel }) {
  return (
    <section
      class={`gk-section gk-workbench-panel${panel.wide ? ' gk-workbench-panel--wide' : ''}`}
      id={`panel-${panel.key}`}
    >
      <h2 class="gk-section__title">{panel.title}</h2>
      {panel.note ? <p class="gk-muted">{panel.note}</p> : null}
      <ul class="gk-workbench-items">
        {panel.items.map((i) => {
          const body = (
            <>
              <span class="gk-workbench-item__label">{i.label}</span>
              {i.count !== undefined ? <strong class="gk-workbench-item__count">{i.count}</strong> : null}
              {i.detail ? <span class="gk-workbench-item__detail">{i.detail}</span> : null}
            </>
          );
          return (
            <li class={`gk-workbench-item${i.urgent ? ' gk-workbench-item--urgent' : ''}`}>
              {i.href ? (
                <a class="gk-workbench-item__row" href={i.href}>
                  {body}
                </a>
              ) : (
                <div class="gk-workbench-item__row">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
      {panel.more ? (
        <p>
          <a href={panel.more.href}>{panel.more.label}</a>
        </p>
      ) : null}
    </section>
  );
}

/** 工作台: greeting, the work waiting (the modules' panels), reminders, roles and the usual links. */
export function Workbench({ page }: { page: Awaited<ReturnType<typeof workbench>> }) {
  return (
    <>
      <h1 class="gk-title">工作台</h1>
      <p class="gk-lead">
        {page.displayName}，您好。您所在机构：{page.agencyName ?? '—'}。
      </p>
      {page.panels.length ? (
        <div class="gk-workbench">
          {page.panels.map((p) => (
            <Panel panel={p} />
          ))}
        </div>
      ) : null}
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
