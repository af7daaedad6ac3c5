import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkPublishedReport } from './read-and-check.js';
import type { ReportData, RequestRowKey } from '../contract/report.js';
import { doubtTable3 } from './reader/doubt.js';
import { readReport } from './reader/read.js';
import type { ReadRow } from './reader/table3.js';
import { unnumberHeadings } from './reader/tokens.js';
import {
  corpusCases,
  emptyTally,
  layoutCases,
  layoutSources,
  layoutStyles,
  percent,
  readCase,
  realErrors,
  tally,
} from '../../../../test/harness/report-layouts.js';

/**
 * The reader on layouts it has not seen: the figures of the shared corpus printed again in the
 * layouts real reports come in (test/harness/report-layouts.ts). Whatever it reads is the truth
 * or a region it reports as unreadable with a reason; it raises every error the figures contain
 * and no other.
 */

const errorsOf = (r: Awaited<ReturnType<typeof checkPublishedReport>>) =>
  (r.data?.findings ?? []).filter((f) => f.severity === 'error').map((f) => `${f.check} ${f.where}`);

describe('reading the layout corpus', () => {
  it('every layout: 0 false errors, every real one raised, ≥ 99% of cells read or reported', async (t) => {
    const counted = emptyTally();
    const cases = layoutCases();
    for (const c of cases) tally(c.source, await readCase(c), realErrors(c.source), counted);
    t.diagnostic(
      `layout corpus: ${cases.length} reports in ${Object.keys(layoutStyles).length} layouts, ${counted.cells} cells, ` +
        `${counted.read} read, ${counted.reported} reported unreadable (${percent(counted)}%), ` +
        `${counted.wrong.length} misread, ${counted.falseErrors.length} false errors, ${counted.missedErrors.length} missed`,
    );
    assert.deepEqual(counted.falseErrors, [], 'false errors');
    assert.deepEqual(counted.missedErrors, [], 'real errors not raised');
    assert.deepEqual(counted.wrong, [], 'cells read as another figure');
    assert.ok((counted.read + counted.reported) / counted.cells >= 0.99, `${percent(counted)}% of cells`);
    assert.ok(counted.reported > 0, 'some layouts lose cells, and the reader says so');
  });

  it('the shared corpus: every cell read, 0 false errors', async (t) => {
    const total = emptyTally();
    for (const c of corpusCases())
      tally(
        c.source,
        await checkPublishedReport(c.file, readFileSync(c.path)),
        { allowed: c.errors, certain: c.errors },
        total,
      );
    t.diagnostic(
      `shared corpus: ${total.cells} cells, ${percent(total)}% read, ${total.falseErrors.length} false errors`,
    );
    assert.deepEqual([...total.wrong, ...total.lost, ...total.falseErrors, ...total.missedErrors], []);
  });
});

describe('the failures found on reports the reader had not seen', () => {
  const pingtan2021 = layoutSources().find((s) => s.name === '2021-pingtan.json')!;
  const pingtan2019 = layoutSources().find((s) => s.name === '2019-pingtan.json')!;
  const read = (text: string, file = 'report.txt') => checkPublishedReport(file, Buffer.from(text, 'utf8'));

  it('digits in numbered column headings (数据1 … 数据6) are no figures', async () => {
    assert.deepEqual(unnumberHeadings(['项目\t数据1\t数据2\t数据3', '规章\t1\t2\t3']), [
      '项目\t数据一\t数据二\t数据三',
      '规章\t1\t2\t3',
    ]);
    assert.deepEqual(unnumberHeadings(['列1', '列2', '列3', '（三）1.属于国家秘密 1']), [
      '列一',
      '列二',
      '列三',
      '（三）1.属于国家秘密 1',
    ]);
    // Two of a kind, or numbers that do not count up, are left alone.
    assert.deepEqual(unnumberHeadings(['数据1 数据2', '予以公开 3 予以公开 5 予以公开 9']), [
      '数据1 数据2',
      '予以公开 3 予以公开 5 予以公开 9',
    ]);
    const r = await read(layoutStyles['text-numbered-headers']!.make(pingtan2021));
    assert.deepEqual(errorsOf(r), []);
    assert.deepEqual(r.data!.requests.received, [64, 0, 0, 2, 0, 4, 70]);
    assert.equal(r.data!.appeals.review?.total, 3);
  });

  it('a row of a 2019-format HTML page whose label no pattern knows is kept in its place', async () => {
    const r = await read(layoutStyles['html-word-export-blank-zeros']!.make(pingtan2019), 'report.html');
    assert.deepEqual(errorsOf(r), []);
    assert.deepEqual(r.data!.requests['withheld.lawProhibited'], [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(
      r.data!.requests['withheld.thirdPartyRights'],
      pingtan2019.data.requests['withheld.thirdPartyRights'],
    );
    assert.deepEqual(r.info!.missingRows, []);
  });

  it('section 二 is read without its 第二十条 captions, in Markdown and in text', async () => {
    for (const style of ['markdown-no-captions-label-variants', 'text-cell-per-line-blank-zeros']) {
      for (const s of [pingtan2019, pingtan2021]) {
        const r = await read(layoutStyles[style]!.make(s), `report.${layoutStyles[style]!.file}`);
        assert.deepEqual(r.data!.proactive, s.data.proactive, `${style} ${s.name}`);
      }
    }
  });

  it('the 2021 （六）其他处理 is the sum of its three rows, or read and checked where printed', async () => {
    const r = await read(layoutStyles.markdown!.make(pingtan2021), 'report.md');
    assert.deepEqual(r.data!.requests.other, [1, 0, 0, 0, 0, 0, 1]);
    assert.equal(r.info!.provenance['requests.other']?.how, 'reconstructed');
    // Printed as a row of its own, with a figure its rows do not add up to: an other-sum error.
    const text = layoutStyles['text-spaces']!.make(pingtan2021).replace(
      '（六）其他处理  1.申请人无正当理由',
      '（六）其他处理  2  0  0  0  0  0  2\n1.申请人无正当理由',
    );
    assert.match(text, /其他处理 {2}2/);
    const printed = await read(text);
    assert.deepEqual(printed.data!.requests.other, [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(printed.data!.requests['other.supplementOverdue'], [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(errorsOf(printed).sort(), [
      'other-sum requests.other[naturalPerson]',
      'other-sum requests.other[total]',
      'outcome-sum requests.total[naturalPerson]',
      'outcome-sum requests.total[total]',
    ]);
  });

  it('a table printed with its labels after the figures is read row by row', async () => {
    const r = await read(layoutStyles['text-labels-after-figures']!.make(pingtan2019));
    assert.deepEqual(r.data!.requests, pingtan2019.data.requests);
    assert.deepEqual(errorsOf(r), []);
  });

  it('figures the table contradicts in several places are reported unreadable, not as errors', () => {
    const rows = (requests: ReportData['requests'], guessed: RequestRowKey[] = []): ReadRow[] =>
      Object.entries(requests).map(([key, values], i) => ({
        key: key as RequestRowKey,
        values: values!,
        line: i + 1,
        how: 'read',
        blankColumns: [],
        ...(guessed.includes(key as RequestRowKey) ? { byPosition: true } : {}),
      }));
    const good = pingtan2019.data.requests;
    assert.deepEqual(doubtTable3(rows(good), '2019'), { rows: [], table: null });
    // One misprinted cell: its row and its column, two places; certain, the checks report it.
    const misprint = structuredClone(good);
    misprint.granted![0] += 1;
    assert.deepEqual(doubtTable3(rows(misprint), '2019'), { rows: [], table: null });
    // A row taken by position that breaks its sum and two columns: that row is left out.
    const shifted = structuredClone(good);
    shifted['unavailable.notHeld'] = [0, 7, 0, 0, 0, 0, 0];
    const doubt = doubtTable3(rows(shifted, ['unavailable.notHeld']), '2019');
    assert.deepEqual(
      doubt.rows.map((d) => d.key),
      ['unavailable.notHeld'],
    );
    assert.match(doubt.rows[0]!.reason, /未找到行名.*勾稽关系在 4 处不成立/);
    assert.equal(doubt.table, null);
    // Rows read by their labels that contradict the columns in three places: the table.
    const many = structuredClone(good);
    many.carriedForward = [1, 1, 1, 0, 0, 0, 3];
    const table = doubtTable3(rows(many), '2019');
    assert.match(table.table!, /表三的勾稽关系在 4 处不成立（自然人列、商业企业列、科研机构列、总计列）/);
    // Through the checker: a completeness finding, no error.
    const data = { ...pingtan2019.data, requests: many };
    const text = layoutStyles['text-spaces']!.make({ ...pingtan2019, data });
    return read(text).then((r) => {
      assert.deepEqual(errorsOf(r), []);
      assert.ok(
        r.data!.findings.some(
          (f) => f.check === 'completeness' && f.where === 'requests' && /勾稽关系/.test(f.message),
        ),
      );
    });
  });

  it('reading a report directly gives the same rows as through a reader thread', async () => {
    const text = layoutStyles['text-numbered-headers']!.make(pingtan2021);
    const direct = readReport(text.split('\n'), { kind: 'text' });
    const threaded = await read(text);
    assert.deepEqual(direct.data.requests, threaded.data!.requests);
  });
});
