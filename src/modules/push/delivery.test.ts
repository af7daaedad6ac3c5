import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureOf, isPrivateAddress, WebhookRefused } from './delivery.service.js';

describe('delivery failures and webhook targets', () => {
  it('refuses webhooks to this machine and to private networks', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
    ])
      assert.equal(isPrivateAddress(ip), true, ip);
    for (const ip of ['8.8.8.8', '172.32.0.1', '172.15.0.1', '192.169.0.1', '100.128.0.1', '2400:3200::1'])
      assert.equal(isPrivateAddress(ip), false, ip);
  });

  it('stores the SMTP reply code, never the server’s text (it names addresses); 5xx is a bounce', () => {
    const refused = Object.assign(
      new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <x@y.test>: no such user"),
      { responseCode: 550 },
    );
    assert.deepEqual(failureOf(refused), { permanent: true, note: '邮件服务器拒收（550）' });
    const busy = Object.assign(new Error('451 4.7.1 try again later <x@y.test>'), { responseCode: 451 });
    assert.deepEqual(failureOf(busy), { permanent: false, note: '邮件服务器暂时无法投递（451）' });
    assert.deepEqual(
      failureOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' })),
      {
        permanent: false,
        note: '发送失败（ECONNREFUSED）',
      },
    );
    assert.deepEqual(failureOf(new WebhookRefused('接收地址返回 HTTP 410', true)), {
      permanent: true,
      note: '接收地址返回 HTTP 410',
    });
  });
});
