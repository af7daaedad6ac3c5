/**
 * Opening hours (issue 16 §1): by weekday, with the national holiday arrangement and a place's
 * own exceptions. Pure rules; the day's kind comes from the working-day calendar (calendar module:
 * `calendarDay`), so "今天开放" is right on a 调休 Saturday and during 国庆.
 *
 * A place that follows the calendar (按国家法定节假日和调休安排, the default for offices) is closed on
 * statutory holidays whatever the weekday, and open on a 调休上班日 with its Monday hours (the
 * make-up day stands for an ordinary working day; where Monday is closed, the first weekday open).
 * A place that does not follow it (a 24-hour 电子屏, a library open at weekends) keeps its weekly
 * hours every week. An exception (a date or a range of dates) overrides both.
 */

export interface Interval {
  /** HH:MM, Beijing time. */
  from: string;
  /** HH:MM; 24:00 for the end of the day. */
  to: string;
}

export interface HoursException {
  from: string;
  to: string;
  /** Empty: closed. */
  intervals: Interval[];
  note: string;
}

export interface OpeningHours {
  /** Index 0 = 周一 … 6 = 周日; an empty list is a day closed. */
  weekly: Interval[][];
  followCalendar: boolean;
  exceptions: HoursException[];
}

export type CalendarDayKind = 'workday' | 'makeupWorkday' | 'weekend' | 'holiday';
export interface CalendarDay {
  kind: CalendarDayKind;
  /** The holiday's name (国庆节), or the holiday a make-up day belongs to. */
  name: string | null;
}

export const weekdayLabels = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** 0 = 周一 … 6 = 周日 for YYYY-MM-DD. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export class HoursProblem extends Error {}

const timeRe = /^([01]?\d|2[0-4])[:：]([0-5]\d)$/;

function time(raw: string): string {
  const m = timeRe.exec(raw.trim());
  if (!m || (m[1] === '24' && m[2] !== '00'))
    throw new HoursProblem(`“${raw.trim()}”不是有效时刻，应写作 08:30`);
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** One day's hours: "08:30-12:00,14:30-17:30"; 休息/闭馆/不开放/empty is closed; 全天 is 00:00–24:00. */
export function parseDayHours(raw: string): Interval[] {
  const s = raw.trim();
  if (!s || /^(休息|闭馆|不开放|关闭|无|—|-)$/.test(s)) return [];
  if (/^(全天|24\s*小时|00:00\s*[-–—~至]\s*24:00)$/.test(s)) return [{ from: '00:00', to: '24:00' }];
  const out: Interval[] = [];
  for (const part of s.split(/[,，、;；\s]+/).filter(Boolean)) {
    const m = /^(.+?)\s*[-–—~～至]\s*(.+)$/.exec(part);
    if (!m) throw new HoursProblem(`“${part}”应写作 08:30-12:00`);
    const iv = { from: time(m[1]!), to: time(m[2]!) };
    if (iv.to <= iv.from) throw new HoursProblem(`“${part}”的结束时刻不晚于开始时刻`);
    const last = out.at(-1);
    if (last && iv.from < last.to) throw new HoursProblem(`“${part}”与前一时段重叠`);
    out.push(iv);
  }
  return out;
}

const dayNames: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, 七: 6 };

function dayList(raw: string): number[] {
  const s = raw.replace(/星期/g, '周').replace(/\s/g, '');
  if (/^(每天|每日|全年|周一至周日)$/.test(s)) return [0, 1, 2, 3, 4, 5, 6];
  if (s === '工作日') return [0, 1, 2, 3, 4];
  if (s === '周末' || s === '双休日') return [5, 6];
  const out: number[] = [];
  for (const piece of s.split(/[、,，]/)) {
    const range = /^周([一二三四五六日天七])(?:[至到\-–—~]周?([一二三四五六日天七]))?$/.exec(piece);
    if (!range) throw new HoursProblem(`“${piece}”不是星期，应写作 周一至周五 或 周六`);
    const a = dayNames[range[1]!]!;
    const b = range[2] ? dayNames[range[2]]! : a;
    if (b < a) throw new HoursProblem(`“${piece}”的起止星期颠倒了`);
    for (let d = a; d <= b; d++) out.push(d);
  }
  return out;
}

/**
 * A week written as people write it on a door: "周一至周五 08:30-12:00,14:30-17:30；周六 09:00-12:00".
 * Days not named are closed. 工作日, 周末, 每天 are understood.
 */
export function parseWeekly(raw: string): Interval[][] {
  const weekly: Interval[][] = [[], [], [], [], [], [], []];
  const seen = new Set<number>();
  for (const seg of raw
    .split(/[；;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m =
      /^((?:每天|每日|全年|工作日|周末|双休日|(?:星期|周)[一二三四五六日天七](?:[至到\-–—~](?:星期|周)?[一二三四五六日天七])?(?:[、,，](?:星期|周)[一二三四五六日天七](?:[至到\-–—~](?:星期|周)?[一二三四五六日天七])?)*))\s*[:：]?\s*(.*)$/.exec(
        seg,
      );
    if (!m) throw new HoursProblem(`“${seg}”应以星期开头，例如 周一至周五 08:30-17:30`);
    if (!m[2]!.trim()) throw new HoursProblem(`“${m[1]}”后面请写开放时段，例如 08:30-17:30；不开放写“休息”`);
    const hours = parseDayHours(m[2]!);
    for (const d of dayList(m[1]!)) {
      if (seen.has(d)) throw new HoursProblem(`${weekdayLabels[d]}写了两次`);
      seen.add(d);
      weekly[d] = hours;
    }
  }
  if (weekly.every((d) => d.length === 0)) throw new HoursProblem('一周中没有任何开放时段');
  return weekly;
}

const dateRe = /^\d{4}-\d{2}-\d{2}$/;
function realDate(s: string): boolean {
  if (!dateRe.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * Exceptions, one per line: "2026-10-01 至 2026-10-07 闭馆 国庆节假期" or
 * "2026-02-14 09:00-12:00 春节前半天开放".
 */
export function parseExceptions(raw: string): HoursException[] {
  const out: HoursException[] = [];
  for (const line of raw
    .split(/[\n；;]+/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m =
      /^(\S+)(?:\s*(?:至|到|~|～|—)\s*(\d{4}-\d{2}-\d{2}))?\s+(闭馆|休息|不开放|[0-9:：\-–—~～,，、\s]+?)(?:\s+(.*))?$/.exec(
        line,
      );
    if (!m || !realDate(m[1]!)) throw new HoursProblem(`“${line}”应写作 2026-10-01 至 2026-10-07 闭馆 说明`);
    const to = m[2] ?? m[1]!;
    if (!realDate(to)) throw new HoursProblem(`“${to}”不是有效日期`);
    if (to < m[1]!) throw new HoursProblem(`“${line}”的结束日期早于开始日期`);
    out.push({ from: m[1]!, to, intervals: parseDayHours(m[3]!), note: (m[4] ?? '').trim() });
  }
  return out;
}

export const closedWeek = (): Interval[][] => [[], [], [], [], [], [], []];

const sameHours = (a: Interval[], b: Interval[]) =>
  a.length === b.length && a.every((x, i) => x.from === b[i]!.from && x.to === b[i]!.to);

export function formatIntervals(list: Interval[]): string {
  if (list.length === 0) return '不开放';
  if (list.length === 1 && list[0]!.from === '00:00' && list[0]!.to === '24:00') return '全天';
  return list.map((i) => `${i.from}–${i.to}`).join('、');
}

/** "周一至周五 08:30–12:00、14:30–17:30；周六 09:00–12:00；周日不开放". */
export function formatWeekly(weekly: Interval[][]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    let j = i;
    while (j + 1 < 7 && sameHours(weekly[j + 1]!, weekly[i]!)) j++;
    const days =
      i === j ? weekdayLabels[i] : i === 0 && j === 6 ? '每天' : `${weekdayLabels[i]}至${weekdayLabels[j]}`;
    parts.push(`${days} ${formatIntervals(weekly[i]!)}`);
    i = j + 1;
  }
  return parts.join('；');
}

/** The hours as they are written in a form or a spreadsheet, parsed back by parseWeekly. */
export function weeklyText(weekly: Interval[][]): string {
  return formatWeekly(weekly)
    .replace(/–/g, '-')
    .replace(/、/g, ',')
    .replace(/不开放/g, '休息');
}

export function exceptionsText(list: HoursException[]): string {
  return list
    .map((e) =>
      [
        e.from === e.to ? e.from : `${e.from} 至 ${e.to}`,
        e.intervals.length ? formatIntervals(e.intervals).replace(/–/g, '-').replace(/、/g, ',') : '闭馆',
        e.note,
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join('\n');
}

export interface DayHours {
  date: string;
  intervals: Interval[];
  /** Why the day differs from the weekly hours: 国庆节, 调休上班日, an exception's note. */
  reason: string | null;
}

/** The hours on `date`, given the calendar's kind of that day. */
export function hoursOn(h: OpeningHours, date: string, day: CalendarDay): DayHours {
  const ex = h.exceptions.find((e) => e.from <= date && date <= e.to);
  if (ex) return { date, intervals: ex.intervals, reason: ex.note || '特别安排' };
  const weekday = weekdayIndex(date);
  if (h.followCalendar && day.kind === 'holiday')
    return { date, intervals: [], reason: `${day.name ?? '法定节假日'}放假` };
  if (h.followCalendar && day.kind === 'makeupWorkday') {
    const usual = h.weekly.slice(0, 5).find((d) => d.length > 0) ?? [];
    return { date, intervals: usual, reason: `${day.name ? `${day.name}` : ''}调休上班` };
  }
  return { date, intervals: h.weekly[weekday] ?? [], reason: null };
}

export type OpenState =
  | { state: 'open'; until: string }
  | { state: 'later'; opensAt: string }
  | { state: 'over' }
  | { state: 'closedToday' };

/** Whether a place is open at `hhmm` on a day with these hours. */
export function openStateAt(day: DayHours, hhmm: string): OpenState {
  if (day.intervals.length === 0) return { state: 'closedToday' };
  for (const iv of day.intervals) {
    if (hhmm < iv.from) return { state: 'later', opensAt: iv.from };
    if (hhmm < iv.to) return { state: 'open', until: iv.to };
  }
  return { state: 'over' };
}

/** "开放中，17:30 结束" as the list shows it. */
export function openStateLabel(s: OpenState): string {
  switch (s.state) {
    case 'open':
      return s.until === '24:00' ? '开放中' : `开放中，${s.until} 结束`;
    case 'later':
      return `今天 ${s.opensAt} 开放`;
    case 'over':
      return '今天已结束';
    case 'closedToday':
      return '今天不开放';
  }
}
