import { roleLabels, type Role } from '../../platform/access.js';
import type { StaffUser } from './account.js';

/** Staff account as an administrator sees it; never the password hash. */
export function staffUserView(
  u: StaffUser,
  extra: {
    agencyName?: string;
    grants?: Array<{ id: string; role: Role; agencyId: string; agencyName: string }>;
  } = {},
) {
  return {
    id: u.id,
    agencyId: u.agencyId,
    agencyName: extra.agencyName ?? null,
    username: u.username,
    displayName: u.displayName,
    locked: u.lockedUntil,
    disabledAt: u.disabledAt,
    lastLoginAt: u.lastLoginAt,
    mustChangePassword: u.mustChangePassword,
    grants: (extra.grants ?? []).map((g) => ({ ...g, roleLabel: roleLabels[g.role] })),
  };
}

/** Audit snapshot: identity and state only. */
export function auditUser(u: StaffUser) {
  return {
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    lockedUntil: u.lockedUntil,
    disabledAt: u.disabledAt,
    mustChangePassword: u.mustChangePassword,
  };
}
