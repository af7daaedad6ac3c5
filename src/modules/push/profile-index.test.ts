import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  describeRule,
  matchesPlain,
  parseRule,
  type AudienceRule,
  type ProfileFacts,
} from './audience-rule.js';
import { allClasses } from './industry.js';
import { ProfileIndex } from './profile-index.js';
import { ageBands, enterpriseTags, identityTags, scales, tagMask } from './push.js';

// The matching index against the plain filter (audience-rule.ts matchesPlain): for any
// population and any rule, the index returns exactly the subscribers the filter keeps.

const regions = ['/g/', '/g/t1/', '/g/t1/v1/', '/g/t2/', '/h/'];
const classes = allClasses();
const industryCodes = ['C', 'F', 'A', 'C13', 'C1311', 'I65', 'F52', '3311', 'K7010', ...classes.slice(0, 30)];

const profile: fc.Arbitrary<ProfileFacts> = fc.record({
  kind: fc.constantFrom('enterprise' as const, 'citizen' as const, 'topics' as const),
  profiling: fc.boolean(),
  industry: fc.option(fc.constantFrom(...classes.slice(0, 40), '1311', '3311', '5212', '6513', '7010'), {
    nil: null,
  }),
  scale: fc.option(fc.constantFrom(...scales), { nil: null }),
  region: fc.option(fc.constantFrom(...regions), { nil: null }),
  tags: fc.integer({ min: 0, max: 2 ** 25 - 1 }),
  ageBand: fc.option(fc.constantFrom(...ageBands), { nil: null }),
});

const rule: fc.Arbitrary<AudienceRule> = fc.record({
  audience: fc.constantFrom('enterprise' as const, 'citizen' as const, 'all' as const),
  combine: fc.constantFrom('all' as const, 'any' as const),
  industries: fc.uniqueArray(fc.constantFrom(...industryCodes), { maxLength: 3 }),
  scales: fc.uniqueArray(fc.constantFrom(...scales), { maxLength: 3 }),
  regions: fc.uniqueArray(fc.constantFrom(...regions), { maxLength: 2 }),
  enterpriseTags: fc.uniqueArray(fc.constantFrom(...enterpriseTags.map((t) => t.code)), { maxLength: 3 }),
  identityTags: fc.uniqueArray(fc.constantFrom(...identityTags.map((t) => t.code)), { maxLength: 3 }),
  ageBands: fc.uniqueArray(fc.constantFrom(...ageBands), { maxLength: 3 }),
});

describe('the push matching index', () => {
  it('matches exactly the subscribers the plain filter keeps, for any population and rule', () => {
    fc.assert(
      fc.property(fc.array(profile, { maxLength: 120 }), rule, (people, r) => {
        const index = new ProfileIndex(4);
        people.forEach((p, i) => index.put(i + 1, p));
        // Rules name regions by agency id; here the id is the path itself.
        const got = [...index.match(r, r.regions)].sort((a, b) => a - b);
        const want = people.flatMap((p, i) => (matchesPlain(r, r.regions, p) ? [i + 1] : []));
        assert.deepEqual(got, want);
      }),
      { numRuns: 400 },
    );
  });

  it('follows changes: a replaced profile matches by its new facts, a removed one never', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(profile, profile, fc.boolean()), { minLength: 1, maxLength: 60 }),
        rule,
        (rows, r) => {
          const index = new ProfileIndex(2);
          rows.forEach(([a], i) => index.put(i + 1, a));
          rows.forEach(([, b, removed], i) => (removed ? index.remove(i + 1) : index.put(i + 1, b)));
          const got = [...index.match(r, r.regions)].sort((a, b) => a - b);
          const want = rows.flatMap(([, b, removed], i) =>
            !removed && matchesPlain(r, r.regions, b) ? [i + 1] : [],
          );
          assert.deepEqual(got, want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds sparse, large subscriber numbers (the number-to-slot array grows) and reuses its scratch between matches', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 40 }),
        profile,
        rule,
        (seqs, p, r) => {
          const index = new ProfileIndex(1);
          for (const q of seqs) index.put(q, p);
          const want = matchesPlain(r, r.regions, p) ? [...seqs].sort((a, b) => a - b) : [];
          const first = [...index.match(r, r.regions)].sort((a, b) => a - b);
          const again = [...index.match(r, r.regions)].sort((a, b) => a - b);
          assert.deepEqual(first, want);
          assert.deepEqual(again, want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds a region by its path at match time: a township moved in the tree takes its subscribers along', () => {
    const index = new ProfileIndex();
    const p: ProfileFacts = {
      kind: 'citizen',
      profiling: true,
      industry: null,
      scale: null,
      region: 'town',
      tags: 0,
      ageBand: null,
    };
    index.put(7, p);
    const rule: AudienceRule = {
      audience: 'all',
      combine: 'any',
      industries: [],
      scales: [],
      regions: ['x'],
      enterpriseTags: [],
      identityTags: [],
      ageBands: [],
    };
    assert.deepEqual([...index.match(rule, ['/city/'], () => '/city/town/')], [7]);
    assert.deepEqual([...index.match(rule, ['/city/'], () => '/other/town/')], []);
  });

  it('a citizen never matches a rule on industry, scale or enterprise tags; profiling off never matches', () => {
    const citizen: ProfileFacts = {
      kind: 'citizen',
      profiling: true,
      industry: null,
      scale: null,
      region: '/g/',
      tags: tagMask(['disabled']),
      ageBand: 'from60to79',
    };
    const r: AudienceRule = {
      audience: 'all',
      combine: 'all',
      industries: ['C'],
      scales: [],
      regions: [],
      enterpriseTags: [],
      identityTags: [],
      ageBands: [],
    };
    assert.equal(matchesPlain(r, [], citizen), false);
    assert.equal(matchesPlain({ ...r, industries: [], identityTags: ['disabled'] }, [], citizen), true);
    assert.equal(
      matchesPlain({ ...r, industries: [], identityTags: ['disabled'] }, [], {
        ...citizen,
        profiling: false,
      }),
      false,
    );
  });
});

describe('audience rules in forms and in plain Chinese', () => {
  const names = (id: string) => ({ jj: '晋江市', cz: '磁灶镇' })[id] ?? id;
  it('describes the issue’s example as written', () => {
    const r = parseRule(
      { audience: 'enterprise', industries: ['C'], scales: ['small', 'micro'], regions: ['jj'] },
      (id) => id === 'jj',
    );
    assert.ok('rule' in r);
    assert.equal(describeRule(r.rule, names), '面向：制造业（C）中的小型、微型企业，晋江市');
  });
  it('describes citizens, tags and “any” rules', () => {
    const r = parseRule(
      { audience: 'citizen', ageBands: ['from60to79', 'from80'], identityTags: 'disabled', regions: 'cz' },
      () => true,
    );
    assert.ok('rule' in r);
    assert.equal(describeRule(r.rule, names), '面向：60–79 岁、80 岁及以上的残疾人，磁灶镇');
    const any = parseRule(
      {
        audience: 'enterprise',
        combine: 'any',
        enterpriseTags: ['highTech', 'specialized'],
        industries: 'I65',
      },
      () => true,
    );
    assert.ok('rule' in any);
    assert.equal(
      describeRule(any.rule, names),
      '面向：符合下列任一条件的企业——属于软件和信息技术服务业（I65）；具有“高新技术企业”、“专精特新中小企业”资质',
    );
  });
  it('refuses unknown codes and contradictory audiences, naming the field in Chinese', () => {
    const bad = parseRule({ audience: 'all', industries: ['Z99'], scales: ['huge'] }, () => false);
    assert.ok('errors' in bad);
    const fields = bad.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['industries', 'scales']);
    assert.match(bad.errors.find((e) => e.field === 'industries')!.message, /国民经济行业分类/);
    const contradiction = parseRule({ audience: 'citizen', scales: ['small'] }, () => true);
    assert.ok('errors' in contradiction);
    assert.equal(contradiction.errors[0]!.field, 'audience');
  });
});
