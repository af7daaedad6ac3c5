import assert from 'node:assert/strict';
import { it } from 'node:test';
import { anonymous, systemActor, type Actor, type Role } from '../../platform/access.js';
import { recordStates } from './record.js';
import { allowedSteps, can, reviewsOwnDraft } from './record.policy.js';

const town = { id: 't', name: '磁灶镇人民政府', path: '/city/town/' };
const staff = (role: Role, path = town.path, id: string | null = 'u1'): Actor => ({
  kind: 'staff',
  id,
  label: role,
  agencyId: 't',
  grants: [{ role, agencyId: 't', agencyPath: path }],
});
const subject = (
  state: (typeof recordStates)[number],
  over: Partial<{ createdBy: string; scheduledAt: string }> = {},
) => ({
  path: town.path,
  state,
  createdBy: over.createdBy ?? 'someone-else',
  scheduledAt: over.scheduledAt ?? null,
});

it('gives each step to its roles, over the agency’s subtree only', () => {
  assert.ok(can(staff('clerk'), 'draft', town));
  assert.ok(can(staff('clerk', '/city/'), 'publish', town), 'a role held above covers the town');
  assert.ok(!can(staff('clerk', '/city/other/'), 'read', town));
  assert.ok(!can(staff('clerk'), 'review', town), '保密审查 is not the clerk’s');
  assert.ok(!can(staff('clerk'), 'approve', town));
  assert.ok(!can(staff('clerk'), 'withdraw', town));
  assert.ok(can(staff('reviewer'), 'review', town) && !can(staff('reviewer'), 'publish', town));
  assert.ok(can(staff('supervisor'), 'read', town) && !can(staff('supervisor'), 'draft', town));
  assert.ok(!can(anonymous, 'read', town));
  assert.ok(can(systemActor('定时发布'), 'publish', town));
});

it('offers a step only in a state that admits it, and never the review to its drafter', () => {
  const offered = Object.fromEntries(recordStates.map((s) => [s, allowedSteps(staff('admin'), subject(s))]));
  assert.deepEqual(offered, {
    draft: ['submit', 'attach'],
    inReview: ['review'],
    returned: ['submit', 'attach'],
    reviewed: ['approve'],
    approved: ['publish', 'schedule'],
    published: ['changeValidity', 'withdraw'],
    withdrawn: [],
  });
  assert.deepEqual(
    allowedSteps(staff('admin'), subject('approved', { scheduledAt: '2026-03-03T02:00:00Z' })),
    ['publish', 'schedule', 'unschedule'],
  );
  assert.deepEqual(allowedSteps(staff('admin'), subject('inReview', { createdBy: 'u1' })), []);
  assert.ok(reviewsOwnDraft(staff('reviewer'), { createdBy: 'u1' }));
  assert.ok(!reviewsOwnDraft(systemActor('导入'), { createdBy: null }));
  assert.deepEqual(allowedSteps(staff('supervisor'), subject('published')), []);
});
