import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hotlineFigures, parseTicketTime, rate } from './hotline.js';

describe('12345 rules', () => {
  it('property: a real time reads back the same, in the export’s form and as Excel rewrites it', () => {
    const start = Date.UTC(2000, 0, 1);
    const end = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: start / 1000, max: end / 1000 }), (s) => {
        const d = new Date(s * 1000);
        const canonical = d.toISOString().slice(0, 19).replace('T', ' ');
        assert.equal(parseTicketTime(canonical), canonical);
        // Excel: 2026/3/5 9:30 (no padding; seconds dropped, so read as :00).
        const excel = `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
        assert.equal(parseTicketTime(excel), `${canonical.slice(0, 17)}00`);
      }),
    );
  });

  it('refuses what is not a real time', () => {
    for (const bad of [
      '2026-02-29 09:00:00',
      '2026-13-01 09:00:00',
      '2026-03-05 24:00:00',
      '2026-03-05',
      '明天',
      '',
    ])
      assert.equal(parseTicketTime(bad), null, bad);
    assert.equal(parseTicketTime('2024-02-29 23:59:59'), '2024-02-29 23:59:59');
  });

  it('property: each rate is a share rounded to 4 decimals, null exactly when nothing was counted', () => {
    const chain = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 6, maxLength: 6 }).map((xs) => {
      // Each count a subset of the one before it, as the definitions make them.
      const [valid, ...rest] = xs as [number, ...number[]];
      const c = [valid];
      for (const x of rest) c.push(Math.min(c.at(-1)!, x));
      return c;
    });
    fc.assert(
      fc.property(chain, ([valid, closed, closedOnTime, visited, rated, satisfied]) => {
        // closedOnTime and visited are both subsets of closed, not of each other.
        const f = hotlineFigures({
          valid: valid!,
          closed: closed!,
          closedOnTime: closedOnTime!,
          visited: visited!,
          rated: Math.min(rated!, visited!),
          satisfied: satisfied!,
        });
        for (const [r, part, whole] of [
          [f.closedRate, f.closed, f.valid],
          [f.onTimeRate, f.closedOnTime, f.closed],
          [f.visitRate, f.visited, f.closed],
          [f.satisfactionRate, f.satisfied, f.rated],
        ] as const) {
          if (whole === 0) assert.equal(r, null);
          else {
            assert.ok(r !== null && r >= 0 && r <= 1);
            assert.ok(Math.abs(r - part / whole) <= 0.00005 + 1e-12);
            assert.equal(Number(r.toFixed(4)), r);
          }
        }
      }),
    );
    assert.equal(rate(2, 3), 0.6667);
    assert.equal(rate(0, 0), null);
  });
});
