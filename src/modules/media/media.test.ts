import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshness, inWan, periodEnd, periodStart, qrTarget } from './media.js';

// The pure rules of the 政务新媒体 module (issue 16 §4–5).
describe('政务新媒体 rules', () => {
  const t = { vetoDays: 14, warnDays: 10 };
  it('flags at 14 days without a post, warns at 10, and counts from the opening when nothing was posted', () => {
    assert.deepEqual(freshness('2026-02-16', '2020-01-01', '2026-03-02', t), { days: 14, level: 'veto' });
    assert.deepEqual(freshness('2026-02-20', '2020-01-01', '2026-03-02', t), { days: 10, level: 'warning' });
    assert.deepEqual(freshness('2026-02-21', '2020-01-01', '2026-03-02', t), { days: 9, level: 'ok' });
    assert.deepEqual(freshness(null, '2026-02-01', '2026-03-02', t), { days: 29, level: 'veto' });
    // Thresholds are data: a local 10-day veto.
    assert.equal(freshness('2026-02-20', null, '2026-03-02', { vetoDays: 10, warnDays: 7 }).level, 'veto');
  });
  it('encodes the URL, else a profile address from a 微博 or B站 UID, else the ID as text', () => {
    assert.equal(
      qrTarget({ platform: 'douyin', url: 'https://www.douyin.com/user/x', accountRef: 'y' }),
      'https://www.douyin.com/user/x',
    );
    assert.equal(
      qrTarget({ platform: 'weibo', url: null, accountRef: '2375086267' }),
      'https://weibo.com/u/2375086267',
    );
    assert.equal(
      qrTarget({ platform: 'bilibili', url: null, accountRef: '12345' }),
      'https://space.bilibili.com/12345',
    );
    assert.equal(
      qrTarget({ platform: 'wechatSubscription', url: null, accountRef: 'gh_0123456789ab' }),
      'gh_0123456789ab',
    );
    assert.equal(qrTarget({ platform: 'app', url: null, accountRef: null }), null);
  });
  it('reads periods as Excel writes them and prints large counts in 万', () => {
    assert.equal(periodStart('day', '2026/3/5'), '2026-03-05');
    assert.equal(periodStart('day', '2026-02-30'), null);
    assert.equal(periodStart('month', '2026-3'), '2026-03-01');
    assert.equal(periodStart('month', '2026-03-17'), '2026-03-01');
    assert.equal(periodStart('month', '2026-13'), null);
    assert.equal(periodEnd('month', '2024-02-01'), '2024-02-29');
    assert.deepEqual(
      [inWan(886), inWan(3_870_000), inWan(6_400_000), inWan(12_345)],
      ['886 ', '387 万', '640 万', '1.2 万'],
    );
  });
});
