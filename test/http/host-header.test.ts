import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { Client } from '../harness/http.js';

/**
 * Every absolute address the platform writes comes from PUBLIC_URL (or http://localhost:PORT where
 * none is set), never from what a request claims: a client that sends `Host: evil.example` (and
 * the proxy headers, through a trusted proxy) finds evil.example in no page, feed, sitemap,
 * letter, download, API answer or redirect. (The probe found the Atom feeds following Host.)
 */

const evil = /evil\.example/i;
const forged = {
  host: 'evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '8443',
  forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
};

/** A path's shape: ids and numbers replaced, the query dropped (to visit a few of each kind). */
function shape(url: string): string {
  return url
    .split('?')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, ':id')
    .replace(/\d+/g, ':n');
}

function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\b(?:href|src|action)="(\/[^"#]*)"/g)) {
    const url = m[1]!.replace(/&amp;/g, '&');
    if (!url.startsWith('//')) out.push(url);
  }
  return out;
}

interface Seen {
  pages: number;
  downloads: number;
  shapes: Set<string>;
}

/** Everything a response says: headers and body, a Word or Excel file's parts unzipped. */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const headers = JSON.stringify(res.headers);
  const type = String(res.headers['content-type'] ?? '');
  if (/openxmlformats|zip/.test(type)) {
    const zip = await JSZip.loadAsync(res.rawPayload);
    const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
    return `${headers}\n${parts.join('\n')}`;
  }
  return `${headers}\n${res.body}`;
}

/** Visits the site from `start`, up to two pages of each shape, and asserts no page names evil. */
async function crawl(client: Client, start: string[], seen: Seen, skip: RegExp, limit = 250): Promise<void> {
  const queue = [...start];
  const visited = new Set<string>();
  const perShape = new Map<string, number>();
  while (queue.length && visited.size < limit) {
    const url = queue.shift()!;
    if (visited.has(url) || skip.test(url)) continue;
    const s = shape(url);
    if ((perShape.get(s) ?? 0) >= 2) continue;
    perShape.set(s, (perShape.get(s) ?? 0) + 1);
    visited.add(url);
    const res = await client.get(url);
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    const text = await textOf(res);
    assert.doesNotMatch(text, evil, `${url} names the forged host`);
    seen.shapes.add(s);
    if (/\.(docx|xlsx)$/.test(url.split('?')[0]!)) seen.downloads++;
    else seen.pages++;
    if (/text\/html|xml/.test(String(res.headers['content-type'] ?? ''))) queue.push(...linksOf(res.body));
    const location = res.headers.location;
    if (typeof location === 'string' && location.startsWith('/')) queue.push(location);
  }
}

/** A redirect goes to a path of this site, whatever Host the request claimed. */
function assertLocal(res: LightMyRequestResponse, what: string): void {
  const location = String(res.headers.location ?? '');
  assert.ok([301, 302, 303].includes(res.statusCode), `${what}: ${res.statusCode}`);
  assert.match(location, /^\/(?!\/)/, `${what} redirects to a path: ${location}`);
  assert.doesNotMatch(location, evil);
}

describe('a forged Host header', () => {
  let t: TestApp;
  before(async () => {
    // A proxy in front is trusted, so its X-Forwarded-Host would be believed if anything asked.
    t = await startTestApp('sqlite', { content: true, operations2020: true, env: { TRUST_PROXY: '1' } });
  });
  after(async () => t.close());

  it('is named in no page, feed, sitemap, download or API answer of the portal', async () => {
    const seen: Seen = { pages: 0, downloads: 0, shapes: new Set() };
    const citizen = new Client(t.app, forged);
    await crawl(
      citizen,
      ['/', '/sitemap', '/search?q=道路', '/apply', '/cases', '/api/v1/openapi.json', '/nowhere'],
      seen,
      /^\/static\/|\.pdf(\?|$)/,
    );
    assert.ok(seen.pages >= 40, `visited ${seen.pages} pages`);
    for (const kind of ['/feeds/agencies/:id.atom', '/sitemap', '/records/:id'])
      assert.ok(seen.shapes.has(kind), `${kind} was visited`);
  });

  it('is named in no redirect after an application, a lookup, a login or a logout', async () => {
    const citizen = new Client(t.app, forged);
    const form = await citizen.get('/apply');
    const agencyId = /<option value="([0-9a-f-]{36})"/.exec(form.body)?.[1];
    assert.ok(agencyId, 'an agency to apply to');
    const applied = await citizen.post('/apply', {
      _csrf: Client.csrfOf(form.body),
      agencyId,
      applicantType: 'naturalPerson',
      applicantName: '王五',
      idType: 'residentIdCard',
      idNumber: '11010519491231002X',
      phone: '13800595678',
      description: '2025 年道路硬化工程的验收文件',
      deliveryFormat: 'electronic',
      deliveryMethod: 'online',
    });
    assertLocal(applied, 'the application');
    const receipt = await citizen.get(String(applied.headers.location));
    assert.doesNotMatch(await textOf(receipt), evil);
    const number = /id="acceptance-number">([^<]+)</.exec(receipt.body)?.[1];
    const code = /id="lookup-code">([^<]+)</.exec(receipt.body)?.[1];
    const lookup = await citizen.post('/cases', {
      _csrf: Client.csrfOf((await citizen.get('/cases')).body),
      number: number!,
      lookupCode: code!,
    });
    assert.ok(lookup.statusCode < 400, `lookup: ${lookup.statusCode}`);
    assert.doesNotMatch(await textOf(lookup), evil);

    const staff = new Client(t.app, forged);
    const protectedPage = await staff.get('/admin/requests');
    assertLocal(protectedPage, 'a page that needs a login');
    const login = await staff.login('head', DEMO_PASSWORD);
    assertLocal(login, 'the login');
    const next = await staff.get('/admin/login?next=%2Fadmin%2Frequests');
    assertLocal(next, 'a signed-in visit to the login page');
    const logoutForm = await staff.get('/admin');
    const logout = await staff.post('/admin/logout', { _csrf: Client.csrfOf(logoutForm.body) });
    assertLocal(logout, 'the logout');
  });

  it('is named in no page, letter or export of the back office', async () => {
    const seen: Seen = { pages: 0, downloads: 0, shapes: new Set() };
    const head = new Client(t.app, forged);
    assertLocal(await head.login('head', DEMO_PASSWORD), 'the login');
    await crawl(
      head,
      ['/admin', '/admin/requests', '/admin/records', '/admin/reports', '/admin/annual-reports'],
      seen,
      /^\/static\/|\.pdf(\?|$)|\/logout$/,
    );
    assert.ok(seen.pages >= 30, `visited ${seen.pages} pages`);
    assert.ok(
      [...seen.shapes].some((s) => /\/letters\/.+\.docx$/.test(s)),
      `a letter was opened: ${[...seen.shapes].join(' ')}`,
    );
  });
});
