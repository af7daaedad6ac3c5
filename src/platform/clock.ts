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

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The calendar date in Beijing (YYYY-MM-DD) at `at`: offices date things as they live them. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant (ISO-8601) at which the Beijing date `date` (YYYY-MM-DD) begins. */
export function beijingDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The UTC instant at which the Beijing date `date` ends (the next day's start). */
export function beijingDayEnd(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
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

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * An instant stored as ISO-8601 UTC (`2026-12-07T10:00:00.000Z`) as Beijing time with its offset
 * (`2026-12-07T18:00:00.000+08:00`): the same instant, as the API gives every timestamp. Any
 * other text is returned as it is.
 */
export function beijingIso(value: string): string {
  if (!UTC_INSTANT.test(value)) return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const shifted = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, -1)}+08:00`;
}
