import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allFields, sections } from './website-report.fields.js';
import { gridOf } from './website-report.layout.js';
import { compose, emptyEntries, parseEntries, tableRows, type ComputedFigures } from './website-report.js';

// The 报表's pure rules: what a box accepts, how sums and overrides combine, and the grid every
// row of the table lands in once (the HTML page and the XLSX file draw the same grid).

const counts = allFields.filter((f) => f.kind === 'count' && !f.computed);
const nothingComputed: ComputedFigures = { fields: {}, accounts: [], accountsBasis: '' };

describe('政府网站工作年度报表 rules', () => {
  it('a count box takes any whole number ≥ 0 (leading zeros dropped) and refuses anything else, naming the field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...counts), fc.nat({ max: 1e9 }), fc.nat({ max: 3 }), (f, n, zeros) => {
        const { entries, errors } = parseEntries({ [f.key]: `${'0'.repeat(zeros)}${n}` });
        assert.deepEqual(errors, []);
        assert.equal(entries.values[f.key], String(n));
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...counts),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/^\s*\d+\s*$/.test(s)),
        (f, raw) => {
          const { entries, errors } = parseEntries({ [f.key]: raw });
          assert.deepEqual(
            errors.map((e) => e.field),
            [f.key],
          );
          assert.match(errors[0]!.message, /应为不小于 0 的整数/);
          assert.equal(entries.values[f.key], undefined);
        },
      ),
    );
  });

  it('a sum is the sum of the parts entered, and empty while none is', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(1e6)), fc.option(fc.nat(1e6)), (persons, legal) => {
        const e = emptyEntries();
        if (persons !== null) e.values.casesPersons = String(persons);
        if (legal !== null) e.values.casesLegal = String(legal);
        const total = compose(2025, nothingComputed, e).fields.casesTotal!.value;
        assert.equal(
          total,
          persons === null && legal === null ? null : String((persons ?? 0) + (legal ?? 0)),
        );
      }),
    );
  });

  it('an override replaces the computed figure only with its reason, and keeps both', () => {
    const computed: ComputedFigures = {
      fields: { infoTotal: { value: '12', basis: '口径' } },
      accounts: [],
      accountsBasis: '',
    };
    const { entries } = parseEntries({ infoTotalOverride: '15', infoTotalReason: '旧网站另发 3 条' });
    const f = compose(2025, computed, entries).fields.infoTotal!;
    assert.deepEqual([f.value, f.source, f.computed, f.reason], ['15', 'override', '12', '旧网站另发 3 条']);
    assert.equal(compose(2025, computed, emptyEntries()).fields.infoTotal!.source, 'computed');
  });

  it('every row of the table has its 指标 and 数值 in the grid, and the cells tile the five columns', () => {
    const data = compose(
      2025,
      {
        fields: {},
        accounts: [{ kind: 'wechat', name: '晋江发布', posts: 3, followers: 9 }],
        accountsBasis: '',
      },
      emptyEntries(),
    );
    const rows = tableRows(data);
    assert.equal(
      rows.length,
      allFields.length + 1 + 3 + 1,
      'one row per field; 微博 and 其他 none, 微信 three',
    );
    const grid = gridOf(rows);
    const covered = rows.map(() => new Set<number>());
    grid.forEach((cells, i) => {
      for (const c of cells)
        for (let r = i; r < i + c.rowspan; r++)
          for (let col = c.col; col < c.col + c.colspan; col++) {
            assert.ok(!covered[r]!.has(col), `row ${r} column ${col} is covered once`);
            covered[r]!.add(col);
          }
    });
    for (const s of covered) assert.deepEqual([...s].sort(), [0, 1, 2, 3, 4]);
    assert.equal(sections.filter((s) => s.accounts).length, 1);
  });
});
