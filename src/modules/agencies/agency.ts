/**
 * The agency tree: 人民政府 → 部门/派出机构 → 乡镇（街道）→ 村（社区）. Pure types and rules.
 */

export const agencyLevels = ['provincial', 'prefectural', 'county', 'township', 'village'] as const;
export type AgencyLevel = (typeof agencyLevels)[number];
export const agencyLevelLabels: Record<AgencyLevel, string> = {
  provincial: '省级',
  prefectural: '设区的市级',
  county: '县级',
  township: '乡级',
  village: '村级',
};

export const agencyKinds = [
  'peoplesGovernment',
  'governmentDepartment',
  'dispatchedAgency',
  'townshipStreet',
  'villageCommunity',
  'other',
] as const;
export type AgencyKind = (typeof agencyKinds)[number];
export const agencyKindLabels: Record<AgencyKind, string> = {
  peoplesGovernment: '人民政府',
  governmentDepartment: '政府部门',
  dispatchedAgency: '派出机构',
  townshipStreet: '乡镇街道',
  villageCommunity: '村社区',
  other: '其他',
};

export interface Agency {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  shortName: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  creditCode: string | null;
  regionCode: string | null;
  address: string | null;
  postcode: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  dissolvedAt: string | null;
}

export type AgencyChange = 'created' | 'renamed' | 'moved' | 'dissolved';
export const agencyChangeLabels: Record<AgencyChange, string> = {
  created: '设立',
  renamed: '更名',
  moved: '隶属关系调整',
  dissolved: '撤销',
};

export interface AgencyHistoryEntry {
  id: string;
  agencyId: string;
  change: AgencyChange;
  name: string;
  shortName: string | null;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  reason: string | null;
}

const levelRank: Record<AgencyLevel, number> = {
  provincial: 0,
  prefectural: 1,
  county: 2,
  township: 3,
  village: 4,
};

/**
 * Where an agency of `kind`/`level` may stand under `parent`: never above its parent's level;
 * a village (community) only under a township (street); nothing under a village. A township may
 * stand directly under a prefecture-level city (东莞、中山 have no counties). The error is a
 * sentence for the clerk, or null when the placement is lawful.
 */
export function placementProblem(
  child: { kind: AgencyKind; level: AgencyLevel },
  parent: { kind: AgencyKind; level: AgencyLevel; name: string } | null,
): string | null {
  if (!parent) {
    return child.kind === 'peoplesGovernment' ? null : '只有人民政府可以作为机构树的根';
  }
  if (parent.kind === 'villageCommunity') return '村（社区）之下不能再设机构';
  if (levelRank[child.level] < levelRank[parent.level]) {
    return `${agencyLevelLabels[child.level]}机构不能隶属于${agencyLevelLabels[parent.level]}的“${parent.name}”`;
  }
  if (child.kind === 'villageCommunity' && parent.kind !== 'townshipStreet')
    return '村（社区）应隶属于乡镇（街道）';
  if (child.kind === 'townshipStreet' && child.level !== 'township') return '乡镇（街道）的层级应为乡级';
  if (child.kind === 'villageCommunity' && child.level !== 'village') return '村（社区）的层级应为村级';
  return null;
}

/** Agencies as choices of a select, indented by depth so the tree reads at a glance. */
export function agencyOptions(list: ReadonlyArray<{ id: string; name: string; depth: number }>) {
  return list.map((a) => ({ value: a.id, label: `${'　'.repeat(a.depth)}${a.name}` }));
}
