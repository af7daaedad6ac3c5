import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modules } from '../../src/app/modules.js';
import { install } from '../../src/platform/module.js';
import { auditChanges } from '../../src/modules/accounts/account.presenter.js';

const installation = install(modules);

describe('the audit log in words', () => {
  it('names each field of a request and its coded values as the requests module does', () => {
    const rows = auditChanges(
      {
        action: 'request.replied',
        subjectType: 'request',
        before: null,
        after: {
          outcome: 'unavailable.notHeld',
          reasons: null,
          basis: '第三十六条第（五）项',
          date: '2020-03-02',
        },
      },
      installation,
    );
    assert.deepEqual(rows, [
      { label: '答复结果', before: null, after: '无法提供：本机关不掌握相关政府信息' },
      { label: '理由', before: null, after: '—' },
      { label: '依据', before: null, after: '第三十六条第（五）项' },
      { label: '日期', before: null, after: '2020-03-02' },
    ]);
  });

  it('labels report figures by the action that set them, though their subject is an agency', () => {
    const rows = auditChanges(
      {
        action: 'reportFigure.set',
        subjectType: 'agency',
        before: { year: 2020, licensing: { decisions: 5 } },
        after: { year: 2020, licensing: { decisions: 94335 } },
      },
      installation,
    );
    assert.deepEqual(rows, [
      { label: '年度', before: '2020', after: '2020' },
      { label: '行政许可·处理决定数量', before: '5', after: '94335' },
    ]);
  });

  it('leaves out ids and tree paths, and shows times in Beijing time, yes/no in words', () => {
    const rows = auditChanges(
      {
        action: 'account.create',
        subjectType: 'staffUser',
        before: null,
        after: {
          username: 'clerk',
          agencyId: '01a2-x',
          disabledAt: null,
          mustChangePassword: true,
          lockedUntil: '2026-12-06T02:00:00.000Z',
        },
      },
      installation,
    );
    assert.deepEqual(
      rows.map((r) => [r.label, r.after]),
      [
        ['用户名', 'clerk'],
        ['停用时间', '—'],
        ['须修改密码', '是'],
        ['锁定至', '2026-12-06 10:00'],
      ],
    );
  });
});
