import { performance } from 'node:perf_hooks';
import { shippedNotices } from '../src/modules/calendar/calendar-notices.data.js';
import { addWorkdays, calendarOf, formatDate, parseDate } from '../src/modules/calendar/index.js';
import { computeDeadline, type CaseEvent } from '../src/modules/requests/index.js';

/**
 * deadlines: due dates computed per second — addWorkdays(+20) alone and a whole case (received,
 * third-party consultation, extension) — against the floor of stepping through the same number of
 * days (28 date steps, the span of 20 working days). Each figure is a pass over 20,000 start dates
 * in 2019–2026: one to warm up (and to build the calendar's working-day index), then 15 rounds of
 * the three in turn, the best round of each reported (the machine is shared). A case's events are
 * made before the clock starts: only computeDeadline is timed.
 * Prints `deadlines addWorkdays=N/s case=N/s floor=N/s`.
 */
export async function deadlines(): Promise<void> {
  const cal = calendarOf(shippedNotices);
  const DAY = 86_400_000;
  const starts = Array.from({ length: 20_000 }, (_, i) =>
    formatDate(parseDate('2019-01-01') + (i % 2900) * DAY),
  );
  const floorStep = (d: string) => {
    let t = parseDate(d);
    for (let k = 0; k < 28; k++) t += DAY;
    return formatDate(t);
  };
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
  /** One pass over the inputs, in calls per second. */
  const pass = <T>(inputs: T[], fn: (x: T) => unknown) => {
    const t0 = performance.now();
    for (const x of inputs) fn(x);
    return inputs.length / ((performance.now() - t0) / 1000);
  };
  const plainStep = (d: string) => addWorkdays(cal, d, 20).due;
  const caseStep = (events: CaseEvent[]) => computeDeadline(events, cal, events[0]!.date).due;
  // Warm up (and build the calendar's index), then the three side by side, round after round, so
  // that other work on the machine disturbs them alike; the best round of each is reported.
  pass(starts, floorStep);
  pass(starts, plainStep);
  pass(cases, caseStep);
  let floor = 0;
  let plain = 0;
  let full = 0;
  for (let round = 0; round < 15; round++) {
    floor = Math.max(floor, pass(starts, floorStep));
    plain = Math.max(plain, pass(starts, plainStep));
    full = Math.max(full, pass(cases, caseStep));
  }
  console.log(
    `deadlines addWorkdays=${plain.toFixed(0)}/s case=${full.toFixed(0)}/s floor=${floor.toFixed(0)}/s`,
  );
}
