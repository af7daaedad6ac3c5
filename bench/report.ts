import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { freshDatabaseUrl, testInstallation } from '../test/harness/engines.js';
import { systemActor } from '../src/platform/access.js';
import { systemClock } from '../src/platform/clock.js';
import { FieldCipher } from '../src/platform/crypto.js';
import { migrateToLatest, openDatabase, type Engine, type Db } from '../src/platform/db/database.js';
import type { AgencyTable } from '../src/modules/agencies/agency.tables.js';
import type { AppealTable } from '../src/modules/appeals/appeal.tables.js';
import type { RecordTable } from '../src/modules/records/record.tables.js';
import type { RequestTable } from '../src/modules/requests/request.tables.js';
import { newId } from '../src/platform/ids.js';
import { buildReport } from '../src/modules/annual-report/index.js';

/**
 * report: a synthetic province — about 2,000 agencies in a four-level tree, N request cases in
 * one year (default 1,000,000; `--cases N`) with a realistic outcome mix, appeals and 规范性文件 —
 * then the time to build one county department's report and the province-wide roll-up, each
 * against the floor of one hand-written GROUP BY over the same rows, and the peak memory.
 */

const YEAR = 2024;

function cases(): number {
  const i = process.argv.indexOf('--cases');
  return i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
}

function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

const outcomeMix: Array<[string, number]> = [
  ['granted', 420],
  ['partiallyGranted', 100],
  ['withheld.stateSecret', 2],
  ['withheld.lawProhibited', 8],
  ['withheld.securityStability', 3],
  ['withheld.thirdPartyRights', 15],
  ['withheld.internalAffairs', 10],
  ['withheld.processInformation', 12],
  ['withheld.enforcementFile', 5],
  ['withheld.administrativeQuery', 5],
  ['unavailable.notHeld', 150],
  ['unavailable.needsCreation', 40],
  ['unavailable.stillUnclear', 20],
  ['notProcessed.petition', 20],
  ['notProcessed.repeated', 30],
  ['notProcessed.publication', 3],
  ['notProcessed.excessive', 7],
  ['notProcessed.confirmation', 10],
  ['other.supplementOverdue', 25],
  ['other.feeUnpaid', 5],
  ['other.other', 10],
  ['open', 100],
];
const applicantMix: Array<[string, number]> = [
  ['naturalPerson', 880],
  ['commercialEnterprise', 80],
  ['researchInstitution', 5],
  ['publicInterestOrganization', 5],
  ['legalServiceOrganization', 20],
  ['otherOrganization', 10],
];
function pick(mix: Array<[string, number]>, r: number): string {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let x = r % total;
  for (const [k, w] of mix) {
    if (x < w) return k;
    x -= w;
  }
  return mix[0]![0];
}

async function insertMany<T>(db: Db, table: string, rows: T[], batch = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += batch)
    await db
      .insertInto(table as never)
      .values(rows.slice(i, i + batch) as never)
      .execute();
}

/** The four-level tree: province, prefectures, counties, townships, each government with departments. */
function province(now: string): AgencyTable[] {
  const out: AgencyTable[] = [];
  const add = (parent: AgencyTable | null, name: string, level: string, kind: string) => {
    const id = newId();
    const row: AgencyTable = {
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      name,
      short_name: null,
      level,
      kind,
      credit_code: null,
      region_code: null,
      address: null,
      postcode: null,
      office_hours: null,
      phone: null,
      fax: null,
      email: null,
      website: null,
      sort_order: out.length,
      created_at: now,
      updated_at: now,
      dissolved_at: null,
    };
    out.push(row);
    return row;
  };
  const gov = add(null, '某省人民政府', 'provincial', 'peoplesGovernment');
  for (let d = 0; d < 40; d++) add(gov, `某省第${d + 1}厅`, 'provincial', 'governmentDepartment');
  for (let p = 0; p < 14; p++) {
    const city = add(gov, `第${p + 1}市人民政府`, 'prefectural', 'peoplesGovernment');
    for (let d = 0; d < 30; d++) add(city, `第${p + 1}市第${d + 1}局`, 'prefectural', 'governmentDepartment');
    for (let c = 0; c < 8; c++) {
      const county = add(city, `第${p + 1}市第${c + 1}县人民政府`, 'county', 'peoplesGovernment');
      for (let d = 0; d < 10; d++)
        add(county, `第${p + 1}市第${c + 1}县第${d + 1}局`, 'county', 'governmentDepartment');
      for (let t = 0; t < 3; t++)
        add(county, `第${p + 1}市第${c + 1}县第${t + 1}镇`, 'township', 'townshipStreet');
    }
  }
  return out;
}

/** The synthetic province, loaded into a migrated database: its tree, and how many of each kind. */
export interface Province {
  tree: AgencyTable[];
  appeals: number;
  records: number;
}

export async function loadProvince(db: Db, n: number): Promise<Province> {
  const now = new Date().toISOString();
  const tree = province(now);
  await insertMany(db, 'agency', tree);
  const rnd = prng(2024);
  // Counties and townships get most cases; departments fewer; governments above more.
  const weights = tree.map((a) => (a.kind === 'peoplesGovernment' ? 20 : a.level === 'township' ? 6 : 3));
  const weightTotal = weights.reduce((s, w) => s + w, 0);
  const cumulative: number[] = [];
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const agencyOf = (r: number) => {
    const x = r % weightTotal;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return tree[lo]!;
  };
  const seqs = new Map<string, number>();
  for (let start = 0; start < n; start += 20_000) {
    const rows: RequestTable[] = [];
    for (let i = start; i < Math.min(n, start + 20_000); i++) {
      const a = agencyOf(rnd(1 << 30));
      const carried = rnd(100) < 5;
      const year = carried ? YEAR - 1 : YEAR;
      const seq = (seqs.get(`${a.id}/${year}`) ?? 0) + 1;
      seqs.set(`${a.id}/${year}`, seq);
      const received = carried
        ? `${YEAR - 1}-12-${String(10 + rnd(20)).padStart(2, '0')}`
        : `${YEAR}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
      const outcome = pick(outcomeMix, rnd(1 << 30));
      const closed =
        outcome === 'open'
          ? null
          : received < `${YEAR}-12-01`
            ? `${YEAR}-12-${String(1 + rnd(28)).padStart(2, '0')}`
            : null;
      rows.push({
        id: newId(),
        agency_id: a.id,
        year,
        seq,
        acceptance_number: `〔${year}〕第${String(seq).padStart(4, '0')}号`,
        submission_channel: 'online',
        applicant_type: pick(applicantMix, rnd(1 << 30)),
        applicant_name: '申请人',
        organization_code: null,
        id_type: 'other',
        id_number_enc: 'x',
        id_number_index: 'x',
        phone_enc: 'x',
        address_enc: null,
        email: null,
        description: '申请公开某项目文件',
        delivery_format: 'electronic',
        delivery_method: 'online',
        received_on: received,
        submitted_at: now,
        registered_by: null,
        lookup_hash: 'x',
        created_at: now,
        updated_at: now,
        replied_on: closed,
        withdrawn_on: null,
        closed_on: closed,
        outcome: closed ? outcome : null,
        handler_id: null,
        phone_index: '',
        email_index: null,
      });
    }
    await db.transaction().execute((tx) => insertMany(tx, 'request', rows, 200));
  }
  const appeals: AppealTable[] = Array.from({ length: Math.round(n / 50) }, () => {
    const a = agencyOf(rnd(1 << 30));
    return {
      id: newId(),
      agency_id: a.id,
      request_id: null,
      kind: ['review', 'litigationDirect', 'litigationAfterReview'][rnd(3)]!,
      filed_on: `${YEAR}-${String(1 + rnd(12)).padStart(2, '0')}-10`,
      result: ['upheld', 'corrected', 'other', 'pending'][rnd(4)]!,
      decided_on: rnd(3) ? `${YEAR}-12-20` : null,
      case_number: null,
      note: null,
      created_at: now,
      updated_at: now,
    };
  });
  await db.transaction().execute((tx) => insertMany(tx, 'appeal', appeals));
  const records: RecordTable[] = Array.from({ length: Math.round(n / 20) }, (_, i) => {
    const a = agencyOf(rnd(1 << 30));
    const published = `${YEAR - rnd(3)}-${String(1 + rnd(12)).padStart(2, '0')}-15`;
    return {
      id: newId(),
      agency_id: a.id,
      state: 'published',
      index_number: `BENCH${i}`,
      title: '某规范性文件',
      document_number: null,
      written_date: published,
      date_formed_or_changed: published,
      published_at: `${published}T02:00:00.000Z`,
      scheduled_at: null,
      subject_category: null,
      genre: '行政规范性文件',
      validity: rnd(10) ? 'inForce' : 'repealed',
      validity_date: rnd(10) ? null : `${YEAR}-06-01`,
      keywords: null,
      summary: null,
      body_html: '<p>正文</p>',
      created_by: null,
      created_at: now,
      updated_at: now,
      interprets_record_id: null,
      catalog_item_ids: null,
      repeals_record_id: null,
      amends_record_id: null,
    };
  });
  await db.transaction().execute((tx) => insertMany(tx, 'record', records, 200));
  return { tree, appeals: appeals.length, records: records.length };
}

export async function report(engine: Engine): Promise<void> {
  const n = cases();
  const { url, cleanup } = freshDatabaseUrl(engine);
  const h = await openDatabase(url);
  try {
    await migrateToLatest(h.db, testInstallation.migrations);
    const t0 = performance.now();
    const p = await loadProvince(h.db, n);
    if (engine === 'postgres') await sql`vacuum analyze`.execute(h.db);
    const load = (performance.now() - t0) / 1000;
    console.log(
      `  [${engine}] ${p.tree.length} agencies, ${n.toLocaleString('en')} cases, ${p.appeals} appeals, ${p.records} records (loaded in ${load.toFixed(0)} s)`,
    );
    await measure(engine, h.db, p.tree);
  } finally {
    await h.close();
    await cleanup();
  }
}

/**
 * The roll-up and one county department's report, each against its floor: the hand-written GROUP BY
 * of the cases over the same rows. Floor and build run in turns, so that what else the machine
 * does at the time weighs on both alike; the figure is the median of the runs.
 */
export async function measure(engine: Engine, db: Db, tree: AgencyTable[], runs = 5): Promise<void> {
  const ctx = {
    actor: systemActor('bench'),
    clock: systemClock,
    db,
    ip: null,
    cipher: new FieldCipher('gongkai-bench-data-key-not-for-production'),
    modules: testInstallation,
  };
  const root = tree[0]!;
  const countyDept = tree.find((a) => a.level === 'county' && a.kind === 'governmentDepartment')!;
  const floorQuery = (path: string, self: string | null) =>
    sql`select r.applicant_type, r.outcome, count(*) as n from request r join agency a on a.id = r.agency_id
        where r.received_on <= ${`${YEAR}-12-31`} and (r.closed_on is null or r.closed_on >= ${`${YEAR}-01-01`})
          and ${self ? sql`r.agency_id = ${self}` : sql`a.path like ${`${path}%`}`}
        group by r.applicant_type, r.outcome`.execute(db);
  const inTurns = async (floor: () => Promise<unknown>, build: () => Promise<unknown>, k: number) => {
    await floor(); // warm both: the first run reads the pages from disk
    await build();
    const f: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < k; i++) {
      let t = performance.now();
      await floor();
      f.push(performance.now() - t);
      t = performance.now();
      await build();
      b.push(performance.now() - t);
    }
    return { floor: median(f), build: median(b) };
  };
  const one = await inTurns(
    () => floorQuery(countyDept.path, countyDept.id),
    () => buildReport(ctx, { agencyId: countyDept.id, year: YEAR, previous: null }),
    runs * 4,
  );
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const roll = await inTurns(
    () => floorQuery(root.path, null),
    () => buildReport(ctx, { agencyId: root.id, year: YEAR, scope: 'tree', previous: null }),
    runs,
  );
  clearInterval(sampler);
  const built = await buildReport(ctx, { agencyId: root.id, year: YEAR, scope: 'tree', previous: null });
  console.log(
    `report [${engine}] rollup=${roll.build.toFixed(0)} ms floor=${roll.floor.toFixed(0)} ms ratio=${(roll.build / roll.floor).toFixed(2)} rss=${(peak / 1048576).toFixed(0)} MB`,
  );
  console.log(
    `  [${engine}] one county department: build ${one.build.toFixed(1)} ms, floor ${one.floor.toFixed(1)} ms; roll-up received ${built.requests.received?.[6]}, findings ${built.findings.length}, ${((peak - before) / 1048576).toFixed(0)} MB above the RSS before the roll-up`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
