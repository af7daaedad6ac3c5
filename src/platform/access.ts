/**
 * Who is acting. Roles are held for an agency and its whole subtree; the policy files of the
 * modules decide what each role may do. Nothing here grants anything by itself.
 */

export const roles = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'] as const;
export type Role = (typeof roles)[number];

/** UI labels, as in docs/glossary.md. */
export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  officeHead: '公开办负责人',
  clerk: '经办人',
  reviewer: '审核人',
  supervisor: '监督员',
};

export interface RoleGrant {
  role: Role;
  agencyId: string;
  /** Materialised path of the agency the role is held for, '/…/agencyId/'. */
  agencyPath: string;
}

export interface Actor {
  /**
   * `applicant`: a member of the public who has proven something (see `proofs`); `service`: another
   * system calling the API with a service account's token (platform/http/api-auth.ts).
   */
  kind: 'staff' | 'system' | 'anonymous' | 'applicant' | 'service';
  id: string | null;
  label: string;
  /** The agency the account belongs to (null for the public and the system). */
  agencyId: string | null;
  grants: RoleGrant[];
  /**
   * What the person has proven in this browser, as opaque subject keys the owning module builds
   * (e.g. an application opened with its 查询码). The platform carries them in a signed cookie and
   * never reads them; each module's policy decides what a proof allows.
   */
  proofs?: readonly string[];
}

export const anonymous: Actor = { kind: 'anonymous', id: null, label: '公众', agencyId: null, grants: [] };

/**
 * The actor with `proofs` added: a member of the public becomes an applicant; a signed-in staff
 * member keeps their grants and carries the proofs too (a clerk may follow their own application).
 */
export function withProofs(actor: Actor, proofs: readonly string[]): Actor {
  if (proofs.length === 0) return actor;
  const merged = [...(actor.proofs ?? []).filter((p) => !proofs.includes(p)), ...proofs];
  if (actor.kind === 'anonymous') return { ...actor, kind: 'applicant', label: '申请人', proofs: merged };
  return { ...actor, proofs: merged };
}

/** Has the actor proven `subject` (a key the owning module built)? The system has every proof. */
export function holdsProof(actor: Actor, subject: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.proofs?.includes(subject) ?? false;
}

/** A named system actor for background work and the demo loader; it passes every policy. */
export function systemActor(label: string): Actor {
  return { kind: 'system', id: null, label: `系统：${label}`, agencyId: null, grants: [] };
}

/**
 * Is the agency at `path` the one at `ancestorPath` or inside its subtree? Paths are
 * '/id/…/id/' with a trailing slash, so '/a/bc/' is not inside '/a/b/'.
 */
export function isWithinPath(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** True when the actor holds one of `wanted` for an agency at or above `agencyPath`. */
export function holdsRoleOver(actor: Actor, wanted: readonly Role[], agencyPath: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => wanted.includes(g.role) && isWithinPath(agencyPath, g.agencyPath));
}

/** Paths the actor can see anything in, for any of `wanted`; used to scope listings. */
export function scopesFor(actor: Actor, wanted: readonly Role[]): string[] {
  if (actor.kind === 'system') return ['/'];
  return actor.grants.filter((g) => wanted.includes(g.role)).map((g) => g.agencyPath);
}
