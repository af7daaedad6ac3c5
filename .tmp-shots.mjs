import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3999';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const phone = await b.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
const p = await phone.newPage();
for (const [name, url] of [['push', '/push'], ['subscribe-ent', '/push/subscribe?kind=enterprise'], ['subscribe-cit', '/push/subscribe?kind=citizen'], ['policies', '/push/policies'], ['column', '/standardization/convenience']]) {
  await p.goto(base + url);
  await p.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}
// subscribe with errors
await p.goto(base + '/push/subscribe?kind=enterprise');
await p.fill('input[name=email]', 'x');
await p.click('button[type=submit]');
await p.screenshot({ path: `/tmp/shots/subscribe-errors.png`, fullPage: true });
await p.goto(base + '/push/subscribe?kind=enterprise');
await p.fill('input[name=email]', 'boss2@example.com');
await p.fill('input[name=name]', '晋江市测试建材有限公司');
await p.fill('input[name=creditCode]', '91350582MA2Y0U0L53');
await p.fill('input[name=industry]', 'C3311 金属结构制造');
await p.fill('input[name=staff]', '50');
await p.fill('input[name=revenue]', '3000');
await p.check('input[name=agree]');
await p.click('button[type=submit]');
await p.screenshot({ path: `/tmp/shots/after-submit.png`, fullPage: true });
console.log('after submit url', p.url());
const desk = await b.newContext({ viewport: { width: 1280, height: 900 } });
const a = await desk.newPage();
await a.goto(base + '/admin/login');
await a.fill('form.gk-form input[name=username]', 'admin');
await a.fill('form.gk-form input[name=password]', 'Gongkai@2020');
await a.click('form.gk-form button[type=submit]');
await a.goto(base + '/admin/push');
await a.screenshot({ path: `/tmp/shots/admin-push.png`, fullPage: true });
const ruleLink = await a.locator('a[href^="/admin/push/records/"]').first().getAttribute('href');
await a.goto(base + ruleLink);
await a.screenshot({ path: `/tmp/shots/admin-rule.png`, fullPage: true });
await a.goto(base + ruleLink.replace('/admin/push/records/', '/admin/records/'));
await a.screenshot({ path: `/tmp/shots/admin-record.png`, fullPage: true });
await a.goto(base + '/admin/push/outbox');
await a.screenshot({ path: `/tmp/shots/outbox.png`, fullPage: true });
const body = await a.locator('pre').first().textContent();
const code = /验证码是：(\d{6})/.exec(body ?? '')?.[1];
console.log('code', code);
if (code && p.url().includes('/push/verify/')) {
  await p.fill('input[name=code]', code);
  await p.click('button[type=submit]');
  await p.screenshot({ path: `/tmp/shots/me.png`, fullPage: true });
  for (const [i, y] of [[1, 0], [2, 1100], [3, 2200]]) await p.screenshot({ path: `/tmp/shots/me-${i}.png`, fullPage: true, clip: { x: 0, y, width: 360, height: 1100 } });
  await p.goto(base + '/push/subscribe?kind=citizen');
  for (const [i, y] of [[1, 0], [2, 1100]]) await p.screenshot({ path: `/tmp/shots/cit-${i}.png`, fullPage: true, clip: { x: 0, y, width: 360, height: 1100 } });
}
await b.close();
