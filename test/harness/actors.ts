import type { Actor, Role } from '../../src/platform/access.js';

/** A staff actor holding one role for an agency (and so its subtree), for service tests. */
export function staffActor(
  role: Role,
  agency: { id: string; name: string; path: string },
  id: string | null = null,
): Actor {
  return {
    kind: 'staff',
    id,
    label: `${role}@${agency.name}`,
    agencyId: agency.id,
    grants: [{ role, agencyId: agency.id, agencyPath: agency.path }],
  };
}
