import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { createContainer } from '../../src/app/container.js';
import { ConfigError } from '../../src/platform/config/config.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

const footer = {
  GONGKAI_SITE_CODE: '3505820001',
  GONGKAI_SITE_ICP: '闽ICP备05028014号',
  GONGKAI_SITE_POLICE_RECORD: '闽公网安备 35058202000101号',
  GONGKAI_SITE_CONAC_URL: 'https://bszs.conac.cn/sitename?method=show&id=TEST',
  GONGKAI_SITE_ORGANIZER: '晋江市人民政府办公室（政务公开中心）',
  GONGKAI_PERSONAL_DATA_YEARS: '15',
  GONGKAI_PORTAL_RULE_LINKS: [
    '国家|中华人民共和国政府信息公开条例|http://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm',
    '省级|福建省政府信息公开办法|',
    '市级|泉州市政务新媒体管理办法|https://www.quanzhou.example.gov.cn/rules/1',
  ].join('\n'),
  PUBLIC_URL: 'https://www.jinjiang.example.gov.cn',
};

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describeEachEngine('the portal a citizen expects', (engine) => {
  let t: TestApp;
  let rootId: string;
  before(async () => {
    t = await startTestApp(engine, { content: true, env: footer });
    rootId = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  it('opens on the newest information, 政策文件, 政策解读, 依申请公开, 年报 and the 专栏', async () => {
    const home = await new Client(t.app).get('/');
    assert.equal(home.statusCode, 200);
    for (const id of ['latest', 'policies', 'interpretations', 'apply', 'reports', 'standardization'])
      assert.match(home.body, new RegExp(`id="${id}"`), id);
    const section = (id: string) => home.body.slice(home.body.indexOf(`id="${id}"`)).split('</section>')[0]!;
    for (const id of ['latest', 'policies', 'interpretations'])
      assert.ok((section(id).match(/href="\/records\//g) ?? []).length >= 3, `${id} lists records`);
    assert.match(section('interpretations'), /政策解读|图解/);
    assert.match(section('policies'), /〔20\d\d〕\d+号/, '政策文件 show their 文号');
    assert.match(section('apply'), /href="\/apply"/);
    assert.match(section('apply'), /href="\/cases"/);
    assert.match(section('reports'), new RegExp(`href="/xxgk/${rootId}/reports"`));
    for (const key of ['rules', 'standards', 'norms', 'convenience', 'digital'])
      assert.match(home.body, new RegExp(`href="/standardization/${key}"`));
    const more = await new Client(t.app).get('/policies');
    assert.equal(more.statusCode, 200);
    assert.match(more.body, /共 \d+ 条|gk-pagination/);
  });

  it('fills the five columns of the 标准化规范化专栏', async () => {
    const c = new Client(t.app);
    const index = await c.get('/standardization');
    assert.equal(index.statusCode, 200);
    for (const label of ['制度化', '标准化', '规范化', '便民化', '信息化'])
      assert.match(index.body, new RegExp(label));

    const rules = text((await c.get('/standardization/rules')).body);
    for (const level of ['国家', '省级', '市级', '本级（晋江市人民政府）'])
      assert.match(rules, new RegExp(level));
    assert.match(rules, /福建省政府信息公开办法/, 'a configured link without an address is listed');
    assert.match(rules, /晋江市政府门户网站及政务新媒体运营管理规定/, 'the own level’s new-media rules');
    assert.match(rules, /晋江市政府信息公开申请办理工作规程/, 'and its disclosure rules');

    const standards = await c.get('/standardization/standards');
    const s = text(standards.body);
    assert.match(s, /试点领域标准指引（26 个领域）/);
    assert.match(s, /26 个试点领域 \+ 1 个本级创新领域/);
    assert.match(standards.body, new RegExp(`href="/catalogs/${rootId}#catalog-`));
    assert.match(s, /磁灶镇人民政府/);
    assert.match(s, /新塘街道办事处/);

    const norms = await c.get('/standardization/norms');
    assert.match(norms.body, /id="items"/);
    assert.ok((norms.body.match(/href="\/records\//g) ?? []).length >= 3, 'records under the items');
    const assistance = await c.get('/standardization/norms?domain=socialAssistance');
    assert.match(text(assistance.body), /社会救助/);
    assert.match(assistance.body, /href="\/records\//);
    assert.equal((await c.get('/standardization/norms?domain=noSuchDomain')).statusCode, 404);

    for (const [key, coming] of [
      ['convenience', '市长信箱'],
      ['digital', '信息公开查阅点地图'],
    ] as const) {
      const page = await c.get(`/standardization/${key}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /已开通/);
      assert.match(page.body, /id="coming"/);
      assert.match(page.body, new RegExp(coming), `${key} says what is coming`);
    }
  });

  it('shows a government site’s footer from the settings, with a 网站地图 and a 隐私声明', async () => {
    const c = new Client(t.app);
    const page = await c.get('/');
    const foot = page.body.slice(page.body.indexOf('<footer'));
    assert.match(foot, /网站标识码：3505820001/);
    assert.match(foot, /href="https:\/\/beian\.miit\.gov\.cn\/"[^>]*>闽ICP备05028014号/);
    assert.match(foot, /code=35058202000101"[^>]*>闽公网安备 35058202000101号/);
    assert.match(
      foot,
      /href="https:\/\/bszs\.conac\.cn\/sitename\?method=show&amp;id=TEST"[^>]*title="党政机关网站标识"/,
    );
    assert.match(foot, /承办单位：晋江市人民政府办公室（政务公开中心）/);
    assert.match(foot, /href="\/sitemap">网站地图/);
    assert.match(foot, /href="\/privacy">隐私声明/);

    const map = await c.get('/sitemap');
    assert.equal(map.statusCode, 200);
    for (const href of [
      '/standardization/rules',
      '/standardization/digital',
      '/apply',
      '/cases',
      '/privacy',
      `/xxgk/${rootId}/guide`,
    ])
      assert.match(map.body, new RegExp(`href="${href.replace(/[?]/g, '\\?')}"`), href);
    assert.match(map.body, /磁灶镇人民政府/, 'every agency’s column');

    const privacy = text((await c.get('/privacy')).body);
    assert.match(privacy, /保存 15 年/);
    assert.match(privacy, /个人信息保护法/);
    assert.match(privacy, /查阅、复制、更正、补充/);
    assert.match(privacy, /0595-85662126/, 'how to reach the site’s owner');
  });

  it('puts a personal-information notice on every form that collects personal data', async () => {
    const apply = await new Client(t.app).get('/apply');
    const notice = text(apply.body.slice(apply.body.indexOf('id="privacy-notice"')));
    for (const part of [
      '个人信息处理告知',
      '收集哪些信息',
      '身份证明',
      '用于什么目的',
      '第二十九条',
      '保存 15 年',
      '您的权利',
      '第四十四条至第四十七条',
    ])
      assert.match(notice, new RegExp(part), part);
    assert.ok(
      apply.body.indexOf('id="privacy-notice"') < apply.body.indexOf('提交申请'),
      'read before submitting',
    );
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const form = await clerk.get('/admin/requests/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /个人信息处理告知（登记时请告知申请人）/);
  });

  it('builds feed links from PUBLIC_URL, whatever Host the request claims', async () => {
    const forged = await t.app.inject({
      method: 'GET',
      url: `/feeds/agencies/${rootId}.atom`,
      headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' },
    });
    assert.equal(forged.statusCode, 200);
    assert.doesNotMatch(forged.body, /attacker/);
    assert.match(forged.body, /<id>https:\/\/www\.jinjiang\.example\.gov\.cn\/feeds\/agencies\//);
    assert.match(forged.body, /href="https:\/\/www\.jinjiang\.example\.gov\.cn\/records\//);
    const domain = await t.app.inject({
      method: 'GET',
      url: '/feeds/domains/socialAssistance.atom',
      headers: { host: 'attacker.example' },
    });
    assert.doesNotMatch(domain.body, /attacker/);
    assert.match(domain.body, /<entry>/);
  });
});

describe('portal settings', () => {
  it('falls back to http://localhost:PORT for feed links, never the Host header', async () => {
    const t = await startTestApp('sqlite', { env: { PORT: '3999' } });
    try {
      const root = await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow();
      const feed = await t.app.inject({
        method: 'GET',
        url: `/feeds/agencies/${root.id}.atom`,
        headers: { host: 'attacker.example' },
      });
      assert.doesNotMatch(feed.body, /attacker/);
      assert.match(feed.body, /<id>http:\/\/localhost:3999\/feeds\/agencies\//);
      // Unconfigured footer items are left out; the 网站地图 and 隐私声明 are always there.
      const home = await t.app.inject({ method: 'GET', url: '/' });
      const foot = home.body.slice(home.body.indexOf('<footer'));
      assert.doesNotMatch(foot, /网站标识码|ICP备|公网安备|党政机关网站标识/);
      assert.match(foot, /网站地图/);
      assert.match(foot, /隐私声明/);
    } finally {
      await t.close();
    }
  });

  it('refuses a bad footer or link setting at start, naming the variable', async () => {
    await assert.rejects(
      createContainer({
        env: {
          GONGKAI_SITE_CODE: '12',
          GONGKAI_SITE_POLICE_RECORD: '备案中',
          GONGKAI_PORTAL_RULE_LINKS: '州级|某办法|',
        },
      }),
      (e: unknown) =>
        e instanceof ConfigError &&
        /GONGKAI_SITE_CODE="12"：应为 10 位数字的网站标识码/.test(e.message) &&
        /GONGKAI_SITE_POLICE_RECORD/.test(e.message) &&
        /GONGKAI_PORTAL_RULE_LINKS[^\n]*级别应为 国家、省级、市级、本级 之一/.test(e.message),
    );
  });
});
