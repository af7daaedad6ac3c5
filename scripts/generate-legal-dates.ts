// Generates src/modules/calendar/legal-dates.data.ts: for every year 1990–2100, the Gregorian
// dates of the legal holidays that move (《全国年节及纪念日放假办法》 第二条): 正月初一 (春节;
// 除夕 is the day before), 农历五月初五 (端午), 农历八月十五 (中秋) and the 清明 solar term.
//
//   npx tsx scripts/generate-legal-dates.ts && npx prettier --write src/modules/calendar/legal-dates.data.ts
//   npx tsx scripts/generate-legal-dates.ts --check    exits 1 when the shipped file differs
//
// Two independent computations, neither shipped at runtime:
// - lunar dates from the Chinese calendar of ICU (Node's Intl, `zh-CN-u-ca-chinese`), which
//   computes new moons and the leap month astronomically for Beijing time;
// - 清明 as the day (Beijing time) on which the Sun's apparent longitude reaches 15°, by the
//   low-precision solar theory of Meeus, Astronomical Algorithms ch. 25 (about 0.01°, some
//   fifteen minutes), with ΔT by the Espenak–Meeus polynomials.
// calendar/legal-dates.test.ts checks the table against chinese-days and known official dates,
// and that this script still produces it.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;
const DAY = 86_400_000;
const OUT = fileURLToPath(new URL('../src/modules/calendar/legal-dates.data.ts', import.meta.url));

export interface LegalDates {
  /** 正月初一 (MM-DD); 除夕 is the day before. */
  springFestival: string;
  qingming: string;
  dragonBoat: string;
  midAutumn: string;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Close calls: a new moon or 清明 within this many minutes of midnight, Beijing time. */
export const closeCalls: string[] = [];
const CLOSE_MINUTES = 10;

/**
 * Every 正月初一, 五月初五 and 八月十五 (not of a leap month): the months as ICU's Chinese
 * calendar numbers them, each starting on the Beijing day of its true new moon.
 */
function lunarDates(): Map<number, Omit<LegalDates, 'qingming'>> {
  const fmt = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
  });
  const found = new Map<number, Partial<LegalDates>>();
  const set = (approx: number, key: keyof LegalDates, offset: number) => {
    const start = monthStart(approx);
    const date = iso(Date.parse(start.date) + offset * DAY);
    if (start.margin < CLOSE_MINUTES)
      closeCalls.push(`${key} ${date}: new moon ${start.margin.toFixed(1)} min from midnight`);
    const year = Number(date.slice(0, 4));
    const y = found.get(year) ?? {};
    if (y[key]) throw new Error(`${key} twice in ${year}`);
    y[key] = date.slice(5);
    found.set(year, y);
  };
  for (let t = Date.UTC(FIRST_YEAR - 1, 11, 1, 4); t < Date.UTC(LAST_YEAR + 1, 0, 1); t += DAY) {
    const parts = fmt.formatToParts(new Date(t));
    if (parts.find((p) => p.type === 'day')?.value !== '1') continue;
    const month = parts.find((p) => p.type === 'month')?.value;
    if (month === '正月') set(t, 'springFestival', 0);
    else if (month === '五月') set(t, 'dragonBoat', 4);
    else if (month === '八月') set(t, 'midAutumn', 14);
  }
  return found as Map<number, Omit<LegalDates, 'qingming'>>;
}

/** ΔT = TT − UT in seconds (Espenak & Meeus, NASA eclipse site), 1986–2150. */
function deltaT(year: number): number {
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year);
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * The Julian ephemeris day of the new moon nearest `k` lunations after 2000-01-06 (Meeus ch. 49:
 * mean phase with the periodic and planetary corrections, a few seconds in this era).
 */
export function newMoon(k: number): number {
  const t = k / 1236.85;
  let jde =
    2451550.09766 + 29.530588861 * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t * t;
  const m = rad(2.5534 + 29.1053567 * k - 0.0000014 * t * t - 0.00000011 * t ** 3);
  const mp = rad(
    201.5643 + 385.81693528 * k + 0.0107582 * t * t + 0.00001238 * t ** 3 - 0.000000058 * t ** 4,
  );
  const f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t * t - 0.00000227 * t ** 3 + 0.000000011 * t ** 4);
  const om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t * t + 0.00000215 * t ** 3);
  jde +=
    -0.4072 * Math.sin(mp) +
    0.17241 * e * Math.sin(m) +
    0.01608 * Math.sin(2 * mp) +
    0.01039 * Math.sin(2 * f) +
    0.00739 * e * Math.sin(mp - m) -
    0.00514 * e * Math.sin(mp + m) +
    0.00208 * e * e * Math.sin(2 * m) -
    0.00111 * Math.sin(mp - 2 * f) -
    0.00057 * Math.sin(mp + 2 * f) +
    0.00056 * e * Math.sin(2 * mp + m) -
    0.00042 * Math.sin(3 * mp) +
    0.00042 * e * Math.sin(m + 2 * f) +
    0.00038 * e * Math.sin(m - 2 * f) -
    0.00024 * e * Math.sin(2 * mp - m) -
    0.00017 * Math.sin(om) -
    0.00007 * Math.sin(mp + 2 * m) +
    0.00004 * Math.sin(2 * mp - 2 * f) +
    0.00004 * Math.sin(3 * m) +
    0.00003 * Math.sin(mp + m - 2 * f) +
    0.00003 * Math.sin(2 * mp + 2 * f) -
    0.00003 * Math.sin(mp + m + 2 * f) +
    0.00003 * Math.sin(mp - m + 2 * f) -
    0.00002 * Math.sin(mp - m - 2 * f) -
    0.00002 * Math.sin(3 * mp + m) +
    0.00002 * Math.sin(4 * mp);
  const a = [
    299.77 + 0.107408 * k - 0.009173 * t * t,
    251.88 + 0.016321 * k,
    251.83 + 26.651886 * k,
    349.42 + 36.412478 * k,
    84.66 + 18.206239 * k,
    141.74 + 53.303771 * k,
    207.14 + 2.453732 * k,
    154.84 + 7.30686 * k,
    34.52 + 27.261239 * k,
    207.19 + 0.121824 * k,
    291.34 + 1.844379 * k,
    161.72 + 24.198154 * k,
    239.56 + 25.513099 * k,
    331.55 + 3.592518 * k,
  ].map(rad);
  const coef = [
    0.000325, 0.000165, 0.000164, 0.000126, 0.00011, 0.000062, 0.00006, 0.000056, 0.000047, 0.000042, 0.00004,
    0.000037, 0.000035, 0.000023,
  ];
  for (let i = 0; i < a.length; i++) jde += coef[i]! * Math.sin(a[i]!);
  return jde;
}

/** Beijing civil time (ms since the epoch, shifted by +8 h) of a Julian ephemeris day. */
function beijingMs(jde: number, year: number): number {
  return (jde - deltaT(year) / 86400 - 2440587.5) * DAY + 8 * 3_600_000;
}

/**
 * The first day of the lunar month ICU starts near `approx` (ms), corrected to the Beijing date
 * of the true new moon: ICU's own astronomy misplaces new moons minutes from midnight (2027, 2030).
 */
function monthStart(approx: number): { date: string; margin: number } {
  const k = Math.round((approx / DAY + 2440587.5 - 2451550.09766) / 29.530588861);
  const year = new Date(approx).getUTCFullYear();
  const ms = beijingMs(newMoon(k), year);
  const dayStart = Math.floor(ms / DAY) * DAY;
  if (Math.abs(dayStart - approx) > 2 * DAY) throw new Error(`no new moon near ${iso(approx)}`);
  return { date: iso(dayStart), margin: Math.min(ms - dayStart, dayStart + DAY - ms) / 60_000 };
}

/** The Sun's apparent longitude in degrees at the Julian ephemeris day `jde` (Meeus ch. 25). */
function sunLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * m) +
    0.000289 * Math.sin(3 * m);
  const omega = rad(125.04 - 1934.136 * t);
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** The day (Beijing time, MM-DD) on which the Sun reaches 15° (清明) in `year`. */
function qingming(year: number): string {
  // Julian day of 5 April 0h UT, then Newton steps on the longitude (≈ 0.9856° a day).
  let jde = Date.UTC(year, 3, 5) / DAY + 2440587.5;
  for (let i = 0; i < 8; i++) {
    const diff = ((sunLongitude(jde) - 15 + 540) % 360) - 180;
    jde -= diff / 0.98564736;
  }
  const ms = beijingMs(jde, year);
  const dayStart = Math.floor(ms / DAY) * DAY;
  const margin = Math.min(ms - dayStart, dayStart + DAY - ms) / 60_000;
  if (margin < 3 * CLOSE_MINUTES)
    closeCalls.push(`qingming ${iso(dayStart)}: ${margin.toFixed(1)} min from midnight`);
  return iso(dayStart).slice(5);
}

export function generate(): Map<number, LegalDates> {
  const lunar = lunarDates();
  const out = new Map<number, LegalDates>();
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    const l = lunar.get(y);
    if (!l?.springFestival || !l.dragonBoat || !l.midAutumn) throw new Error(`lunar dates missing for ${y}`);
    out.set(y, {
      springFestival: l.springFestival,
      qingming: qingming(y),
      dragonBoat: l.dragonBoat,
      midAutumn: l.midAutumn,
    });
  }
  return out;
}

/** The table as the data file holds it. */
export function table(
  dates: Map<number, LegalDates>,
): Record<number, readonly [string, string, string, string]> {
  return Object.fromEntries(
    [...dates].map(([y, d]) => [y, [d.springFestival, d.qingming, d.dragonBoat, d.midAutumn] as const]),
  );
}

export function render(dates: Map<number, LegalDates>): string {
  const rows = [...dates].map(
    ([y, d]) => `  ${y}: ['${d.springFestival}', '${d.qingming}', '${d.dragonBoat}', '${d.midAutumn}'],`,
  );
  return `// Generated by scripts/generate-legal-dates.ts (ICU's Chinese calendar for the lunar dates,
// Meeus's solar theory for 清明); do not edit by hand. Checked in legal-dates.test.ts against
// chinese-days and the State Council's notices.

/**
 * The legal holidays that move, year by year (${FIRST_YEAR}–${LAST_YEAR}), as MM-DD: 正月初一 (春节;
 * 除夕 is the day before), 清明, 端午 (农历五月初五), 中秋 (农历八月十五).
 */
export const legalDatesRange = { first: ${FIRST_YEAR}, last: ${LAST_YEAR} } as const;

export const legalDates: Readonly<Record<number, readonly [springFestival: string, qingming: string, dragonBoat: string, midAutumn: string]>> = {
${rows.join('\n')}
};
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = render(generate());
  for (const c of closeCalls) console.warn(`close call, check by hand: ${c}`);
  if (process.argv.includes('--check')) {
    const { legalDates } = await import('../src/modules/calendar/legal-dates.data.js');
    const same =
      JSON.stringify(Object.entries(legalDates)) === JSON.stringify(Object.entries(table(generate())));
    console.log(
      same ? 'legal-dates.data.ts is up to date' : 'legal-dates.data.ts differs from the generator',
    );
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, text);
  // The file is then formatted with the project's prettier (npx prettier --write <file>).
  console.log(`wrote ${OUT}`);
}
