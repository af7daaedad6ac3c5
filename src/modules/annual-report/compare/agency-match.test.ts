import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchAgency, type NamedAgency } from './agency-match.js';

const tree: NamedAgency[] = [
  { id: 'a', name: '晋江市人民政府', shortName: '晋江市' },
  { id: 'b', name: '晋江市人民政府办公室', shortName: null },
  { id: 'c', name: '磁灶镇', shortName: null },
  { id: 'd', name: '平潭综合实验区管理委员会', shortName: '平潭综合实验区' },
  { id: 'e', name: '某县人民政府', shortName: null },
  { id: 'f', name: '某县', shortName: null },
];

const found = (name: string) => {
  const m = matchAgency(name, tree);
  return m.kind === 'found' ? [m.agency.id, m.how] : m.kind;
};

describe('matchAgency', () => {
  it('matches the full name or the short name, then the 人民政府 variants, and nothing looser', () => {
    assert.deepEqual(found('晋江市人民政府'), ['a', 'name']);
    assert.deepEqual(found('晋江市'), ['a', 'name']);
    assert.deepEqual(found('晋江市人民政府办公室'), ['b', 'name']);
    assert.deepEqual(found('平潭综合实验区'), ['d', 'name']);
    // A report signed by the township's government is the township's.
    assert.deepEqual(found('磁灶镇人民政府'), ['c', 'government']);
    assert.equal(found('平潭'), 'none');
    assert.equal(found('晋江市政府'), 'none');
    assert.equal(found('晋江市教育局'), 'none');
    assert.equal(found(''), 'none');
  });

  it('prefers an exact name to a variant, and says when two agencies are equally meant', () => {
    assert.deepEqual(found('某县'), ['f', 'name']);
    assert.deepEqual(found('某县人民政府'), ['e', 'name']);
    const twins = [
      ...tree,
      { id: 'g', name: '磁灶镇人民政府', shortName: null },
      { id: 'h', name: '磁灶镇', shortName: '磁灶' },
    ];
    const m = matchAgency('磁灶镇人民政府', twins);
    assert.deepEqual(m.kind === 'found' ? m.agency.id : m.kind, 'g');
    const ambiguous = matchAgency('磁灶镇', twins);
    assert.equal(ambiguous.kind, 'ambiguous');
    assert.deepEqual(ambiguous.kind === 'ambiguous' ? ambiguous.candidates.map((a) => a.id) : [], ['c', 'h']);
  });

  it('whitespace anywhere in a stated name never changes the match', () => {
    const names = ['晋江市人民政府', '磁灶镇人民政府', '平潭综合实验区', '平潭', '某县'];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\t', '\u3000')), { maxLength: 4 }),
        (name, spaces) => {
          const chars = [...name];
          for (const [at, ch] of spaces) chars.splice(at % (chars.length + 1), 0, ch);
          assert.deepEqual(found(chars.join('')), found(name));
        },
      ),
    );
  });
});
