import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymous, systemActor, withProofs } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';
import { allowedOn, assertCan, can, caseProof, provenCases, scopeFor } from './request.policy.js';

const dept = { id: 'd', name: '晋江市公安局', path: '/g/d/' };
const staff = (role: 'clerk' | 'officeHead' | 'supervisor', id = 'u1') => ({
  kind: 'staff' as const,
  id,
  label: role,
  agencyId: dept.id,
  grants: [{ role, agencyId: dept.id, agencyPath: dept.path }],
});
const aCase = { id: 'c1', path: '/g/d/', handlerId: 'u1' };

describe('request policy', () => {
  it('staff act by role over the subtree; only the 公开办 head decides an extension', () => {
    assert.ok(can(staff('clerk'), 'handle', aCase));
    assert.ok(!can(staff('clerk'), 'decideExtension', aCase));
    assert.ok(can(staff('officeHead'), 'decideExtension', aCase));
    assert.ok(!can(staff('supervisor'), 'handle', aCase));
    assert.ok(can(staff('supervisor'), 'read', aCase));
    assert.ok(!can(staff('clerk'), 'read', { ...aCase, path: '/g/other/' }));
    assert.deepEqual(scopeFor(staff('supervisor'), 'handle'), []);
    assert.deepEqual(scopeFor(systemActor('任务'), 'read'), ['/']);
  });

  it('only the assigned 承办人 sees personal data, with the reason in the refusal', () => {
    assert.ok(can(staff('clerk', 'u1'), 'viewPersonalData', aCase));
    assert.ok(!can(staff('clerk', 'u2'), 'viewPersonalData', aCase));
    assert.ok(!can(staff('officeHead', 'u2'), 'viewPersonalData', aCase));
    assert.throws(() => assertCan(staff('clerk', 'u2'), 'viewPersonalData', aCase), /只有承办人/);
    assert.deepEqual(allowedOn(staff('clerk', 'u1'), aCase), [
      'read',
      'register',
      'handle',
      'takeCase',
      'viewPersonalData',
      'readStatistics',
    ]);
    assert.ok(allowedOn(staff('officeHead', 'u2'), aCase).includes('decideExtension'));
  });

  it('a member of the public acts on the one case they proved', () => {
    assert.ok(!can(anonymous, 'viewOwnCase', aCase));
    const applicant = withProofs(anonymous, [caseProof('c1')]);
    assert.equal(applicant.kind, 'applicant');
    assert.ok(can(applicant, 'viewOwnCase', aCase));
    assert.ok(can(applicant, 'supplementOwnCase', aCase));
    assert.ok(!can(applicant, 'viewOwnCase', { ...aCase, id: 'c2' }));
    assert.ok(!can(applicant, 'read', aCase), 'a proof is no staff role');
    assert.throws(() => assertCan(anonymous, 'viewOwnCase', aCase), ForbiddenError);
    assert.deepEqual(provenCases(withProofs(applicant, ['mailbox:x', caseProof('c2')])), ['c1', 'c2']);
    const clerk = withProofs(staff('clerk'), [caseProof('c9')]);
    assert.equal(clerk.kind, 'staff', 'a signed-in clerk keeps their grants and carries the proof');
    assert.ok(can(clerk, 'viewOwnCase', { ...aCase, id: 'c9' }));
  });
});
