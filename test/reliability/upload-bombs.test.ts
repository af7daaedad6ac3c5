/**
 * The probe's worst finding, against the real server process: one small file from any staff
 * account brought the whole service down. Now, while a clerk uploads the DOCX bomb and the page
 * nested 100,000 deep to the report checker and as attachments of a draft, a public page keeps
 * answering within 200 ms, each upload is refused with the limit named, the server is up
 * afterwards, and a read-only supervisor posting the bomb to a record that does not exist gets
 * the 404 before the file is read.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { cliActor, createContainer } from '../../src/app/container.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { records } from '../../src/modules/records/index.js';
import { deepHtml, docxBomb } from '../harness/bombs.js';
import { describeEachEngine, freshDatabaseUrl } from '../harness/engines.js';
import { Browser, seedDemo, serverSecrets, startServer, type ServerProcess } from './server-process.js';

describeEachEngine('hostile uploads to the real server', (engine) => {
  const { url, cleanup } = freshDatabaseUrl(engine);
  let server: ServerProcess;
  let draftId = '';

  before(async () => {
    await seedDemo(url);
    const c = await createContainer({ env: { DATABASE_URL: url, LOG_LEVEL: 'silent', ...serverSecrets } });
    try {
      const ctx = c.ctx(cliActor());
      const cizao = await ctx.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', '磁灶镇')
        .executeTakeFirstOrThrow();
      const day = new Date().toISOString().slice(0, 10);
      draftId = (
        await records.createDraft(ctx, {
          agencyId: cizao.id,
          title: '磁灶镇2026年政务公开工作要点',
          documentNumber: null,
          writtenDate: day,
          dateFormedOrChanged: day,
          subjectCategory: '综合政务\\政务公开',
          genre: '通知',
          keywords: '政务公开',
          body: '<p>各村（社区）：</p>',
        })
      ).id;
    } finally {
      await c.close();
    }
    server = await startServer(url);
  });
  after(async () => {
    await server?.stop();
    await cleanup();
  });

  async function signedIn(username: string): Promise<{ browser: Browser; csrf: string }> {
    const browser = new Browser(server.base);
    const login = await browser.get('/admin/login');
    const res = await browser.post('/admin/login', {
      _csrf: Browser.csrfOf(login.body),
      username,
      password: DEMO_PASSWORD,
    });
    assert.equal(res.status, 303, `${username} signs in`);
    const page = await browser.get('/admin/reports');
    return { browser, csrf: Browser.csrfOf(page.body) };
  }

  async function upload(
    who: { browser: Browser; csrf: string },
    path: string,
    name: string,
    bytes: Buffer,
  ): Promise<{ status: number; body: string; ms: number }> {
    const form = new FormData();
    form.append('_csrf', who.csrf);
    form.append('file', new Blob([bytes]), name);
    const t0 = Date.now();
    const res = await fetch(server.base + path, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: {
        cookie: [...who.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': who.csrf,
      },
    });
    const body = await res.text();
    const location = res.headers.get('location');
    // The checker keeps every result and shows it on its own page.
    const shown = location ? await who.browser.get(location) : null;
    return { status: res.status, body: shown?.body ?? body, ms: Date.now() - t0 };
  }

  it('keeps a public page under 200 ms while a clerk uploads the bombs, and refuses each by its limit', async (t) => {
    const clerk = await signedIn('clerk');
    const bomb = await docxBomb(200);
    const deep = deepHtml(100_000);
    // The reader threads start with the first file; a public page is timed from here on.
    let slowest = 0;
    let pages = 0;
    let uploading = true;
    const watch = (async () => {
      while (uploading) {
        const t0 = Date.now();
        const res = await fetch(`${server.base}/`);
        await res.text();
        assert.equal(res.status, 200);
        slowest = Math.max(slowest, Date.now() - t0);
        pages++;
        await new Promise((ok) => setTimeout(ok, 20));
      }
    })();
    let results: Awaited<ReturnType<typeof upload>>[];
    try {
      results = await Promise.all([
        upload(clerk, '/admin/reports', '年度报告.docx', bomb),
        upload(clerk, '/admin/reports', '年度报告.html', deep),
        upload(clerk, `/admin/records/${draftId}/attachments`, '附件.docx', bomb),
        upload(clerk, '/admin/reports', '年度报告2.docx', bomb),
        upload(clerk, '/admin/reports', '年度报告2.html', deep),
      ]);
    } finally {
      uploading = false;
      await watch;
    }
    t.diagnostic(
      `${pages} public pages during the uploads, slowest ${slowest} ms; uploads took ${results.map((r) => r.ms).join(', ')} ms`,
    );
    assert.match(results[0]!.body, /文件解压后超过 100 MB/);
    assert.match(results[1]!.body, /网页嵌套过深/);
    assert.match(results[2]!.body, /文件解压后超过 100 MB/);
    assert.ok(pages >= 3, `a public page was asked for during the uploads (${pages})`);
    assert.ok(slowest < 200, `a public page took ${slowest} ms while the bombs were read`);
    // Still up, and nothing internal reached the clerk.
    const home = await fetch(`${server.base}/`);
    assert.equal(home.status, 200);
    for (const r of results) assert.doesNotMatch(r.body, /Error|stack|Maximum call/);
  });

  it('answers a supervisor’s bomb for a record that does not exist with 404, without reading it', async () => {
    const supervisor = await signedIn('supervisor');
    const r = await upload(
      supervisor,
      '/admin/records/00000000-0000-7000-8000-000000000000/attachments',
      '附件.docx',
      await docxBomb(200),
    );
    assert.equal(r.status, 404);
    assert.ok(r.ms < 2000, `the 404 came after ${r.ms} ms`);
  });
});
