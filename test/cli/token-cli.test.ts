import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../harness/engines.js';
import { cliDatabase, gongkai } from '../harness/cli.js';

// `gongkai account add-service` and `gongkai token create|list|revoke` (issue 19 §5), as the
// operator of a county's server issues a token to the OA system and takes it back.

describeEachEngine('gongkai account add-service and gongkai token', (engine) => {
  let db: ReturnType<typeof cliDatabase>;
  let env: Record<string, string>;
  const run = async (...args: string[]) => gongkai(env, ...args);
  const ok = async (...args: string[]) => {
    const r = await run(...args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  before(async () => {
    db = cliDatabase(engine);
    env = db.env;
    await ok('db', 'migrate');
    await ok('agency', 'add', '--name', '晋江市人民政府', '--level', 'county', '--kind', 'peoplesGovernment');
  });
  after(async () => db.cleanup());

  it('creates a service account, issues a token shown once, lists it without the token, revokes it', async () => {
    const account = JSON.parse(
      (await ok('account', 'add-service', 'OA 系统', '--agency', '晋江市人民政府', '--json')).stdout,
    );
    assert.equal(account.name, 'OA 系统');
    const again = await run('account', 'add-service', 'OA 系统', '--agency', '晋江市人民政府');
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /已有名为“OA 系统”的服务账号/);

    const created = JSON.parse(
      (
        await ok(
          'token',
          'create',
          '--account',
          'OA 系统',
          '--scope',
          'records:read,documents:write',
          '--days',
          '30',
          '--json',
        )
      ).stdout,
    );
    assert.match(created.token, /^gk_[A-Za-z0-9_-]{43}$/);
    assert.match(created.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `${days} days`);

    const listed = JSON.parse((await ok('token', 'list', '--account', 'OA 系统', '--json')).stdout);
    assert.equal(listed.length, 1);
    assert.deepEqual(listed[0].scopes, ['documents:write', 'records:read']);
    assert.equal(listed[0].state, 'active');
    assert.equal(listed[0].hint, created.token.slice(-4));
    assert.ok(!JSON.stringify(listed).includes(created.token), 'the token is never listed');

    await ok('token', 'revoke', listed[0].id);
    const revoked = JSON.parse((await ok('token', 'list', '--account', 'OA 系统', '--json')).stdout);
    assert.equal(revoked[0].state, 'revoked');
    assert.match((await ok('token', 'list', '--account', 'OA 系统')).stdout, /已吊销/);
  });

  it('revokes every token of an account at once, and refuses what it cannot do in Chinese', async () => {
    for (let i = 0; i < 2; i++) await ok('token', 'create', '--account', 'OA 系统', '--scope', 'open:read');
    assert.match((await ok('token', 'revoke', '--account', 'OA 系统', '--all')).stdout, /已吊销 2 个令牌/);
    const listed = JSON.parse((await ok('token', 'list', '--account', 'OA 系统', '--json')).stdout);
    assert.ok(listed.every((t: { state: string }) => t.state === 'revoked'));

    const badScope = await run('token', 'create', '--account', 'OA 系统', '--scope', 'records:rea');
    assert.notEqual(badScope.code, 0);
    assert.match(badScope.stderr, /没有权限范围 records:rea/);
    const badDays = await run(
      'token',
      'create',
      '--account',
      'OA 系统',
      '--scope',
      'open:read',
      '--days',
      '0',
    );
    assert.notEqual(badDays.code, 0);
    assert.match(badDays.stderr, /有效天数/);
    const nobody = await run('token', 'list', '--account', '不存在的系统');
    assert.notEqual(nobody.code, 0);
    assert.match(nobody.stderr, /未找到服务账号/);
    const vague = await run('token', 'revoke');
    assert.equal(vague.code, 2);
    assert.match(vague.stderr, /--all/);
  });
});
