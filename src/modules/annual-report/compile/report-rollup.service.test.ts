// Sections 二, 三 and 四 are counted in SQL (one grouped query per module). These tests hold them to
// what reading the rows one by one gives: for 二 and 四 the computation that was replaced, kept here
// word for word; for 三 (grouped differently now) the rule stated case by case. All run over the
// demo's 2020 operations and over random documents, cases and appeals whose dates sit on the edges
// of the year (in Beijing and in UTC).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { appealRow, recordRow, requestRow } from '../../../../test/harness/factories.js';
import { systemActor } from '../../../platform/access.js';
import { beijingDate, FixedClock } from '../../../platform/clock.js';
import type { Ctx } from '../../../platform/context.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { agencies, withinSubtree, type Agency } from '../../agencies/index.js';
import { appeals } from '../../appeals/index.js';
import { demo } from '../../demo/index.js';
import { normativeDocumentGenres, ruleGenres, section2Documents } from '../../records/index.js';
import { section3 } from '../../requests/index.js';
import {
  applicantColumns,
  appealGroups,
  appealResults,
  formatForYear,
  outcomeRowsOf,
  type Appeals,
  type RequestRow,
  type Requests,
} from '../contract/report.js';
import { build } from './report-build.service.js';

// ── The reference: sections 二 and 四 as they were computed before, from every row ─────────────

async function section2ByRows(
  ctx: Ctx,
  opts: { agency: Agency; scope: 'self' | 'tree'; year: number },
): Promise<Record<string, Record<string, number>>> {
  const yearEnd = `${opts.year}-12-31`;
  const q = ctx.db
    .selectFrom('record')
    .select(['genre', 'written_date', 'published_at', 'validity', 'validity_date'])
    .where('genre', 'in', [...ruleGenres, ...normativeDocumentGenres])
    .where('state', 'in', ['published', 'withdrawn']);
  const rows = await (
    opts.scope === 'self'
      ? q.where('agency_id', '=', opts.agency.id)
      : q.where(withinSubtree('agency_id', opts.agency.path))
  ).execute();
  const zero = () => ({ made: 0, published: 0, totalPublished: 0, issued: 0, repealed: 0, inForce: 0 });
  const acc = { rules: zero(), normativeDocuments: zero() };
  const y = String(opts.year);
  for (const r of rows) {
    if (!r.published_at) continue;
    const kind = (ruleGenres as readonly string[]).includes(r.genre!) ? 'rules' : 'normativeDocuments';
    const a = acc[kind];
    const publishedOn = beijingDate(new Date(r.published_at));
    const madeOn = r.written_date ?? publishedOn;
    if (madeOn.startsWith(y)) {
      a.made += 1;
      a.issued += 1;
    }
    if (publishedOn.startsWith(y)) a.published += 1;
    if (publishedOn <= yearEnd) a.totalPublished += 1;
    if (r.validity === 'repealed' && r.validity_date?.startsWith(y)) a.repealed += 1;
    const endedBy = r.validity !== 'inForce' && (r.validity_date === null || r.validity_date <= yearEnd);
    if (publishedOn <= yearEnd && !endedBy) a.inForce += 1;
  }
  const pick = (a: ReturnType<typeof zero>): Record<string, number> =>
    formatForYear(opts.year) === '2019'
      ? { made: a.made, published: a.published, totalPublished: a.totalPublished }
      : { issued: a.issued, repealed: a.repealed, inForce: a.inForce };
  return { rules: pick(acc.rules), normativeDocuments: pick(acc.normativeDocuments) };
}

async function section4ByRows(
  ctx: Ctx,
  opts: { agency: Agency; scope: 'self' | 'tree'; year: number },
): Promise<Appeals> {
  const last = `${opts.year}-12-31`;
  const q = ctx.db
    .selectFrom('appeal')
    .select(['appeal.kind', 'appeal.result', 'appeal.decided_on'])
    .where('appeal.filed_on', '>=', `${opts.year}-01-01`)
    .where('appeal.filed_on', '<=', last);
  const rows = await (
    opts.scope === 'self'
      ? q.where('appeal.agency_id', '=', opts.agency.id)
      : q.where(withinSubtree('appeal.agency_id', opts.agency.path))
  ).execute();
  const out = Object.fromEntries(
    appealGroups.map((g) => [g, Object.fromEntries(appealResults.map((r) => [r, 0]))]),
  ) as Appeals;
  for (const a of rows) {
    const group = out[a.kind as keyof Appeals];
    const result = a.decided_on && a.decided_on <= last ? (a.result as 'upheld') : 'pending';
    group[result] += 1;
    group.total += 1;
  }
  return out;
}

/**
 * Section 三 case by case: received in the year or carried over (received before it and open at
 * its start); closed in the year in its outcome's row, or carried forward (open on 31 December,
 * or closed without an outcome).
 */
async function section3ByRows(
  ctx: Ctx,
  opts: { agency: Agency; scope: 'self' | 'tree'; year: number },
): Promise<Requests> {
  const first = `${opts.year}-01-01`;
  const last = `${opts.year}-12-31`;
  const format = formatForYear(opts.year);
  const q = ctx.db.selectFrom('request').select(['applicant_type', 'received_on', 'closed_on', 'outcome']);
  const rows = await (
    opts.scope === 'self'
      ? q.where('agency_id', '=', opts.agency.id)
      : q.where(withinSubtree('agency_id', opts.agency.path))
  ).execute();
  const zero = (): RequestRow => [0, 0, 0, 0, 0, 0, 0];
  const table: Record<string, RequestRow> = {};
  const add = (key: string, type: string) => {
    const row = (table[key] ??= zero());
    row[applicantColumns.indexOf(type as never)]! += 1;
    row[6] += 1;
  };
  for (const r of rows) {
    if (r.received_on > last || (r.closed_on !== null && r.closed_on < first)) continue;
    add(r.received_on >= first ? 'received' : 'carriedOver', r.applicant_type);
    if (r.closed_on !== null && r.closed_on <= last && r.outcome) {
      // 2019: the other.* outcomes are the one （六） row; 2021: each its own row, and （六） their sum.
      if (r.outcome.startsWith('other.')) add('other', r.applicant_type);
      if (format === '2021' || !r.outcome.startsWith('other.')) add(r.outcome, r.applicant_type);
    } else add('carriedForward', r.applicant_type);
  }
  const out: Requests = { received: table.received ?? zero(), carriedOver: table.carriedOver ?? zero() };
  const total = zero();
  for (const key of outcomeRowsOf(format)) {
    const row = table[key] ?? zero();
    out[key] = row;
    row.forEach((v, i) => (total[i] = total[i]! + v));
  }
  if (format === '2021') out.other = table.other ?? zero();
  out.total = total;
  out.carriedForward = table.carriedForward ?? zero();
  return out;
}

// ── Random documents, cases and appeals on the edges of the years ───────────────────────────────────

const years = [2019, 2020, 2021] as const;
const dayArb = fc.constantFrom(
  ...[2018, 2019, 2020, 2021, 2022].flatMap((y) => [`${y}-01-01`, `${y}-06-15`, `${y}-12-31`]),
);
/** Instants around midnight in Beijing (16:00 UTC) at a year's end, and ordinary ones. */
const instantArb = fc.constantFrom(
  ...[2018, 2019, 2020, 2021, 2022].flatMap((y) => [
    `${y}-12-31T15:59:59.999Z`,
    `${y}-12-31T16:00:00.000Z`,
    `${y}-01-01T00:00:00.000Z`,
    `${y}-06-15T02:00:00.000Z`,
  ]),
);
const documentArb = fc.record({
  agency: fc.nat(),
  genre: fc.constantFrom('规章', '行政规范性文件', '规范性文件', '通知', null),
  state: fc.constantFrom('published', 'withdrawn', 'draft'),
  written_date: fc.option(dayArb),
  published_at: fc.option(instantArb, { freq: 6 }),
  validity: fc.constantFrom('inForce', 'expired', 'repealed'),
  validity_date: fc.option(dayArb),
});
const caseArb = fc.record({
  agency: fc.nat(),
  applicant_type: fc.constantFrom(...applicantColumns.slice(0, 6)),
  received_on: dayArb,
  closed_on: fc.option(dayArb, { freq: 3 }),
  outcome: fc.option(fc.constantFrom(...outcomeRowsOf('2021')), { freq: 6 }),
});
const appealArb = fc.record({
  agency: fc.nat(),
  kind: fc.constantFrom(...appealGroups),
  result: fc.constantFrom('upheld', 'corrected', 'other', 'pending'),
  filed_on: dayArb,
  decided_on: fc.option(dayArb),
});

describeEachEngine('sections 二 and 四 counted in SQL give the figures reading every row gave', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  const clock = new FixedClock('2022-03-01T02:00:00Z');
  const ctx = () => testCtx(h, systemActor('测试'), clock);
  let all: Agency[];
  /** The city, a department, a township with its villages, a village: each alone and with its subtree. */
  let probes: Agency[];

  before(async () => {
    h = await openTestDatabase(engine);
    await demo.load(ctx(), { content: false });
    all = await agencies.listForStaff(ctx());
    const root = all.find((a) => a.depth === 0)!;
    const town = all.find((a) => a.kind === 'townshipStreet' && all.some((v) => v.parentId === a.id))!;
    probes = [
      root,
      all.find((a) => a.kind === 'governmentDepartment')!,
      town,
      all.find((a) => a.parentId === town.id)!,
    ];
  });
  after(async () => h.cleanup());

  const compare = async (label: string) => {
    for (const agency of probes)
      for (const scope of ['self', 'tree'] as const)
        for (const year of years) {
          const at = `${label}: ${agency.name} ${scope} ${year}`;
          const part = { agencyId: agency.id, scope, year, format: formatForYear(year) };
          assert.deepEqual(
            await section2Documents(ctx(), part),
            await section2ByRows(ctx(), { agency, scope, year }),
            `section 二 ${at}`,
          );
          assert.deepEqual(
            await section3(ctx(), part),
            await section3ByRows(ctx(), { agency, scope, year }),
            `section 三 ${at}`,
          );
          assert.deepEqual(
            await appeals.section4(ctx(), part),
            await section4ByRows(ctx(), { agency, scope, year }),
            `section 四 ${at}`,
          );
        }
  };

  it('on the demo’s 2020 operations, and the built 2020 report states them', async () => {
    await compare('demo');
    const root = probes[0]!;
    const report = await build(ctx(), { agencyId: root.id, year: 2020, scope: 'tree', previous: null });
    const expected = await section2ByRows(ctx(), { agency: root, scope: 'tree', year: 2020 });
    assert.deepEqual(report.proactive.rules, expected.rules);
    assert.deepEqual(report.proactive.normativeDocuments, expected.normativeDocuments);
    assert.deepEqual(
      report.appeals,
      await section4ByRows(ctx(), { agency: root, scope: 'tree', year: 2020 }),
    );
    // Not all zero: the comparison is about something (the demo's 231 cases, 213 documents, 12 appeals).
    assert.ok(Object.values(report.appeals).some((g) => g.total > 0));
    assert.ok(Object.values(expected.normativeDocuments!).some((n) => n > 0));
  });

  it('on random documents and appeals whose dates sit on the edges of the years', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(documentArb, { minLength: 1, maxLength: 40 }),
        fc.array(caseArb, { minLength: 1, maxLength: 40 }),
        fc.array(appealArb, { minLength: 1, maxLength: 20 }),
        async (documents, received, filed) => {
          const agencyOf = (i: number) => probes[i % probes.length]!.id;
          const docs = documents.map(({ agency, ...d }) =>
            recordRow(agencyOf(agency), { ...d, scheduled_at: null }),
          );
          // A case is closed no earlier than it was received.
          const cases = received.map(({ agency, ...c }) =>
            requestRow(agencyOf(agency), {
              ...c,
              closed_on: c.closed_on && c.closed_on < c.received_on ? c.received_on : c.closed_on,
            }),
          );
          const apps = filed.map(({ agency, ...a }) => appealRow(agencyOf(agency), a));
          await h.db.insertInto('record').values(docs).execute();
          await h.db.insertInto('request').values(cases).execute();
          await h.db.insertInto('appeal').values(apps).execute();
          try {
            await compare('random');
          } finally {
            await h.db
              .deleteFrom('record')
              .where(
                'id',
                'in',
                docs.map((d) => d.id),
              )
              .execute();
            await h.db
              .deleteFrom('appeal')
              .where(
                'id',
                'in',
                apps.map((a) => a.id),
              )
              .execute();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
