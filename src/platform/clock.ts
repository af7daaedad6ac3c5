/**
 * Time for domain code. Nothing in src/modules calls `new Date()` or relies on database
 * defaults: the clock is injected through the context so that tests can freeze it and
 * deadlines are reproducible.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and replays. */
export class FixedClock implements Clock {
  #at: number;
  constructor(at: string | Date) {
    this.#at = new Date(at).getTime();
  }
  now(): Date {
    return new Date(this.#at);
  }
  set(at: string | Date): void {
    this.#at = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#at += ms;
  }
}

/** ISO-8601 UTC instant, the only form instants are stored in. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export const MINUTE = 60_000;

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Display form required by 政府网站发展指引: YYYY-MM-DD HH:MM, Beijing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
