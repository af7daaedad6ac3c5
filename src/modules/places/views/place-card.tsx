import type { PublicPlace } from '../places.service.js';

/** Today's state in words and colour: open (green), closed today (red), otherwise plain. */
function TodayLine({ p }: { p: PublicPlace }) {
  const tone = p.today.state.startsWith('开放中') ? 'gk-tag--ok' : p.today.open ? '' : 'gk-tag--warn';
  return (
    <p class="gk-place__today">
      <span class={`gk-tag ${tone}`}>{p.today.state}</span> 今天（{p.today.date.slice(5).replace('-', '月')}
      日）{p.today.open ? p.today.hours : '不开放'}
      {p.today.reason ? `，${p.today.reason}` : ''}
    </p>
  );
}

/** The navigation buttons: each opens the provider's app on a phone at the converted point. */
export function NavLinks({ p }: { p: PublicPlace }) {
  return (
    <p class="gk-place__nav" aria-label={`导航到${p.name}`}>
      {p.nav.map((n) => (
        <a
          class="gk-button gk-button--secondary"
          href={n.href}
          data-provider={n.provider}
          rel="noopener"
          target="_blank"
        >
          {n.label}
        </a>
      ))}
    </p>
  );
}

/** One place in the list (and the head of its own page). */
export function PlaceCard({ p, index, link }: { p: PublicPlace; index?: number; link: boolean }) {
  return (
    <>
      <h3 class="gk-place__name">
        {index !== undefined ? (
          <span class="gk-place__no" aria-hidden="true">
            {index}
          </span>
        ) : null}
        {link ? <a href={`/places/${p.id}`}>{p.name}</a> : p.name}
      </h3>
      <p class="gk-muted">
        {p.kindLabel} · {p.agencyName}
        {p.venue ? ` · ${p.venue}` : ''}
        {p.distanceText ? <strong class="gk-place__distance"> · 距您约 {p.distanceText}</strong> : null}
      </p>
      <p>地址：{p.address}</p>
      <TodayLine p={p} />
      <p>
        开放时间：{p.hours}
        {p.followCalendar ? '；法定节假日不开放，调休上班日开放' : ''}
      </p>
      {p.upcoming.length ? <p>特别安排：{p.upcoming.join('；')}</p> : null}
      {p.phone ? (
        <p>
          电话：<a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a>
        </p>
      ) : null}
      {p.services.length ? <p>提供服务：{p.services.join('、')}</p> : null}
      {p.accessibility.length ? <p>无障碍设施：{p.accessibility.join('、')}</p> : null}
      <NavLinks p={p} />
    </>
  );
}
