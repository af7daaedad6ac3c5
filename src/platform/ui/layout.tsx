import type { Actor } from '../access.js';
import type { Child } from 'hono/jsx';
import { formatDateTime } from '../clock.js';
import { Breadcrumbs, FlashMessage, type Crumb, type Flash } from './components.js';
import { SiteContext } from './privacy-notice.js';
import type { SiteSettings } from './site.settings.js';

export interface NavItem {
  href: string;
  label: string;
  /** Shown only to signed-in staff (back office) or always (portal). */
  area: 'portal' | 'admin';
  order: number;
  /** Shown only to actors this returns true for (a page only some roles may open). */
  visibleTo?: (actor: Actor) => boolean;
}

/**
 * A portal page's 网页标签 (国办发〔2017〕47号《政府网站发展指引》): the column it belongs to and, on
 * an article (a published record), the article's own. Site inspectors read `PubDate` to decide
 * whether a page is fresh. Without them the page's column is its navigation item (or its title).
 */
export interface PageTags {
  /** 栏目名称. */
  columnName: string;
  /** 栏目类型 (信息公开, 政策文件, 互动交流 …). */
  columnType: string;
  article?: {
    title: string;
    /** The instant of publication (ISO-8601); printed `YYYY-MM-DD HH:MM`, Beijing time. */
    publishedAt: string;
    /** 文章来源: the issuing agency. */
    source: string;
    keywords?: string | null;
    description?: string | null;
  };
}

export interface PageMeta {
  title: string;
  siteName: string;
  area: 'portal' | 'admin';
  path: string;
  /** This page's address (path and query), where the 关怀模式 switch comes back to. */
  back: string;
  /** The 关怀模式 (适老化) is on: larger text, larger targets, stronger contrast (static/care.css). */
  careMode: boolean;
  /** The site's own address (PUBLIC_URL) without a trailing slash, for the 网页标签. */
  siteUrl: string;
  user: { displayName: string; username: string } | null;
  csrf: string;
  flash: Flash | null;
  nav: NavItem[];
  /** The top agency's contact, and the site's filing numbers and marks (site.settings.ts). */
  footer: { phone: string | null; address: string | null } & SiteSettings;
  crumbs?: Crumb[];
  tags?: PageTags | undefined;
}

function isCurrent(item: NavItem, path: string): boolean {
  if (item.href === '/' || item.href === '/admin') return path === item.href;
  return path === item.href || path.startsWith(`${item.href}/`);
}

/** The 47号 网页标签 of a portal page, as `<meta name content>` pairs in the order 47号 lists them. */
export function webPageTags(meta: PageMeta, nav: NavItem[]): Array<[string, string]> {
  const current = nav.filter((n) => isCurrent(n, meta.path)).at(-1)?.label;
  const column = meta.tags ?? { columnName: current ?? meta.title, columnType: current ?? meta.title };
  const tags: Array<[string, string]> = [
    ['SiteName', meta.siteName],
    ['SiteDomain', new URL(meta.siteUrl).host],
  ];
  if (meta.footer.siteCode) tags.push(['SiteIDCode', meta.footer.siteCode]);
  tags.push(['ColumnName', column.columnName], ['ColumnType', column.columnType]);
  const a = meta.tags?.article;
  if (a) {
    tags.push(
      ['ArticleTitle', a.title],
      ['PubDate', formatDateTime(a.publishedAt)],
      ['ContentSource', a.source],
    );
    if (a.keywords) tags.push(['Keywords', a.keywords]);
    if (a.description) tags.push(['Description', a.description]);
    tags.push(['Url', `${meta.siteUrl}${meta.path}`]);
  }
  return tags;
}

/** The header's 关怀模式 switch: a plain link (no JavaScript), back to this page afterwards. */
function CareSwitch({ meta }: { meta: PageMeta }) {
  const back = encodeURIComponent(meta.back);
  return meta.careMode ? (
    <a class="gk-care-switch" href={`/care?on=0&back=${back}`} rel="nofollow">
      退出关怀模式
    </a>
  ) : (
    <a class="gk-care-switch" href={`/care?on=1&back=${back}`} rel="nofollow">
      关怀模式
    </a>
  );
}

/** The one layout of the portal and the back office: same header, navigation and footer. */
export function Layout({ meta, children }: { meta: PageMeta; children: Child }) {
  const nav = meta.nav.filter((n) => n.area === meta.area).sort((a, b) => a.order - b.order);
  const title =
    meta.area === 'admin'
      ? `${meta.title} - 政务公开工作平台 - ${meta.siteName}`
      : `${meta.title} - ${meta.siteName}`;
  return (
    <html lang="zh-CN" class={meta.careMode ? 'gk-care' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <title>{title}</title>
        {meta.area === 'portal'
          ? webPageTags(meta, nav).map(([name, content]) => <meta name={name} content={content} />)
          : null}
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/gongkai.css" />
        {meta.careMode ? <link rel="stylesheet" href="/static/care.css" /> : null}
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
            {meta.area === 'portal' ? <CareSwitch meta={meta} /> : null}
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
            <SiteContext.Provider value={meta.footer}>{children}</SiteContext.Provider>
          </div>
        </main>
        <SiteFooter meta={meta} />
      </body>
    </html>
  );
}

/** The 14-digit number of a 公安机关备案号, which the MPS filing system looks the site up by. */
function policeCode(n: string): string {
  return /(\d{14})/.exec(n)?.[1] ?? '';
}

/**
 * A government site's footer (政府网站发展指引): 主办/承办, contact, 网站地图 and 隐私声明, 网站标识码,
 * ICP备案号 and 公安机关备案号 (each linked to its filing system), and the 党政机关网站标识.
 * Items the operator has not configured are left out.
 */
function SiteFooter({ meta }: { meta: PageMeta }) {
  const f = meta.footer;
  return (
    <footer class="gk-footer">
      <div class="gk-container gk-footer__inner">
        <div class="gk-footer__text">
          <p class="gk-footer__links">
            <a href="/sitemap">网站地图</a>
            <a href={f.privacyUrl}>隐私声明</a>
            <a href="/xxgk">政府信息公开</a>
            <a href="/apply">依申请公开</a>
          </p>
          <p>
            主办单位：{f.sponsor || meta.siteName}
            {f.organizer ? <span class="gk-footer__sep">承办单位：{f.organizer}</span> : null}
          </p>
          {f.address || f.phone ? (
            <p>
              {f.address ? <span>地址：{f.address}</span> : null}
              {f.phone ? <span class="gk-footer__sep">联系电话：{f.phone}</span> : null}
            </p>
          ) : null}
          {f.siteCode || f.icpNumber || f.policeNumber ? (
            <p class="gk-footer__ids">
              {f.siteCode ? <span>网站标识码：{f.siteCode}</span> : null}
              {f.icpNumber ? (
                <a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">
                  {f.icpNumber}
                </a>
              ) : null}
              {f.policeNumber ? (
                <a
                  href={`https://beian.mps.gov.cn/#/query/webSearch?code=${policeCode(f.policeNumber)}`}
                  rel="noopener"
                  target="_blank"
                >
                  {f.policeNumber}
                </a>
              ) : null}
            </p>
          ) : null}
          <p class="gk-muted">技术支持：Gongkai 政务公开平台（开源软件）</p>
        </div>
        {f.conacUrl ? (
          <a class="gk-conac" href={f.conacUrl} rel="noopener" target="_blank" title="党政机关网站标识">
            <span class="gk-conac__mark" aria-hidden="true">
              党政
              <br />
              机关
            </span>
            <span class="gk-conac__label">党政机关网站标识</span>
          </a>
        ) : null}
      </div>
    </footer>
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
