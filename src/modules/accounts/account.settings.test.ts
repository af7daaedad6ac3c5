import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConfigError } from '../../platform/config/config.js';
import { install } from '../../platform/module.js';
import { accountSettings } from './account.settings.js';
import { accountsModule } from './module.js';

const of = (env: Record<string, string>) =>
  accountSettings.of({ modules: install([accountsModule], undefined, env) });

it('reads the session and login settings, with the documented defaults', () => {
  assert.deepEqual(of({}), {
    sessionIdleMinutes: 30,
    sessionMaxHours: 12,
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    loginRateLimitPerMinute: 20,
  });
  const set = of({
    SESSION_IDLE_MINUTES: '10',
    LOGIN_MAX_FAILURES: '3',
    LOGIN_LOCK_MINUTES: '60',
    SESSION_IDLE: 'x',
  });
  assert.deepEqual([set.sessionIdleMinutes, set.loginMaxFailures, set.loginLockMinutes], [10, 3, 60]);
  assert.equal(of({ SESSION_IDLE_MINUTES: '' }).sessionIdleMinutes, 30, 'an empty variable is unset');
});

it('refuses every bad value at once, each by name, non-integers included', () => {
  assert.throws(
    () => install([accountsModule], undefined, { SESSION_IDLE_MINUTES: '0', LOGIN_MAX_FAILURES: '-1' }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.problems.length === 2 &&
      e.problems[0]!.startsWith('SESSION_IDLE_MINUTES=') &&
      e.problems[1]!.startsWith('LOGIN_MAX_FAILURES='),
  );
  for (const raw of ['3.5', '1e3', 'abc', '-5'])
    assert.throws(
      () => install([accountsModule], undefined, { LOGIN_LOCK_MINUTES: raw }),
      (e: unknown) => e instanceof ConfigError && e.problems[0]!.startsWith('LOGIN_LOCK_MINUTES='),
      raw,
    );
});
