import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isWithinPath } from '../../platform/access.js';
import fc from 'fast-check';
import { agencyKinds, agencyLevels, placementProblem, type AgencyKind, type AgencyLevel } from './agency.js';

type Parent = { kind: AgencyKind; level: AgencyLevel; name: string };

const provGov: Parent = { kind: 'peoplesGovernment', level: 'provincial', name: '浙江省人民政府' };
const cityGov: Parent = { kind: 'peoplesGovernment', level: 'prefectural', name: '杭州市人民政府' };
const countyGov: Parent = { kind: 'peoplesGovernment', level: 'county', name: '淳安县人民政府' };
const countyDept: Parent = { kind: 'governmentDepartment', level: 'county', name: '淳安县教育局' };
const town: Parent = { kind: 'townshipStreet', level: 'township', name: '千岛湖镇' };
const village: Parent = { kind: 'villageCommunity', level: 'village', name: '青溪社区' };

const rank = (l: AgencyLevel) => agencyLevels.indexOf(l);
const kindArb = fc.constantFrom(...agencyKinds);
const levelArb = fc.constantFrom(...agencyLevels);
const parentArb = fc.record({
  kind: kindArb,
  level: levelArb,
  name: fc.constantFrom('某某人民政府', '某某局', '某某镇'),
});

describe('placementProblem: roots', () => {
  it('accepts a 人民政府 as the root of the tree at any level', () => {
    for (const level of agencyLevels)
      assert.equal(placementProblem({ kind: 'peoplesGovernment', level }, null), null);
  });

  it('refuses every other kind as a root', () => {
    for (const kind of agencyKinds.filter((k) => k !== 'peoplesGovernment')) {
      for (const level of agencyLevels) {
        assert.equal(
          placementProblem({ kind, level }, null),
          '只有人民政府可以作为机构树的根',
          `${kind}/${level}`,
        );
      }
    }
  });
});

describe('placementProblem: the usual tree is lawful', () => {
  const lawful: [string, { kind: AgencyKind; level: AgencyLevel }, Parent][] = [
    ['city government under the province', { kind: 'peoplesGovernment', level: 'prefectural' }, provGov],
    ['county government under the city', { kind: 'peoplesGovernment', level: 'county' }, cityGov],
    [
      'county department under the county government',
      { kind: 'governmentDepartment', level: 'county' },
      countyGov,
    ],
    [
      'dispatched agency under a county department',
      { kind: 'dispatchedAgency', level: 'county' },
      countyDept,
    ],
    ['township street under the county government', { kind: 'townshipStreet', level: 'township' }, countyGov],
    ['village community under a township street', { kind: 'villageCommunity', level: 'village' }, town],
    ['other body at township level under a township street', { kind: 'other', level: 'township' }, town],
  ];
  for (const [title, child, parent] of lawful) {
    it(`accepts a ${title}`, () => assert.equal(placementProblem(child, parent), null));
  }
});

describe('placementProblem: refusals', () => {
  it('refuses anything under a village (社区)', () => {
    for (const kind of agencyKinds) {
      for (const level of agencyLevels) {
        assert.equal(
          placementProblem({ kind, level }, village),
          '村（社区）之下不能再设机构',
          `${kind}/${level}`,
        );
      }
    }
  });

  it('refuses a village under anything but a township street', () => {
    for (const parent of [
      provGov,
      cityGov,
      countyGov,
      countyDept,
      { kind: 'other', level: 'township', name: '某中心' } as Parent,
    ]) {
      assert.equal(
        placementProblem({ kind: 'villageCommunity', level: 'village' }, parent),
        '村（社区）应隶属于乡镇（街道）',
        parent.name,
      );
    }
  });

  it('refuses a county-level agency under a township, naming both levels and the parent', () => {
    const problem = placementProblem({ kind: 'governmentDepartment', level: 'county' }, town);
    assert.equal(problem, '县级机构不能隶属于乡级的“千岛湖镇”');
  });

  it('refuses a provincial government under a county government', () => {
    const problem = placementProblem({ kind: 'peoplesGovernment', level: 'provincial' }, countyGov);
    assert.ok(problem?.includes('省级机构不能隶属于县级的“淳安县人民政府”'), String(problem));
  });

  it('refuses a township street that is not at township level', () => {
    assert.equal(
      placementProblem({ kind: 'townshipStreet', level: 'county' }, countyGov),
      '乡镇（街道）的层级应为乡级',
    );
    assert.equal(
      placementProblem({ kind: 'townshipStreet', level: 'village' }, countyGov),
      '乡镇（街道）的层级应为乡级',
    );
  });

  it('refuses a village community that is not at village level', () => {
    assert.equal(
      placementProblem({ kind: 'villageCommunity', level: 'township' }, town),
      '村（社区）的层级应为村级',
    );
  });

  it('never lets a child rank above its parent (property)', () => {
    fc.assert(
      fc.property(kindArb, levelArb, parentArb, (kind, level, parent) => {
        fc.pre(parent.kind !== 'villageCommunity');
        const problem = placementProblem({ kind, level }, parent);
        if (rank(level) < rank(parent.level)) {
          assert.ok(problem !== null, `${kind}/${level} under ${parent.kind}/${parent.level} was allowed`);
          assert.ok(problem.includes(parent.name), problem);
        }
      }),
    );
  });

  it('only ever allows a village under a township street, at village level (property)', () => {
    fc.assert(
      fc.property(levelArb, parentArb, (level, parent) => {
        const ok = placementProblem({ kind: 'villageCommunity', level }, parent) === null;
        assert.equal(
          ok,
          parent.kind === 'townshipStreet' && level === 'village' && rank(parent.level) <= rank(level),
        );
      }),
    );
  });
});

describe('isWithinPath', () => {
  it('treats an agency as within itself and within its ancestors', () => {
    assert.equal(isWithinPath('/a/b/c/', '/a/b/c/'), true);
    assert.equal(isWithinPath('/a/b/c/', '/a/b/'), true);
    assert.equal(isWithinPath('/a/b/c/', '/a/'), true);
    assert.equal(isWithinPath('/a/b/c/', '/'), true);
  });

  it('does not treat an ancestor, a sibling or a sibling with a longer id as within', () => {
    assert.equal(isWithinPath('/a/', '/a/b/'), false);
    assert.equal(isWithinPath('/a/c/', '/a/b/'), false);
    assert.equal(isWithinPath('/a/bc/', '/a/b/'), false);
    assert.equal(isWithinPath('/ab/', '/a/'), false);
  });

  it('is true exactly when the ancestor’s ids are a prefix of the agency’s ids (property)', () => {
    const ids = fc.array(fc.stringMatching(/^[ab]{1,3}$/), { maxLength: 5 });
    const toPath = (segments: string[]) => `/${segments.map((s) => `${s}/`).join('')}`;
    fc.assert(
      fc.property(ids, ids, (child, ancestor) => {
        const expected = ancestor.length <= child.length && ancestor.every((s, i) => child[i] === s);
        assert.equal(isWithinPath(toPath(child), toPath(ancestor)), expected);
      }),
      { numRuns: 1000 },
    );
  });
});
