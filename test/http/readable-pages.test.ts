import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

/**
 * People read Chinese: no internal code on any page of the demo a person can reach. The crawl
 * follows every link from the portal's front page (as a citizen) and from the 工作台 (as each demo
 * role), reads what a person reads — the text, and the placeholder, title, alt and aria-label of
 * elements — and looks for what only code should say: dotted or hyphenated identifiers
 * (`requests.received`, `row-sum`), camelCase words (`supplementRequested`), and the bare names of
 * the installation's audit actions and event kinds. Addresses, file names and e-mail addresses
 * are allowed.
 */

/** Paths the crawl does not fetch: downloads, feeds, and what ends a session. */
const skipPath =
  /^\/(static|api)\/|\.(docx|xlsx|pdf|csv|json|xml|atom|md|txt|zip|png|jpg|svg)(\?|$)|\/logout|\/forget/;

/** One route shape (ids replaced) is fetched at most this many times. */
const PER_SHAPE = 3;
const MAX_PAGES = 400;

const shape = (path: string) =>
  path
    .replace(/\?.*$/, (q) => `?${[...new URLSearchParams(q.slice(1)).keys()].sort().join('&')}`)
    .replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '/:id')
    .replace(/\/\d+(?=\/|$|\?)/g, '/:n');

/** Words allowed although they look like code: addresses, files, formats, product names. */
const allowed = [
  /^[\w-]+(\.[\w-]+)*\.(gov\.cn|com|cn|org|net|edu\.cn)$/i, // host names
  /\.(docx?|xlsx?|pdf|csv|json|xml|html?|md|txt|zip|ofd|wps|et|jpg|png)$/i, // file names
  /^(utf-8|gb-?18030|gb-?2312|x-forwarded-for|e-mail|wi-fi)$/i,
  /^(iPhone|iPad|macOS|iOS|WeChat|JavaScript|PostgreSQL|SQLite|OpenAPI)$/,
];

function readableText(html: string): string {
  const $ = cheerio.load(html);
  // <code> and <kbd> show a machine's words on purpose (a CSV column key, a command).
  $('script, style, template, code, kbd').remove();
  const parts = [$('title').text(), $('body').text()];
  $('[placeholder],[title],[alt],[aria-label]').each((_, el) => {
    for (const a of ['placeholder', 'title', 'alt', 'aria-label']) {
      const v = $(el).attr(a);
      if (v) parts.push(v);
    }
  });
  $('input[type=submit][value],input[type=button][value]').each((_, el) => {
    parts.push($(el).attr('value') ?? '');
  });
  // E-mail addresses and web addresses are read by people as they are.
  return parts
    .join('\n')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
}

function codesIn(text: string, bareCodes: Set<string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z][\w]*(?:[.-][A-Za-z][\w]*)+/g)) {
    const w = m[0];
    if (/^[a-z]/.test(w) && !allowed.some((a) => a.test(w))) found.add(w);
  }
  for (const m of text.matchAll(/\b[a-z]+[A-Z][A-Za-z]*\b/g)) {
    if (!allowed.some((a) => a.test(m[0]))) found.add(m[0]);
  }
  for (const m of text.matchAll(/\b[a-z]{3,}\b/g)) if (bareCodes.has(m[0])) found.add(m[0]);
  return [...found];
}

async function crawl(
  client: Client,
  start: string[],
  bareCodes: Set<string>,
): Promise<{ pages: number; problems: string[] }> {
  const queue = [...start];
  const seen = new Set<string>(queue);
  const perShape = new Map<string, number>();
  const problems: string[] = [];
  let pages = 0;
  while (queue.length && pages < MAX_PAGES) {
    const path = queue.shift()!;
    const res = await client.get(path);
    pages++;
    if (res.statusCode >= 500) problems.push(`${path}: HTTP ${res.statusCode}`);
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
    const codes = codesIn(readableText(res.body), bareCodes);
    if (codes.length) problems.push(`${path}: ${codes.join(', ')}`);
    const $ = cheerio.load(res.body);
    $('a[href]').each((_, el) => {
      const href = ($(el).attr('href') ?? '').replace(/#.*$/, '');
      if (!href.startsWith('/') || href.startsWith('//') || skipPath.test(href) || seen.has(href)) return;
      const s = shape(href);
      const n = perShape.get(s) ?? 0;
      if (n >= PER_SHAPE) return;
      perShape.set(s, n + 1);
      seen.add(href);
      queue.push(href);
    });
  }
  return { pages, problems };
}

describeEachEngine('pages people read carry no internal codes', (engine) => {
  let t: TestApp;
  let bareCodes: Set<string>;
  before(async () => {
    t = await startTestApp(engine, { operations2020: true, content: true });
    const ctx = t.container.ctx({ kind: 'system', id: null, grants: [] } as never);
    // Single-word audit actions and event kinds (`received`, `published` …) are code when shown.
    bareCodes = new Set(
      ctx.modules
        .auditActions()
        .flatMap((a) => a.action.split('.'))
        .filter((w) => /^[a-z]{3,}$/.test(w) && !['and', 'for', 'the'].includes(w)),
    );
  });
  after(async () => t.close());

  it('as a citizen, from the front page', async () => {
    const r = await crawl(new Client(t.app), ['/', '/apply', '/cases', '/search?q=教育'], bareCodes);
    assert.ok(r.pages >= 30, `only ${r.pages} pages reached`);
    assert.deepEqual(r.problems, []);
  });

  for (const user of ['admin', 'head', 'clerk', 'reviewer', 'supervisor']) {
    it(`as ${user}, from the 工作台`, async () => {
      const client = new Client(t.app);
      await client.login(user, DEMO_PASSWORD);
      const r = await crawl(client, ['/admin'], bareCodes);
      assert.ok(r.pages >= 5, `only ${r.pages} pages reached`);
      assert.deepEqual(r.problems, []);
    });
  }
});
