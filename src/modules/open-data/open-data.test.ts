import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BadValue } from '../../platform/config/settings.js';
import { ValidationError } from '../../platform/errors.js';
import { filterRows, parseSearch, search, table, toCsv, type Cell, type Dataset } from './open-data.js';
import { openDataSettings } from './open-data.settings.js';

/** An RFC 4180 reader, written apart from toCsv, to read its output back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const dataset = (name: string, org: string, year: number | null, tags: string[]): Dataset => ({
  name,
  title: `${name} 数据`,
  notes: '',
  organization: { id: org, title: `机构${org}` },
  tags,
  year,
  modified: '2026-01-01',
  resources: [{ name: `${name}-csv`, title: name, format: 'CSV', path: `/x/${name}.csv`, description: '' }],
});

describe('open data: CSV, filters and the catalog’s search', () => {
  it('writes every cell so that an RFC 4180 reader gets it back (commas, quotes, line breaks, nulls)', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.constantFrom('a,b', '"x"', '甲\r\n乙'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 20 }), (rows) => {
        const t = table('request_statistics', []);
        const two = { fields: t.fields.slice(0, 2), rows: rows as Cell[][] };
        const back = readCsv(toCsv(two));
        assert.deepEqual(back[0], ['agency_id', 'agency']);
        assert.deepEqual(
          back.slice(1),
          rows.map((r) => r.map((v) => (v === null ? '' : String(v)))),
        );
      }),
    );
  });

  it('filters a table by its columns and names a column it does not have', () => {
    const t = table('hotline_statistics', [
      ['a', '甲', 2020, 1, 1, 1, 1, 1, 1, 1],
      ['a', '甲', 2021, 1, 2, 2, 2, 2, 2, 2],
      ['b', '乙', 2021, 1, 3, 3, 3, 3, 3, 3],
    ]);
    assert.deepEqual(
      filterRows(t, { agency_id: 'a', year: '2021' }).rows.map((r) => r[4]),
      [2],
    );
    assert.throws(
      () => filterRows(t, { colour: 'red' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'colour',
    );
  });

  it('pages any search result with rows and start: pages are disjoint and add up to the whole', () => {
    const all = [
      dataset('a', '1', 2020, ['年度报告']),
      dataset('b', '1', 2021, ['年度报告']),
      dataset('c', '2', 2021, ['年度报告']),
      dataset('d', '2', null, ['统计']),
      dataset('e', '3', null, ['统计']),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (rows) => {
        const seen: string[] = [];
        for (let start = 0; start < all.length; start += rows) {
          const page = search(all, parseSearch({ rows: String(rows), start: String(start) }));
          assert.equal(page.count, all.length);
          seen.push(...page.results.map((d) => d.name));
        }
        assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
      }),
    );
    const names = (q: Record<string, string>) => search(all, parseSearch(q)).results.map((d) => d.name);
    assert.deepEqual(names({ fq: 'organization:2 year:2021' }), ['c']);
    assert.deepEqual(names({ fq: 'tags:统计' }), ['d', 'e']);
    assert.deepEqual(names({ fq: 'tags:"年度报告" organization:1' }), ['a', 'b']);
    assert.deepEqual(names({ q: '机构3' }), ['e']);
    assert.deepEqual(names({ q: '*:*', rows: '2' }), ['a', 'b']);
  });

  it('names the parameter in Chinese when rows, start or fq is wrong', () => {
    for (const [q, field] of [
      [{ rows: '-1' }, 'rows'],
      [{ rows: '1001' }, 'rows'],
      [{ start: '1.5' }, 'start'],
      [{ fq: 'year' }, 'fq'],
      [{ fq: 'owner:x' }, 'fq'],
    ] as const)
      assert.throws(
        () => parseSearch(q),
        (e: unknown) =>
          e instanceof ValidationError && e.fields[0]!.field === field && e.message.includes(`参数 ${field}`),
      );
  });

  it('takes the licence from OPEN_DATA_LICENSE: a known one with its title and text, another as given', () => {
    const license = openDataSettings.keys.license;
    assert.equal(license.default, 'CC-BY-4.0');
    assert.deepEqual(license.parse('CC0-1.0'), {
      name: 'CC0-1.0',
      title: 'CC0 1.0 公有领域贡献',
      path: 'https://creativecommons.org/publicdomain/zero/1.0/',
    });
    assert.deepEqual(license.parse('OGL-UK-3.0'), { name: 'OGL-UK-3.0', title: 'OGL-UK-3.0', path: null });
    assert.throws(() => license.parse('署名 许可'), BadValue);
  });
});
