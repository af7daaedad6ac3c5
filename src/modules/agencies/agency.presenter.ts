import type { Agency } from './agency.js';
import { agencyKindLabels, agencyLevelLabels } from './agency.js';

/** What the public sees of an agency: the contact block of its 政府信息公开指南. */
export function publicAgency(a: Agency) {
  return {
    id: a.id,
    parentId: a.parentId,
    name: a.name,
    shortName: a.shortName,
    level: a.level,
    levelLabel: agencyLevelLabels[a.level],
    kind: a.kind,
    kindLabel: agencyKindLabels[a.kind],
    creditCode: a.creditCode,
    address: a.address,
    postcode: a.postcode,
    officeHours: a.officeHours,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    website: a.website,
  };
}
export type PublicAgency = ReturnType<typeof publicAgency>;

/** Back-office and API view: everything, including the tree position. */
export function staffAgency(a: Agency) {
  return {
    ...publicAgency(a),
    path: a.path,
    depth: a.depth,
    regionCode: a.regionCode,
    sortOrder: a.sortOrder,
    dissolvedAt: a.dissolvedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
export type StaffAgency = ReturnType<typeof staffAgency>;

/** Snapshot for the audit log. */
export function auditAgency(a: Agency) {
  return staffAgency(a);
}

export interface AgencyNode {
  agency: Agency;
  children: AgencyNode[];
}

/** Builds a forest from a flat list in tree order; agencies whose parent is absent become roots. */
export function toTree(list: Agency[]): AgencyNode[] {
  const byId = new Map<string, AgencyNode>();
  const roots: AgencyNode[] = [];
  for (const a of list) byId.set(a.id, { agency: a, children: [] });
  for (const a of list) {
    const node = byId.get(a.id)!;
    const parent = a.parentId ? byId.get(a.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
