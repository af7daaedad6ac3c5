import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/platform/access.js';
import { addServiceAccount, issueToken } from '../../src/modules/accounts/service-account.service.js';
import { hotline } from '../../src/modules/hotline/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';

// The 12345 platform pushes its 工单 (issue 19): `POST /api/v1/hotline/tickets` with a service
// account's token, read and stored as the import's rows are — all or nothing, each problem named
// by 第 N 条 and field, a known 工单编号 updated, a retry with its Idempotency-Key not run twice.

interface ApiError {
  error: {
    status: number;
    code: string;
    message: string;
    requiredScope?: string;
    fields?: Array<{ field: string; message: string }>;
  };
}

const ticket = (n: number, over: Record<string, unknown> = {}) => ({
  ticketNumber: `API2026090${String(n).padStart(3, '0')}`,
  receivedAt: '2026-09-01 09:00:00',
  ticketType: 'consultation',
  content: '咨询入学政策',
  agency: '晋江市教育局',
  dueAt: '2026-09-08 18:00:00',
  closedAt: '2026-09-03 10:00:00',
  visitedAt: '2026-09-04 10:00:00',
  satisfaction: 'satisfied',
  valid: '是',
  ...over,
});

describeEachEngine('API: the 12345 platform pushes its 工单', (engine) => {
  let t: TestApp;
  let pushToken: string;
  let readToken: string;
  let townToken: string;

  const push = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/tickets',
      payload: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    });
  const ctx = () => t.container.ctx(systemActor('测试'));
  /** 晋江市教育局's valid tickets received in September 2026, as the portal counts them. */
  const septemberValid = async () =>
    (await hotline.stats(ctx(), { agency: '晋江市教育局', year: 2026, month: 9 })).valid;
  const imports = async () =>
    Number(
      (
        await t.container.database.db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'hotline.import')
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await startTestApp(engine);
    await addServiceAccount(ctx(), { name: '12345 平台', agency: '晋江市人民政府' });
    pushToken = (await issueToken(ctx(), '12345 平台', { scopes: ['hotline:write'] })).token;
    readToken = (await issueToken(ctx(), '12345 平台', { scopes: ['reports:read'] })).token;
    await addServiceAccount(ctx(), { name: '磁灶镇 12345', agency: '磁灶镇人民政府' });
    townToken = (await issueToken(ctx(), '磁灶镇 12345', { scopes: ['hotline:write'] })).token;
  });
  after(async () => t.close());

  it('stores the pushed 工单, by key or by the import’s Chinese headers, and the figures count them', async () => {
    const before = await septemberValid();
    const res = await push(pushToken, {
      tickets: [
        ticket(1),
        ticket(2, { ticketType: '投诉', satisfaction: '非常满意' }),
        {
          工单编号: 'API2026090003',
          受理时间: '2026-09-02 09:00:00',
          诉求类型: '求助',
          承办单位: '晋江市教育局',
          办理时限: '2026-09-09 18:00:00',
          满意度: '未评价',
          是否有效: '是',
        },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(JSON.parse(res.body), { data: { imported: 3, inserted: 3, updated: 0 } });
    assert.equal(await septemberValid(), before + 3);
    const figures = await hotline.stats(ctx(), { agency: '晋江市教育局', year: 2026, month: 9 });
    assert.equal(figures.closed, 2);
    assert.equal(figures.satisfied, 2);
  });

  it('updates a 工单编号 pushed again, as the import does', async () => {
    const before = await hotline.stats(ctx(), { agency: '晋江市教育局', year: 2026, month: 9 });
    const res = await push(pushToken, {
      tickets: [
        ticket(3, {
          receivedAt: '2026-09-02 09:00:00',
          dueAt: '2026-09-09 18:00:00',
          closedAt: '2026-09-05 09:00:00',
          visitedAt: null,
          satisfaction: 'unrated',
        }),
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(JSON.parse(res.body).data, { imported: 1, inserted: 0, updated: 1 });
    const now = await hotline.stats(ctx(), { agency: '晋江市教育局', year: 2026, month: 9 });
    assert.equal(now.valid, before.valid, 'no second ticket');
    assert.equal(now.closed, before.closed + 1, 'its new 办结时间 counts');
  });

  it('refuses the whole push over one bad 工单, naming it (第 N 条) and its field', async () => {
    const before = await septemberValid();
    const res = await push(pushToken, {
      tickets: [
        ticket(10),
        ticket(11, { agency: '晋江市不存在局' }),
        ticket(12, { receivedAt: '2026-09-31 09:00:00' }),
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    const body = JSON.parse(res.body) as ApiError;
    assert.equal(body.error.status, 400);
    assert.equal(body.error.code, 'invalid_input');
    assert.match(body.error.message, /未导入任何工单/);
    const agency = body.error.fields?.find((f) => f.field === 'tickets[1].agency');
    assert.ok(agency, JSON.stringify(body.error.fields));
    assert.equal(agency.message, '第 2 条（承办单位 agency）：承办单位“晋江市不存在局”不是本平台的机构');
    const time = body.error.fields?.find((f) => f.field === 'tickets[2].receivedAt');
    assert.match(
      time?.message ?? '',
      /^第 3 条（受理时间 receivedAt）：受理时间“2026-09-31 09:00:00”不是有效时间/,
    );
    assert.equal(await septemberValid(), before, 'nothing stored, not even the good 工单');

    const repeated = await push(pushToken, { tickets: [ticket(13), ticket(13)] });
    assert.equal(repeated.statusCode, 400);
    assert.match(
      JSON.parse(repeated.body).error.message,
      /第 2 条（工单编号 ticketNumber）：.*与第 1 条重复/,
    );
    const unknown = await push(pushToken, { tickets: [{ ...ticket(14), 坐席: '7 号' }] });
    assert.equal(unknown.statusCode, 400);
    assert.equal((JSON.parse(unknown.body) as ApiError).error.fields?.[0]?.field, 'tickets[0].坐席');
    const shapeless = await push(pushToken, { tickets: 'GD1' });
    assert.equal(shapeless.statusCode, 400);
    assert.equal((JSON.parse(shapeless.body) as ApiError).error.fields?.[0]?.field, 'tickets');
  });

  it('runs a push sent twice with one Idempotency-Key once, and answers the retry the same', async () => {
    const before = await imports();
    const body = { tickets: [ticket(20), ticket(21)] };
    const key = { 'idempotency-key': 'push-2026-09-20' };
    const first = await push(pushToken, body, key);
    const again = await push(pushToken, body, key);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    // A second run would have said inserted 0, updated 2.
    assert.deepEqual(JSON.parse(again.body), { data: { imported: 2, inserted: 2, updated: 0 } });
    assert.equal(again.body, first.body);
    assert.equal(await imports(), before + 1);
  });

  it('refuses a token without hotline:write, a town’s token and no token at all', async () => {
    const before = await septemberValid();
    const wrongScope = await push(readToken, { tickets: [ticket(30)] });
    assert.equal(wrongScope.statusCode, 403);
    const refusal = JSON.parse(wrongScope.body) as ApiError;
    assert.equal(refusal.error.code, 'insufficient_scope');
    assert.equal(refusal.error.requiredScope, 'hotline:write');
    // The import is the whole tree's: a town's account holds the scope but not the tree.
    const town = await push(townToken, { tickets: [ticket(31)] });
    assert.equal(town.statusCode, 403, town.body);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/tickets',
      payload: { tickets: [ticket(32)] },
    });
    // Without a token or a session the route answers 401, as to any caller it does not know.
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    assert.equal(anonymous.json().error.code, 'unauthenticated');
    assert.equal(await septemberValid(), before);
  });
});
