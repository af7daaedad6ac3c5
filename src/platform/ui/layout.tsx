import type { Actor } from '../access.js';
import type { Child } from 'hono/jsx';
import { Breadcrumbs, FlashMessage, type Crumb, type Flash } from './components.js';

export interface NavItem {
  href: string;
  label: string;
  /** Shown only to signed-in staff (back office) or always (portal). */
  area: 'portal' | 'admin';
  order: number;
  /** Shown only to actors this returns true for (a page only some roles may open). */
  visibleTo?: (actor: Actor) => boolean;
}

export interface PageMeta {
  title: string;
  siteName: string;
  area: 'portal' | 'admin';
  path: string;
  user: { displayName: string; username: string } | null;
  csrf: string;
  flash: Flash | null;
  nav: NavItem[];
  footer: { phone: string | null; address: string | null };
  crumbs?: Crumb[];
}

function isCurrent(item: NavItem, path: string): boolean {
  if (item.href === '/' || item.href === '/admin') return path === item.href;
  return path === item.href || path.startsWith(`${item.href}/`);
}

/** The one layout of the portal and the back office: same header, navigation and footer. */
export function Layout({ meta, children }: { meta: PageMeta; children: Child }) {
  const nav = meta.nav.filter((n) => n.area === meta.area).sort((a, b) => a.order - b.order);
  const title =
    meta.area === 'admin'
      ? `${meta.title} - 政务公开工作平台 - ${meta.siteName}`
      : `${meta.title} - ${meta.siteName}`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <title>{title}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/gongkai.css" />
      </head>
      <body class={`gk-area-${meta.area}`}>
        <a class="gk-skip" href="#main">
          跳到正文
        </a>
        <header class="gk-header">
          <div class="gk-header__inner">
            <a class="gk-brand" href={meta.area === 'admin' ? '/admin' : '/'}>
              <span class="gk-brand__emblem" aria-hidden="true">
                政
              </span>
              <span class="gk-brand__name">{meta.siteName}</span>
              <small class="gk-brand__sub">
                {meta.area === 'admin' ? '政务公开工作平台' : '政府信息公开'}
              </small>
            </a>
            {meta.user ? (
              <div class="gk-header__user">
                <span>
                  {meta.user.displayName}（{meta.user.username}）
                </span>
                <form class="gk-inline" method="post" action="/admin/logout">
                  <input type="hidden" name="_csrf" value={meta.csrf} />
                  <button class="gk-button gk-button--link" type="submit">
                    退出登录
                  </button>
                </form>
              </div>
            ) : null}
          </div>
          {nav.length > 0 && (meta.area === 'portal' || meta.user) ? (
            <nav class="gk-nav" aria-label="主导航">
              <ul>
                {nav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={isCurrent(n, meta.path) ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main class="gk-main" id="main">
          <div class="gk-container">
            {meta.crumbs && meta.crumbs.length > 1 ? <Breadcrumbs items={meta.crumbs} /> : null}
            <FlashMessage flash={meta.flash} />
            {children}
          </div>
        </main>
        <footer class="gk-footer">
          <div class="gk-container">
            <p>主办单位：{meta.siteName}</p>
            {meta.footer.address ? <p>地址：{meta.footer.address}</p> : null}
            {meta.footer.phone ? <p>联系电话：{meta.footer.phone}</p> : null}
            <p class="gk-muted">技术支持：Gongkai 政务公开平台（开源软件）</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <div class="gk-error-page">
      <p class="gk-error-page__code">{status}</p>
      <h1 class="gk-title">{message}</h1>
      <p>
        <a href="/">返回首页</a>
      </p>
    </div>
  );
}
