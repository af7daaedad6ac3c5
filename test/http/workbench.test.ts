import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

/** The 工作台 of each demo role: its panels, and a menu of only the pages the role may open. */
describeEachEngine('the 工作台 and the back-office menu by role', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(engine);
  });
  after(async () => t.close());

  const signIn = async (username: string) => {
    const c = new Client(t.app);
    await c.login(username, DEMO_PASSWORD);
    const page = await c.get('/admin');
    assert.equal(page.statusCode, 200, username);
    return { c, $: cheerio.load(page.body) };
  };
  const menu = ($: cheerio.CheerioAPI) =>
    $('nav.gk-nav a')
      .map((_, a) => [[$(a).text(), $(a).attr('href')!]])
      .get() as Array<[string, string]>;

  for (const username of ['admin', 'head', 'clerk', 'gaclerk', 'reviewer', 'supervisor']) {
    it(`shows ${username} only menu items whose page opens for them`, async () => {
      const { c, $ } = await signIn(username);
      const items = menu($);
      assert.ok(items.length >= 5, `${username}: ${JSON.stringify(items)}`);
      for (const [label, href] of items)
        assert.equal((await c.get(href)).statusCode, 200, `${username}: ${label} ${href}`);
    });
  }

  it('hides from the supervisor what only administrators use', async () => {
    const labels = menu((await signIn('supervisor')).$).map(([l]) => l);
    for (const hidden of ['在线会话', '后台任务']) assert.ok(!labels.includes(hidden), hidden);
    for (const shown of ['依申请公开', '年度报告', '审计日志']) assert.ok(labels.includes(shown), shown);
    const clerk = menu((await signIn('clerk')).$).map(([l]) => l);
    for (const hidden of ['账号', '在线会话', '审计日志', '后台任务'])
      assert.ok(!clerk.includes(hidden), hidden);
  });

  it('gives the clerk the 依申请公开 counts of their agency, each the length of the list it opens', async () => {
    const { c, $ } = await signIn('clerk');
    const panel = $('#panel-requests');
    assert.equal(panel.length, 1);
    const lines = panel
      .find('li')
      .map((_, li) => [
        [
          $(li).find('.gk-workbench-item__label').text(),
          $(li).find('strong').text(),
          $(li).find('a').attr('href'),
        ],
      ])
      .get() as Array<[string, string, string]>;
    assert.deepEqual(
      lines.map(([l]) => l),
      ['新收未指定承办人', '我承办的', '5 个工作日内到期', '已超期', '等待申请人补正', '征求意见中'],
    );
    for (const [label, count, href] of lines) {
      const list = await c.get(href);
      assert.equal(list.statusCode, 200, href);
      const total = /共 (\d+) 件/.exec(list.body)?.[1] ?? (/没有符合条件/.test(list.body) ? '0' : 'none');
      assert.equal(total, count, `${label}: ${href}`);
    }
    assert.equal($('#panel-annual-report').length, 0, 'a clerk does not sign reports off');
    assert.doesNotMatch($('main').text(), /[a-z]+\.[a-z]+|awaitingSupplement|inConsultation/);
  });

  it('gives the office head the annual report of every agency in scope with its deadline, and approvals waiting', async () => {
    const { $ } = await signIn('head');
    const panel = $('#panel-annual-report');
    assert.equal(panel.length, 1);
    const text = panel.text();
    assert.match(text, /\d{4}年政府信息公开工作年度报告/);
    assert.match(text, /晋江市人民政府/);
    assert.match(text, /磁灶镇人民政府/);
    assert.match(text, /(未开始|编写中|检查有错误|已发布) · 应于 \d{4}-\d{2}-\d{2} 前公布（条例第五十条）/);
    assert.match($('#panel-requests').text(), /延期申请待审批/);
    assert.match($('#panel-records').text(), /审核通过，待批准发布/);
  });

  it('gives the reviewer the records waiting for 保密审查, and no cases to handle', async () => {
    const { $ } = await signIn('reviewer');
    assert.match($('#panel-records').text(), /待保密审查/);
    assert.equal($('#panel-requests').length, 0);
  });
});
