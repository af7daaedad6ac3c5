import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemActor, type Actor } from '../access.js';
import {
  canManageJobs,
  currentPeriod,
  defaultBackoff,
  errorText,
  periodKey,
  resultText,
  scheduleProblems,
} from './job.js';

describe('job periods (Beijing time)', () => {
  it('a minute and an hour are keyed by their Beijing start', () => {
    const now = new Date('2026-12-05T17:05:42Z'); // 2026-12-06 01:05:42 in Beijing
    assert.deepEqual(currentPeriod({ job: 'x', every: 'minute' }, now), {
      key: '2026-12-06T01:05',
      start: new Date('2026-12-05T17:05:00Z'),
    });
    assert.deepEqual(currentPeriod({ job: 'x', every: 'hour' }, now), {
      key: '2026-12-06T01',
      start: new Date('2026-12-05T17:00:00Z'),
    });
  });

  it('a day begins at Beijing midnight, or at its `at`; before `at` it is still yesterday', () => {
    const justAfterMidnight = new Date('2026-12-05T16:00:00Z'); // 2026-12-06 00:00 Beijing
    assert.deepEqual(currentPeriod({ job: 'x', every: 'day' }, justAfterMidnight), {
      key: '2026-12-06',
      start: new Date('2026-12-05T16:00:00Z'),
    });
    const daily = { job: 'requests.dailyCheck', every: 'day', at: '08:30' } as const;
    assert.equal(periodKey(daily, new Date('2026-12-06T00:29:59Z')), 'requests.dailyCheck@2026-12-05');
    assert.equal(periodKey(daily, new Date('2026-12-06T00:30:00Z')), 'requests.dailyCheck@2026-12-06');
    assert.deepEqual(
      currentPeriod(daily, new Date('2026-12-06T15:59:59Z')).start,
      new Date('2026-12-06T00:30:00Z'),
    );
  });

  it('names what is wrong with a schedule', () => {
    assert.deepEqual(scheduleProblems({ job: 'x', every: 'day', at: '08:00' }), []);
    assert.equal(scheduleProblems({ job: 'x', every: 'day', at: '8:00' }).length, 1);
    assert.equal(scheduleProblems({ job: 'x', every: 'day', at: '24:00' }).length, 1);
    assert.equal(scheduleProblems({ job: 'x', every: 'hour', at: '08:00' }).length, 1);
    assert.equal(scheduleProblems({ job: 'x', every: 'week' as 'day' }).length, 1);
  });
});

describe('job rules', () => {
  it('backs off exponentially from 30 s, capped at an hour', () => {
    assert.deepEqual([1, 2, 3, 4].map(defaultBackoff), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(defaultBackoff(20), 3_600_000);
  });

  it('keeps only the message of an error, cut short', () => {
    const e = new Error('x'.repeat(2000), { cause: { idNumber: '350582199001011234' } });
    const text = errorText(e);
    assert.equal(text.length, 500);
    assert.ok(text.endsWith('…'));
    assert.equal(errorText(new Error('数据库不可用')), '数据库不可用');
    assert.equal(errorText({ idNumber: '350582199001011234' }), '非 Error 类型的异常');
    assert.equal(resultText(undefined), null);
    assert.equal(resultText('已发布 2 条'), '已发布 2 条');
  });

  it('lets the system and administrators of a top agency manage jobs, nobody else', () => {
    const staff = (role: 'admin' | 'clerk', agencyPath: string): Actor => ({
      kind: 'staff',
      id: 'u',
      label: 'u',
      agencyId: 'a',
      grants: [{ role, agencyId: 'a', agencyPath }],
    });
    assert.ok(canManageJobs(systemActor('测试')));
    assert.ok(canManageJobs(staff('admin', '/root/')));
    assert.ok(!canManageJobs(staff('admin', '/root/dept/')));
    assert.ok(!canManageJobs(staff('clerk', '/root/')));
  });
});
