import { telHref } from '../nav-links.js';
import type { PublicPlace } from '../places.service.js';

/** 3月2日: a date as people say it. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Today's state in words and colour: open (green), closed today (red), otherwise plain. */
function TodayLine({ p }: { p: PublicPlace }) {
  const tone = p.today.state.startsWith('开放中') ? 'gk-tag--ok' : p.today.open ? '' : 'gk-tag--warn';
  const why = p.today.reason ? `（${p.today.reason}）` : '';
  return (
    <p class="gk-place__today">
      <span class={`gk-tag ${tone}`}>{p.today.state}</span>{' '}
      {p.today.open
        ? `今天（${monthDay(p.today.date)}）${p.today.hours}${why}`
        : why
          ? `${monthDay(p.today.date)}${why}`
          : ''}
    </p>
  );
}

/** The navigation buttons: each opens the provider's app on a phone at the converted point. */
export function NavLinks({ p }: { p: PublicPlace }) {
  return (
    <p class="gk-place__nav">
      {p.nav.map((n) => (
        <a
          class="gk-button gk-button--secondary"
          href={n.href}
          data-provider={n.provider}
          rel="noopener"
          target="_blank"
        >
          {n.label}
          <span class="gk-visually-hidden">导航到{p.name}</span>
        </a>
      ))}
    </p>
  );
}

/** One place in the list (h3 under the list's h2), and the head of its own page (h1). */
export function PlaceCard({ p, index, link }: { p: PublicPlace; index?: number; link: boolean }) {
  const Heading = link ? 'h3' : 'h1';
  return (
    <>
      <Heading class={link ? 'gk-place__name' : 'gk-place__name gk-title'}>
        {index !== undefined ? (
          <span class="gk-place__no" aria-hidden="true">
            {index}
          </span>
        ) : null}
        {link ? <a href={`/places/${p.id}`}>{p.name}</a> : p.name}
      </Heading>
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
      {p.phone ? <p>电话：{telHref(p.phone) ? <a href={telHref(p.phone)!}>{p.phone}</a> : p.phone}</p> : null}
      {p.services.length ? <p>提供服务：{p.services.join('、')}</p> : null}
      {p.accessibility.length ? <p>无障碍设施：{p.accessibility.join('、')}</p> : null}
      <NavLinks p={p} />
    </>
  );
}
