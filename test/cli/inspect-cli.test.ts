import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { DemoSiteSpec } from '../../src/modules/demo/index.js';
import { gongkai } from '../harness/cli.js';
import { serveGovSite, type GovSite } from '../harness/gov-site.js';

// `gongkai inspect <url> --json` (issue 17 §5): one inspection now of a real local site, without
// a database, printing the JSON with dates by the machine's clock in Beijing time.

const site: DemoSiteSpec = {
  name: '某局',
  agency: '某局',
  siteCode: '3505820099',
  phone: '0595-85000000',
  homeAges: [30],
  footer: 'partial',
  extraHome: '<p><a href="/nowhere.html">已删除的通知</a></p>',
  columns: [
    { slug: 'dt', title: '工作动态', ages: [13] },
    { slug: 'gg', title: '通知公告', ages: [15] },
    { slug: 'zt', title: '专题专栏', ages: [] },
  ],
};

let served: GovSite;
before(async () => {
  served = await serveGovSite(site, { now: () => new Date() });
});
after(async () => served.close());

const env = { INSPECTION_BROWSER: 'none', INSPECTION_DELAY_MS: '0' };

it('prints the JSON of one inspection: columns, broken links, vetoes and the score', async () => {
  const r = await gongkai(env, 'inspect', served.url, '--pages', '20', '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as {
    reachable: boolean;
    homeUpdated: string | null;
    homeStale: boolean;
    columns: Array<{
      title: string;
      url: string;
      class: string;
      items: number;
      latest: string | null;
      stale: boolean;
      empty: boolean;
    }>;
    brokenLinks: Array<{ url: string; status: number | null; foundOn: string }>;
    vetoes: Array<{ code: string; message: string }>;
    score: number;
  };
  assert.deepEqual(Object.keys(j), [
    'reachable',
    'homeUpdated',
    'homeStale',
    'columns',
    'brokenLinks',
    'vetoes',
    'score',
  ]);
  assert.equal(j.reachable, true);
  const beijingDaysAgo = (n: number) =>
    new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
  // The home page's own item is 30 days old, but the column it links to was updated 13 days ago:
  // the newest dated item reachable from the home page is what counts.
  assert.equal(j.homeUpdated, beijingDaysAgo(13));
  assert.equal(j.homeStale, false);
  assert.deepEqual(
    j.columns.map((c) => [c.title, c.class, c.items, c.latest, c.stale, c.empty]),
    [
      ['工作动态', 'dynamic', 1, beijingDaysAgo(13), false, false],
      ['通知公告', 'noticePolicy', 1, beijingDaysAgo(15), false, false],
      ['专题专栏', 'other', 0, null, false, true],
    ],
  );
  assert.deepEqual(
    j.brokenLinks.map((b) => [new URL(b.url).pathname, b.status, b.foundOn]),
    [['/nowhere.html', 404, served.url]],
  );
  assert.deepEqual(j.vetoes, []);
  assert.ok(j.score > 60 && j.score < 100, String(j.score));
});

it('refuses a bad address or page count with exit code 2 and a Chinese message', async () => {
  const bad = await gongkai(env, 'inspect', 'www.example.gov.cn', '--json');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /网址“www\.example\.gov\.cn”不正确/);
  const pages = await gongkai(env, 'inspect', served.url, '--pages', '0');
  assert.equal(pages.code, 2);
  assert.match(pages.stderr, /--pages 应为/);
});
