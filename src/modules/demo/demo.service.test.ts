import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { agencies, type Agency } from '../agencies/index.js';
import { annualReports } from '../annual-report/index.js';
import { catalogs, domainTemplates } from '../catalog/index.js';
import { records } from '../records/index.js';
import { portalPages as portal } from '../portal/index.js';
import { docs2019and2020 } from './demo-2020.js';
import * as demo from './demo.service.js';

describeEachEngine('the 晋江 demo looks like a real site', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  const clock = new FixedClock('2026-12-06T02:00:00Z');
  const ctx = () => testCtx(h, systemActor('演示数据'), clock);
  let root: Agency;
  let cizao: Agency;

  before(async () => {
    h = await openTestDatabase(engine);
    const r = await demo.load(ctx());
    assert.ok(r.loaded);
    root = (await agencies.root(ctx()))!;
    cizao = (await agencies.listPublic(ctx())).find((a) => a.shortName === '磁灶镇')!;
  });
  after(async () => h.cleanup());

  it('adopts the catalogs of all 26 pilot domains and one of its own; 磁灶镇 and 新塘街道 derive theirs', async () => {
    const { catalogs: own } = await catalogs.publicCatalogs(ctx(), root.id);
    const pilot = own.filter((c) => c.catalog.kind === 'domain').map((c) => c.catalog.domainCode);
    assert.deepEqual([...pilot].sort(), domainTemplates.map((d) => d.code).sort());
    const local = own.filter((c) => c.catalog.kind === 'local');
    assert.equal(local.length, 1);
    assert.ok(local[0]!.items.length >= 2, 'the local domain has items');
    const index = await catalogs.publicIndex(ctx());
    const town = index.find((e) => e.agencyId === cizao.id)!;
    assert.ok(town.domains.length >= 15, `磁灶镇 derived ${town.domains.length} domains`);
    assert.ok(index.some((e) => e.agencyName === '新塘街道办事处' && e.domains.length >= 15));
  });

  it('has varied records: distinct titles, bodies, 文号 and 主题分类, filed under every domain', async () => {
    const all = await records.publishedSummaries(ctx(), { agencyPath: root.path });
    assert.ok(all.length >= 300, `${all.length} records`);
    const titles = new Set(all.map((r) => r.title));
    assert.ok(titles.size / all.length >= 0.9, `${titles.size} distinct titles of ${all.length}`);
    const numbers = all.map((r) => r.documentNumber).filter((n): n is string => !!n);
    assert.equal(new Set(numbers).size, numbers.length, 'no 文号 twice');
    const subjects = await records.subjectCounts(ctx(), root.path);
    assert.ok(subjects.length >= 15, `${subjects.length} 主题分类 in use`);
    // Bodies: every record of the domains reads differently.
    const bodies = new Set<string>();
    for (const r of all.slice(0, 120)) bodies.add((await records.publicView(ctx(), r.id))!.body_html);
    assert.ok(bodies.size >= 110, `${bodies.size} distinct bodies of 120`);
    // The documents behind table 二 are each on their own matter.
    const archive = docs2019and2020().map((l) => JSON.parse(l) as { title: string });
    assert.equal(archive.length, 213);
    assert.equal(new Set(archive.map((d) => d.title)).size, 213);
    const byItem = await catalogs.publishedByItem(ctx(), root.id);
    for (const c of byItem) assert.ok(c.total > 0, `${c.catalog.domainName} has records under its items`);
  });

  it('gives 磁灶镇 its contact details and records', async () => {
    assert.ok(cizao.phone && cizao.address && cizao.email && cizao.officeHours);
    const own = await records.publicList(ctx(), { agencyPath: cizao.path, pageSize: 100 });
    assert.ok(own.total >= 8, `${own.total} records of 磁灶镇`);
    const filed = await catalogs.publishedByItem(ctx(), cizao.id);
    assert.ok(filed.reduce((s, c) => s + c.total, 0) >= 5, 'filed under the town’s own items');
  });

  it('publishes the city’s 2020 report, and fills every list of the portal', async () => {
    const published = await annualReports.publishedOf(ctx(), root.id);
    assert.deepEqual(
      published.map((r) => r.year),
      [2020],
    );
    const home = await portal.homePage(ctx());
    assert.ok(home.latest.length >= 8 && home.policies.length >= 5 && home.interpretations.length >= 3);
    assert.equal(home.reports[0]?.year, 2020);
    const rules = await portal.rulesColumn(ctx(), []);
    assert.ok(rules.groups.find((g) => g.level === '本级')!.records.length >= 5);
    const standards = await portal.standardsColumn(ctx(), []);
    assert.equal(standards.ownCatalogs.length, 27);
    assert.ok(standards.townships.length >= 2);
    // Every agency's 政府信息公开 column lists records of its own.
    for (const a of await agencies.listPublic(ctx())) {
      const own = await records.publicList(ctx(), { agencyPath: a.path, pageSize: 1 });
      assert.ok(own.total > 0, `${a.name} has records`);
    }
    for (const column of ['convenience', 'digital'] as const) {
      const p = portal.serviceColumn(ctx(), column);
      assert.ok(p.entries.length > 0 && p.coming.length > 0, `${column} says what is coming`);
    }
  });

  it('loads once', async () => {
    assert.equal((await demo.load(ctx())).loaded, false);
  });
});
