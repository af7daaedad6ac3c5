import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { checkPublishedReport } from './read-and-check.js';
import type { RequestRowKey } from '../contract/report.js';

/**
 * Real published reports with hand-checked truth (test/fixtures/annual-report/corpus, copied from
 * ../shared/corpus). The one real PDF may not be committed; it is read from ../shared/corpus, the
 * project's shared material beside the repository. Under CI=true that folder is mandatory, like
 * PostgreSQL: a report found in neither place fails its test. Elsewhere that test is skipped,
 * and the skip names the missing path.
 */
const fixtures = 'test/fixtures/annual-report/corpus';
const shared = '../shared/corpus';
const ci = process.env.CI === 'true' || process.env.CI === '1';

/** Where the bytes of a report are, or what is missing. */
function locate(file: string): { path: string } | { missing: string } {
  const local = join(fixtures, file);
  if (existsSync(local)) return { path: local };
  const remote = join(shared, file);
  if (existsSync(remote)) return { path: remote };
  return {
    missing: `${file} is neither in ${fixtures} nor in ${resolve(remote)}: put the project's shared material beside the repository as ../shared (it holds corpus/${file})`,
  };
}

interface Truth {
  file: string;
  agency: string;
  year: number;
  format: '2019' | '2021';
  complete: boolean;
  requests?: Record<string, Array<number | null>>;
  appeals?: Record<string, Record<string, number>> | null;
  proactive?: Record<string, Record<string, number>>;
  inconsistencies: Array<{ check: string; where: string; expected: number; printed: number }>;
  narrative?: Array<{ text: string; value: number | null; agrees: boolean | null }>;
}

describe('reading the corpus of real published reports', () => {
  for (const name of readdirSync(join(fixtures, 'truth')).sort()) {
    const truth = JSON.parse(readFileSync(join(fixtures, 'truth', name), 'utf8')) as Truth;
    const where = locate(truth.file);
    const skip = 'missing' in where && !ci ? `${where.missing}; with CI=true this fails` : false;
    const title = `${truth.file}: every figure of the truth, every listed inconsistency, no other error`;
    it(title, { skip }, async () => {
      if ('missing' in where) assert.fail(where.missing);
      const r = await checkPublishedReport(truth.file, readFileSync(where.path));
      assert.ok(r.data, r.error ?? 'no data');
      const d = r.data;
      assert.equal(d.year, truth.year, 'year');
      assert.equal(d.format, truth.format, 'format');
      for (const [row, cells] of Object.entries(truth.requests ?? {})) {
        const got = d.requests[row as RequestRowKey];
        assert.ok(got, `row ${row} was not read`);
        cells.forEach((want, i) => {
          if (want === null) {
            // Printed blank (read as 0, with a blank finding) or not readable as printed
            // (reconstructed from the row's relations).
            const blank = r.info!.blankCells.some((b) => b.row === row && b.columns.includes(i));
            const rebuilt = r.info!.provenance[`requests.${row}`]?.how === 'reconstructed';
            assert.ok((blank && got[i] === 0) || rebuilt, `${row}[${i}]: printed blank, read ${got[i]}`);
          } else {
            assert.equal(got[i], want, `${row}[${i}]`);
          }
        });
      }
      for (const [item, fields] of Object.entries(truth.proactive ?? {})) {
        for (const [field, want] of Object.entries(fields)) {
          assert.equal(
            (d.proactive as Record<string, Record<string, number>>)[item]?.[field],
            want,
            `proactive.${item}.${field}`,
          );
        }
      }
      for (const [group, results] of Object.entries(truth.appeals ?? {})) {
        for (const [result, want] of Object.entries(results)) {
          assert.equal(
            (d.appeals as Record<string, Record<string, number>>)[group]?.[result],
            want,
            `appeals.${group}.${result}`,
          );
        }
      }
      const errors = d.findings.filter((f) => f.severity === 'error');
      for (const inc of truth.inconsistencies) {
        assert.ok(
          errors.some((f) => f.check === inc.check && f.where === inc.where),
          `missing ${inc.check} on ${inc.where}`,
        );
      }
      assert.deepEqual(
        errors
          .filter((f) => !truth.inconsistencies.some((inc) => inc.check === f.check && inc.where === f.where))
          .map((f) => f.message),
        [],
        'error findings the truth does not list',
      );
      // Narrative figures the truth confirms must not be flagged.
      for (const n of truth.narrative ?? []) {
        if (n.agrees !== true || n.value === null) continue;
        const flagged = d.findings.filter(
          (f) => f.check === 'narrative' && f.actual === n.value && n.text.includes(String(n.value)),
        );
        assert.deepEqual(
          flagged.map((f) => f.message),
          [],
          `narrative “${n.text}” agrees with the table`,
        );
      }
    });
  }
});
