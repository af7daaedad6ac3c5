import { performance } from 'node:perf_hooks';
import { shippedNotices } from '../src/modules/calendar/calendar-notices.data.js';
import { addWorkdays, calendarOf, formatDate, parseDate } from '../src/modules/calendar/index.js';
import { computeDeadline, type CaseEvent } from '../src/modules/requests/index.js';

/**
 * deadlines: due dates computed per second — addWorkdays(+20) alone and a whole case (received,
 * third-party consultation, extension) — against the floor of stepping through the same number of
 * days (28 date steps, the span of 20 working days). Each figure runs over 20,000 start dates in
 * 2019–2026, once to warm up (and to build the calendar's working-day index), then five times
 * timed; a case's events are made before the clock starts, only computeDeadline is timed.
 * Prints `deadlines addWorkdays=N/s case=N/s floor=N/s`.
 */
export async function deadlines(): Promise<void> {
  const cal = calendarOf(shippedNotices);
  const DAY = 86_400_000;
  const starts = Array.from({ length: 20_000 }, (_, i) =>
    formatDate(parseDate('2019-01-01') + (i % 2900) * DAY),
  );
  const rounds = 5;
  const time = <T>(inputs: T[], fn: (x: T) => unknown) => {
    for (const x of inputs) fn(x);
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const x of inputs) fn(x);
    return (rounds * inputs.length) / ((performance.now() - t0) / 1000);
  };
  const floor = time(starts, (d) => {
    let t = parseDate(d);
    for (let k = 0; k < 28; k++) t += DAY;
    return formatDate(t);
  });
  const plain = time(starts, (d) => addWorkdays(cal, d, 20).due);
  const cases = starts.map((d): CaseEvent[] => [
    { type: 'received', date: d },
    {
      type: 'consultationStarted',
      date: formatDate(parseDate(d) + 3 * DAY),
      kind: 'thirdPartyConsultation',
    },
    { type: 'consultationEnded', date: formatDate(parseDate(d) + 10 * DAY) },
    { type: 'extensionApproved', date: formatDate(parseDate(d) + 20 * DAY), workdays: 20 },
  ]);
  const full = time(cases, (events) => computeDeadline(events, cal, events[0]!.date).due);
  console.log(
    `deadlines addWorkdays=${plain.toFixed(0)}/s case=${full.toFixed(0)}/s floor=${floor.toFixed(0)}/s`,
  );
}
