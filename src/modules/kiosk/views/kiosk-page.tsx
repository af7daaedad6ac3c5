import type { KioskItem, KioskPlace, KioskRecord, Slide } from '../kiosk.js';

/**
 * A village screen: a document of its own (no site header or footer), large text, the slides one
 * after another. Without JavaScript it is a long page that reads top to bottom; kiosk.js turns it
 * into a rotating screen with 上一页/暂停/下一页 and refreshes the slides in the background.
 */

/** 2026-02-28 → 2026年2月28日. */
function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

function RecordEntry({ r }: { r: KioskRecord }) {
  return (
    <li class="kiosk-entry">
      <h3 class="kiosk-entry__title">{r.title}</h3>
      <p class="kiosk-entry__meta">
        {r.agencyName} · {chineseDate(r.date)}
      </p>
      {r.excerpt ? <p class="kiosk-entry__text">{r.excerpt}</p> : null}
    </li>
  );
}

function ItemEntry({ item }: { item: KioskItem }) {
  return (
    <li class="kiosk-entry kiosk-entry--item">
      <h3 class="kiosk-entry__title">{item.name}</h3>
      {item.latest ? (
        <>
          <p class="kiosk-entry__meta">
            {item.latest.title} · {chineseDate(item.latest.date)}
          </p>
          {item.latest.excerpt ? <p class="kiosk-entry__text">{item.latest.excerpt}</p> : null}
        </>
      ) : (
        <p class="kiosk-entry__meta">
          本期暂无公开内容。公开内容：{item.contentElements}；时限：{item.timeLimit}
        </p>
      )}
    </li>
  );
}

function PlaceEntry({ p }: { p: KioskPlace }) {
  return (
    <li class="kiosk-entry">
      <h3 class="kiosk-entry__title">
        {p.name}（{p.kindLabel}）
      </h3>
      <p class="kiosk-entry__meta">{p.address}</p>
      <p class="kiosk-entry__text">
        {p.today}
        {p.phone ? `；电话 ${p.phone}` : ''}
      </p>
    </li>
  );
}

/** The slides, numbered from 1: the page renders them, and content.json carries them as HTML. */
export function Slides({ slides }: { slides: Slide[] }) {
  return (
    <>
      {slides.map((s, i) => (
        <section class="kiosk-slide" aria-labelledby={`kiosk-slide-${i + 1}`} data-slide={String(i + 1)}>
          <h2 class="kiosk-slide__title" id={`kiosk-slide-${i + 1}`}>
            {s.title}
          </h2>
          {s.kind === 'items' ? (
            <ul class="kiosk-list">
              {s.items.map((item) => (
                <ItemEntry item={item} />
              ))}
            </ul>
          ) : s.kind === 'records' ? (
            <ul class="kiosk-list">
              {s.records.map((r) => (
                <RecordEntry r={r} />
              ))}
            </ul>
          ) : s.kind === 'places' ? (
            <ul class="kiosk-list">
              {s.places.map((p) => (
                <PlaceEntry p={p} />
              ))}
            </ul>
          ) : (
            <p class="kiosk-entry__text">暂无公开信息。</p>
          )}
        </section>
      ))}
    </>
  );
}

export interface KioskPageProps {
  agency: { id: string; name: string; shortName: string };
  slides: Slide[];
  version: string;
  generatedAt: string;
  updatedLabel: string;
  /** Seconds between slides, and between background refreshes. */
  rotate: number;
  refresh: number;
}

export function KioskPage(p: KioskPageProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <title>{`${p.agency.shortName}信息公开屏 - ${p.agency.name}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/kiosk.css" />
        <script src="/static/kiosk.js" defer></script>
      </head>
      <body class="kiosk-body">
        <div
          class="kiosk"
          id="kiosk"
          data-agency={p.agency.id}
          data-content={`/kiosk/${p.agency.id}/content.json`}
          data-version={p.version}
          data-generated={p.generatedAt}
          data-updated={p.updatedLabel}
          data-rotate={String(p.rotate)}
          data-refresh={String(p.refresh)}
        >
          <header class="kiosk__header">
            <h1 class="kiosk__title">{p.agency.shortName}信息公开</h1>
            <p class="kiosk__sub">{p.agency.name}</p>
          </header>
          <main class="kiosk__slides" id="kiosk-slides">
            <Slides slides={p.slides} />
          </main>
          <footer class="kiosk__footer">
            <p class="kiosk__status" id="kiosk-status" role="status">
              内容更新于 {p.updatedLabel}
            </p>
            <div class="kiosk__controls" id="kiosk-controls" hidden>
              <button class="kiosk__button" type="button" id="kiosk-prev">
                上一页
              </button>
              <span class="kiosk__page" id="kiosk-page"></span>
              <button class="kiosk__button" type="button" id="kiosk-pause" aria-pressed="false">
                暂停
              </button>
              <button class="kiosk__button" type="button" id="kiosk-next">
                下一页
              </button>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}

/** /kiosk: the screens there are, by township (inside the site's layout). */
export function ScreenIndex({
  groups,
}: {
  groups: Array<{
    township: string;
    screens: Array<{ id: string; name: string; hasVillageCatalog: boolean }>;
  }>;
}) {
  return (
    <>
      <h1 class="gk-title">村（社区）信息公开屏</h1>
      <p>
        村（社区）宣传屏全屏播放本村（社区）的事务公开、所在镇（街道）的通知公告和最新信息，以及附近的公开查阅点。以下链接在宣传屏的浏览器中打开即可。
      </p>
      {groups.length === 0 ? (
        <p class="gk-muted">尚未设立村（社区）。</p>
      ) : (
        groups.map((g) => (
          <section>
            <h2>{g.township}</h2>
            <ul>
              {g.screens.map((s) => (
                <li>
                  <a href={`/kiosk/${s.id}`}>{s.name}信息公开屏</a>
                  {s.hasVillageCatalog ? '（含村（社区）事务公开）' : ''}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
