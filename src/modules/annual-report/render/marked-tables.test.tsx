import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import type { ReportData } from '../contract/report.js';
import { checkPublishedReport } from '../published/read-and-check.js';
import { figuresOf, tablesOf } from './layout.js';
import { cellMarks, FindingList, MarkedTables } from './marked-tables.js';
import { sample2022 } from './samples.js';

const seedFile = 'test/fixtures/annual-report/jinjiang-2020-annual-report.md';

/** Every data cell path of the report's grids (figures and blanks). */
function cellPaths(data: ReportData): Set<string> {
  const out = new Set<string>();
  for (const t of Object.values(tablesOf(data)))
    for (const part of t.parts) for (const row of part.rows) for (const c of row) if (c.path) out.add(c.path);
  return out;
}

describe('the checker’s tables: the renderer’s grids with finding marks keyed by cell path', () => {
  let seed: ReportData;
  before(async () => {
    seed = (await checkPublishedReport(seedFile, readFileSync(seedFile))).data!;
  });

  it('marks only cells the grids have', () => {
    const paths = cellPaths(seed);
    const marks = cellMarks(seed);
    assert.ok(marks.size > 0);
    for (const path of marks.keys()) assert.ok(paths.has(path), path);
    assert.ok(marks.get('requests.received.6')?.includes(1), 'row-sum on 本年新收 总计');
    for (const row of ['received', 'carriedOver', 'total', 'carriedForward'])
      assert.ok(marks.get(`requests.${row}.1`)?.includes(2), `balance on ${row} 商业企业`);
    const wrong = structuredClone(sample2022().data);
    wrong.appeals.review!.total = 9;
    wrong.findings = [
      { check: 'appeals-sum', severity: 'error', where: 'appeals.review', message: '复议合计不符' },
      { check: 'stock', severity: 'warning', where: 'proactive.rules', message: '现行有效件数不符' },
    ];
    const m = cellMarks(wrong);
    assert.deepEqual([...m.keys()].sort(), [
      'appeals.review.total',
      'proactive.rules.inForce',
      'proactive.rules.issued',
      'proactive.rules.repealed',
    ]);
    for (const path of m.keys()) assert.ok(cellPaths(wrong).has(path), path);
  });

  it('draws tables 二, 三 and 四 as the renderer lays them out, each mark linking to its finding', async () => {
    const html = String(await (<MarkedTables data={seed} marks={cellMarks(seed)} />));
    const $ = cheerio.load(html);
    assert.deepEqual(
      $('table')
        .map((_, t) => $(t).attr('id'))
        .get(),
      ['table-proactive', 'table-requests', 'table-appeals'],
    );
    const received = $('#table-requests tr[data-row="received"] td');
    assert.equal(received.length, 7);
    assert.match(received.eq(6).attr('class') ?? '', /gk-cell--error/);
    assert.match(received.eq(6).text(), /^231\[1\]/);
    assert.equal(received.eq(6).find('a').attr('href'), '#finding-1');
    assert.equal($('#table-requests td.gk-cell--error').length, 5);
    // Every figure of the grids is printed in its cell.
    const printed = new Map<string, string>();
    $('td').each((_, td) => {
      const row = $(td).closest('tr').attr('data-row');
      if (row) printed.set(`${row}.${$(td).index() - $(td).parent().children('th').length}`, $(td).text());
    });
    for (const [path, value] of figuresOf(seed))
      if (path.startsWith('requests.'))
        assert.ok(printed.get(path.slice('requests.'.length))?.startsWith(String(value)), path);
    // The labels are the renderer's: one layout (ADR 0007).
    assert.match($('#table-requests').text(), /（三）不予公开/);
    assert.match($('#table-requests').text(), /1\.属于国家秘密/);
  });

  it('lists the findings numbered, each with its check named in Chinese', async () => {
    const $ = cheerio.load(String(await (<FindingList findings={seed.findings} />)));
    assert.equal($('li#finding-1').attr('class'), 'gk-finding gk-finding--error');
    assert.match(
      $('li#finding-1').text(),
      /错误 行合计 · 表三“本年新收”行：三、本年新收：六类申请人之和为 222，总计列为 231/,
    );
    assert.doesNotMatch($('ol').text(), /row-sum|requests\./, 'no internal code on the page');
  });
});
