/**
 * Which agency of the platform a published report's stated name means, for `report import`.
 * Attaching a report to the wrong agency would put another body's figures in its history, so the
 * match is strict and explainable, never fuzzy:
 *
 * 1. the name equals an agency's full name or short name (whitespace ignored: a name read from a
 *    PDF or a table cell may be broken across lines);
 * 2. else, the same after removing a trailing 人民政府 from both sides: a report signed
 *    "磁灶镇人民政府" is 磁灶镇's, and one signed "测试市" is 测试市人民政府's. Nothing else is
 *    folded: 晋江市人民政府办公室 is not 晋江市人民政府, 平潭 is not 平潭综合实验区.
 *
 * Two agencies matching at the same step is ambiguity, reported with both names; a name matching
 * none is reported as such. Pure.
 */

export interface NamedAgency {
  id: string;
  name: string;
  shortName: string | null;
}

export type AgencyMatch<A extends NamedAgency> =
  | { kind: 'found'; agency: A; how: 'name' | 'government' }
  | { kind: 'ambiguous'; candidates: A[] }
  | { kind: 'none' };

const GOVERNMENT_SUFFIX = '人民政府';

function squeeze(name: string): string {
  return name.replace(/\s+/g, '');
}

function withoutGovernment(name: string): string {
  const s = squeeze(name);
  return s.endsWith(GOVERNMENT_SUFFIX) ? s.slice(0, -GOVERNMENT_SUFFIX.length) : s;
}

function namesOf(a: NamedAgency): string[] {
  return [a.name, a.shortName].filter((n): n is string => !!n && squeeze(n) !== '');
}

export function matchAgency<A extends NamedAgency>(stated: string, agencies: readonly A[]): AgencyMatch<A> {
  const wanted = squeeze(stated);
  if (wanted === '') return { kind: 'none' };
  const steps: Array<{ how: 'name' | 'government'; key: (n: string) => string }> = [
    { how: 'name', key: squeeze },
    { how: 'government', key: withoutGovernment },
  ];
  for (const { how, key } of steps) {
    const target = key(wanted);
    if (target === '') continue;
    const found = agencies.filter((a) => namesOf(a).some((n) => key(n) === target));
    if (found.length === 1) return { kind: 'found', agency: found[0]!, how };
    if (found.length > 1) return { kind: 'ambiguous', candidates: found };
  }
  return { kind: 'none' };
}
