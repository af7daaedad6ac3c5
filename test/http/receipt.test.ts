import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('the 受理回执 and the lookup pages', (engine) => {
  // Monday 21 December 2026, 10:00 in Beijing: the reply period runs into 2027, whose 放假安排
  // is not entered, so the due date is 暂定 (元旦 skipped by law).
  const clock = new FixedClock('2026-12-21T02:00:00Z');
  let t: TestApp;
  let cizao: string;
  before(async () => {
    t = await startTestApp(engine, { clock });
    cizao = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', '磁灶镇')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  const apply = async (citizen: Client) => {
    const form = await citizen.get('/apply');
    const ok = await citizen.post('/apply', {
      _csrf: Client.csrfOf(form.body),
      agencyId: cizao,
      applicantType: 'naturalPerson',
      applicantName: '王五',
      idType: 'residentIdCard',
      idNumber: '11010519491231002X',
      phone: '13800595678',
      description: '磁灶镇 2025 年道路硬化工程的验收文件',
      deliveryFormat: 'electronic',
      deliveryMethod: 'online',
    });
    assert.equal(ok.statusCode, 303);
    return citizen.get('/apply/done');
  };

  it('/apply/done shows the due date marked 暂定, the 受理编号 and the 查询码, and that they suffice', async () => {
    const citizen = new Client(t.app);
    const receipt = await apply(citizen);
    assert.equal(receipt.statusCode, 200);
    const number = /id="acceptance-number">([^<]+)</.exec(receipt.body)?.[1];
    const code = /id="lookup-code">([^<]+)</.exec(receipt.body)?.[1];
    assert.match(number ?? '', /^〔2026〕第\d{4}号$/);
    assert.match(code ?? '', /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    assert.match(receipt.body, /答复期限[\s\S]*?id="due">2027-01-19（暂定）</);
    assert.match(receipt.body, /id="due-note">期限标注“暂定”的/);
    assert.match(receipt.body, /凭这两项即可在“查询办理进度”中查看办理情况和答复，无需选择受理机关/);

    // The two alone open the case (the form asks for nothing else), showing the due date 暂定.
    const lookup = await citizen.get('/cases');
    assert.doesNotMatch(lookup.body, /name="agencyId"/);
    const found = await citizen.post('/cases', {
      _csrf: Client.csrfOf(lookup.body),
      number: number!,
      lookupCode: code!,
    });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /答复期限[\s\S]*?2027-01-19（暂定）/);
  });

  it('the lookup names the missing field, and says only that the two do not match otherwise', async () => {
    const citizen = new Client(t.app);
    const lookup = await citizen.get('/cases');
    const missing = await citizen.post('/cases', {
      _csrf: Client.csrfOf(lookup.body),
      number: '〔2026〕第0001号',
      lookupCode: '',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /请填写查询码/);
    assert.doesNotMatch(missing.body, /请填写受理编号/);
    assert.match(missing.body, /value="〔2026〕第0001号"/, 'what was typed is kept');
    const wrong = await citizen.post('/cases', {
      _csrf: Client.csrfOf(lookup.body),
      number: '〔2026〕第0001号',
      lookupCode: 'AAAA-BBBB-CC',
    });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /受理编号与查询码不相符/);
  });
});
