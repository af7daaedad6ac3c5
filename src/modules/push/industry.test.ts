import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  allClasses,
  classIndex,
  industryByCode,
  industryLabel,
  industryRows,
  isWithin,
  normalizeIndustryCode,
  searchIndustries,
  sectionOf,
} from './industry.js';

/** The 门类 of each 大类, as the standard prints the ranges (A 01–05 … T 97). */
const SECTION_RANGES: readonly [string, number, number][] = [
  ['A', 1, 5],
  ['B', 6, 12],
  ['C', 13, 43],
  ['D', 44, 46],
  ['E', 47, 50],
  ['F', 51, 52],
  ['G', 53, 60],
  ['H', 61, 62],
  ['I', 63, 65],
  ['J', 66, 69],
  ['K', 70, 70],
  ['L', 71, 72],
  ['M', 73, 75],
  ['N', 76, 79],
  ['O', 80, 82],
  ['P', 83, 83],
  ['Q', 84, 85],
  ['R', 86, 90],
  ['S', 91, 96],
  ['T', 97, 97],
];
const sectionByRange = (division: string) =>
  SECTION_RANGES.find(([, lo, hi]) => Number(division) >= lo && Number(division) <= hi)?.[0];

const classes = allClasses();
const anyClass = fc.constantFrom(...classes);

describe('the GB/T 4754-2017 code list (with 第1号修改单)', () => {
  it('has 20 门类, 97 大类, 473 中类 and 1382 小类, each code once', () => {
    const rows = industryRows();
    const count = (n: number) => rows.filter((r) => r.code.length === n).length;
    assert.deepEqual([count(1), count(2), count(3), count(4)], [20, 97, 473, 1382]);
    assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
    assert.equal(classes.length, 1382);
    assert.deepEqual(
      rows.filter((r) => r.code.length === 1).map((r) => r.code),
      [...'ABCDEFGHIJKLMNOPQRST'],
    );
  });

  it('puts every 大类 in the 门类 the standard gives its number', () => {
    for (const row of industryRows().filter((r) => r.code.length === 2)) {
      assert.equal(sectionOf(row.code), sectionByRange(row.code), row.code);
    }
  });

  it('nests every 小类 in its 中类 and 大类, in the standard order', () => {
    fc.assert(
      fc.property(anyClass, (code) => {
        const e = industryByCode(code);
        assert.ok(e);
        assert.equal(e.level, 'class');
        assert.deepEqual(
          e.path.map((p) => p.code),
          [sectionByRange(code.slice(0, 2)), code.slice(0, 2), code.slice(0, 3), code],
        );
        assert.equal(industryByCode(code.slice(0, 3))?.level, 'group');
        assert.equal(e.section, sectionOf(code.slice(0, 2)));
      }),
    );
    assert.deepEqual([...classes].sort(), classes);
    assert.equal(classIndex('0111'), 0);
    assert.equal(classIndex('9700'), 1381);
    assert.equal(classIndex('C1311'), classes.indexOf('1311'));
    assert.equal(classIndex('13'), -1);
  });

  it('has the names as the standard prints them, including the 2019 修改单', () => {
    assert.equal(industryByCode('C')?.name, '制造业');
    assert.equal(industryByCode('13')?.name, '农副食品加工业');
    assert.equal(industryByCode('1311')?.name, '稻谷加工');
    assert.equal(industryByCode('0111')?.name, '稻谷种植');
    assert.equal(industryByCode('15')?.name, '酒、饮料和精制茶制造业');
    assert.equal(industryByCode('019')?.name, '其他农业');
    // 第1号修改单: 监察委员会 joins 中类 923, a new 小类 9231.
    assert.equal(industryByCode('923')?.name, '监察委员会、人民法院和人民检察院');
    assert.deepEqual(
      ['9231', '9232', '9233'].map((c) => industryByCode(c)?.name),
      ['监察委员会', '人民法院', '人民检察院'],
    );
    assert.equal(industryByCode('9700')?.name, '国际组织');
  });
});

describe('reading codes', () => {
  it('accepts the digits, the digits behind their 门类 letter, and the letter alone', () => {
    for (const input of ['0111', 'A0111', 'a0111', ' A0111 ', 'Ａ０１１１']) {
      assert.equal(normalizeIndustryCode(input), '0111', input);
    }
    assert.equal(industryByCode('C13')?.code, '13');
    assert.equal(industryByCode('C')?.level, 'section');
    assert.equal(industryByCode('c')?.code, 'C');
  });

  it('refuses a wrong letter, an unknown code and non-codes', () => {
    for (const input of ['B1311', 'C0111', '0110', '99', '1', 'U', 'C13A', '', '门类']) {
      assert.equal(industryByCode(input), undefined, input);
    }
  });

  it('gives the path from the 门类 down', () => {
    assert.deepEqual(industryByCode('C1311')?.path, [
      { code: 'C', name: '制造业' },
      { code: '13', name: '农副食品加工业' },
      { code: '131', name: '谷物磨制' },
      { code: '1311', name: '稻谷加工' },
    ]);
  });

  it('labels a code with its letter-prefixed form', () => {
    assert.equal(industryLabel('C'), '制造业（C）');
    assert.equal(industryLabel('13'), '农副食品加工业（C13）');
    assert.equal(industryLabel('1311'), '稻谷加工（C1311）');
    assert.equal(industryLabel('A0111'), '稻谷种植（A0111）');
    assert.equal(industryLabel('nope'), undefined);
  });
});

describe('isWithin', () => {
  it('holds for the class itself and each of its ancestors, letter-prefixed or not', () => {
    fc.assert(
      fc.property(anyClass, (code) => {
        const e = industryByCode(code);
        assert.ok(e);
        for (const rule of [
          e.section,
          code.slice(0, 2),
          code.slice(0, 3),
          code,
          `${e.section}${code.slice(0, 2)}`,
        ]) {
          assert.equal(isWithin(code, rule), true, `${code} in ${rule}`);
        }
      }),
    );
  });

  it('agrees with the code prefix for any pair of classes', () => {
    fc.assert(
      fc.property(anyClass, anyClass, fc.integer({ min: 2, max: 4 }), (a, b, n) => {
        assert.equal(isWithin(a, b.slice(0, n)), a.startsWith(b.slice(0, n)));
        assert.equal(isWithin(a, sectionOf(b) ?? ''), sectionOf(a) === sectionOf(b));
      }),
    );
  });

  it('is false for a non-class or unknown code', () => {
    assert.equal(isWithin('13', 'C'), false);
    assert.equal(isWithin('0000', 'A'), false);
    assert.equal(isWithin('1311', 'ZZ'), false);
    assert.equal(isWithin('1311', 'B'), false);
  });
});

describe('searchIndustries', () => {
  it('finds rows by name, with the full path label', () => {
    const hits = searchIndustries('稻谷');
    assert.deepEqual(
      hits.map((h) => h.code),
      ['0111', '1311'],
    );
    assert.equal(hits[1]?.label, 'C 制造业 › 13 农副食品加工业 › 131 谷物磨制 › 1311 稻谷加工');
    assert.equal(hits[1]?.level, 'class');
    const software = searchIndustries('软件开发').map((h) => h.code);
    assert.equal(software[0], '651');
    assert.ok(software.includes('6513'));
  });

  it('finds rows by code prefix, exact code first, and respects a letter', () => {
    const hits = searchIndustries('131');
    assert.equal(hits[0]?.code, '131');
    assert.deepEqual(
      hits.slice(1, 6).map((h) => h.code),
      ['1311', '1312', '1313', '1314', '1319'],
    );
    assert.equal(searchIndustries('C13')[0]?.label, 'C 制造业 › 13 农副食品加工业');
    assert.deepEqual(searchIndustries('B13'), []);
    assert.equal(searchIndustries('C', 3)[0]?.code, 'C');
  });

  it('caps the hits and finds nothing for an empty query', () => {
    assert.equal(searchIndustries('制造', 5).length, 5);
    assert.deepEqual(searchIndustries('   '), []);
    assert.deepEqual(searchIndustries('不存在的行业名称'), []);
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 30 }), (q, n) => {
        assert.ok(searchIndustries(q, n).length <= n);
      }),
    );
  });
});
