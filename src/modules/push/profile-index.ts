import type { AudienceRule, ProfileFacts } from './audience-rule.js';
import { allClasses, classIndex, isWithin } from './industry.js';
import { ageBands, enterpriseTags, identityTags, scales, tagMask } from './push.js';

/**
 * The matching index (ADR 0015): every subscriber's profile as columns of typed arrays, one slot
 * per subscriber, and a rule compiled into lookup tables (allowed industry classes, regions,
 * scales, age bands; a tag mask), so that matching is one pass over the columns with a few array
 * reads per subscriber. 4,000,000 profiles take about 90 MB (60 MB of columns, 16 MB mapping
 * numbers to slots, 16 MB of scratch for the matches). Pure: the service fills it from the
 * database and keeps it in step (profile-index.service.ts).
 */

const KIND = { none: 0, enterprise: 1, citizen: 2, topics: 3 } as const;
const kindCode = (k: ProfileFacts['kind']) => KIND[k];
const ENTERPRISE_BITS = tagMask(enterpriseTags.map((t) => t.code));
const IDENTITY_BITS = tagMask(identityTags.map((t) => t.code));

export class ProfileIndex {
  size = 0;
  /** Slot → the subscriber's number (push_subscriber.seq). */
  seq: Int32Array;
  /** 0: not matchable (profiling off, or removed); 1 enterprise; 2 citizen; 3 topics only. */
  kind: Uint8Array;
  /** GB/T 4754 class index + 1; 0: none. */
  industry: Uint16Array;
  /** 1 + index in `scales`; 0: unknown. */
  scale: Uint8Array;
  /** 1 + index in `regions`; 0: none. */
  region: Uint16Array;
  tags: Uint32Array;
  /** 1 + index in `ageBands`; 0: unknown. */
  age: Uint8Array;
  /** Interned region keys (agency ids in the service, paths in pure tests). */
  regions: string[] = [];
  readonly #regionSlot = new Map<string, number>();
  /** Subscriber number → slot + 1 (0: not in the index). Numbers are dense, so an array, not a Map. */
  #slotOfSeq = new Int32Array(1024);
  /** Reused by every match (no 16 MB allocation and collection per call at 4 M). */
  #scratch = new Int32Array(0);

  constructor(capacity = 1024) {
    this.seq = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.industry = new Uint16Array(capacity);
    this.scale = new Uint8Array(capacity);
    this.region = new Uint16Array(capacity);
    this.tags = new Uint32Array(capacity);
    this.age = new Uint8Array(capacity);
  }

  #grow(min: number): void {
    const cap = Math.max(min, this.seq.length * 2);
    const grow = <T extends Int32Array | Uint8Array | Uint16Array | Uint32Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.seq = grow(this.seq, (n) => new Int32Array(n));
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
    this.industry = grow(this.industry, (n) => new Uint16Array(n));
    this.scale = grow(this.scale, (n) => new Uint8Array(n));
    this.region = grow(this.region, (n) => new Uint16Array(n));
    this.tags = grow(this.tags, (n) => new Uint32Array(n));
    this.age = grow(this.age, (n) => new Uint8Array(n));
  }

  #regionOf(key: string | null): number {
    if (!key) return 0;
    let s = this.#regionSlot.get(key);
    if (s === undefined) {
      if (this.regions.length >= 65_534) throw new Error('too many regions for the matching index');
      this.regions.push(key);
      s = this.regions.length;
      this.#regionSlot.set(key, s);
    }
    return s;
  }

  /** Adds a subscriber or replaces what the index holds of them. */
  put(seq: number, p: ProfileFacts): void {
    if (seq >= this.#slotOfSeq.length) {
      const bigger = new Int32Array(Math.max(seq + 1, this.#slotOfSeq.length * 2));
      bigger.set(this.#slotOfSeq);
      this.#slotOfSeq = bigger;
    }
    let slot = this.#slotOfSeq[seq]! - 1;
    if (slot < 0) {
      slot = this.size++;
      if (slot >= this.seq.length) this.#grow(slot + 1);
      this.#slotOfSeq[seq] = slot + 1;
      this.seq[slot] = seq;
    }
    // Facts of the other kind are never held: an enterprise has no age, a citizen no industry.
    const enterprise = p.kind === 'enterprise';
    const citizen = p.kind === 'citizen';
    this.kind[slot] = p.profiling ? kindCode(p.kind) : KIND.none;
    this.industry[slot] = enterprise && p.industry ? classIndex(p.industry) + 1 : 0;
    this.scale[slot] = enterprise && p.scale ? scales.indexOf(p.scale) + 1 : 0;
    this.region[slot] = this.#regionOf(p.region);
    this.tags[slot] = (p.tags & (enterprise ? ENTERPRISE_BITS : citizen ? IDENTITY_BITS : 0)) >>> 0;
    this.age[slot] = citizen && p.ageBand ? ageBands.indexOf(p.ageBand) + 1 : 0;
  }

  /** The subscriber is no longer matched (stopped, deleted, or profiling turned off). */
  remove(seq: number): void {
    const slot = seq < this.#slotOfSeq.length ? this.#slotOfSeq[seq]! - 1 : -1;
    if (slot >= 0) this.kind[slot] = KIND.none;
  }

  /**
   * Numbers of the subscribers a rule reaches. `ruleRegionPaths`: the paths of the rule's regions;
   * `pathOf`: a region key's path now (the tree may have moved since the key was put).
   */
  match(
    rule: AudienceRule,
    ruleRegionPaths: readonly string[],
    pathOf: (region: string) => string | undefined = (r) => r,
  ): Int32Array {
    const c = compile(rule, ruleRegionPaths, this.regions, pathOf);
    const { kind, industry, scale, region, tags, age, seq, size } = this;
    if (this.#scratch.length < size) this.#scratch = new Int32Array(this.seq.length);
    const out = this.#scratch;
    let n = 0;
    const kindOk = c.kindOk;
    if (c.count === 0) {
      const { useRegion, regionOk } = c;
      for (let i = 0; i < size; i++)
        if (kindOk[kind[i]!] && (!useRegion || regionOk[region[i]!])) out[n++] = seq[i]!;
    } else if (rule.combine === 'all') {
      const {
        useInd,
        useScale,
        useRegion,
        useETag,
        useITag,
        useAge,
        indOk,
        scaleOk,
        regionOk,
        ageOk,
        eMask,
        iMask,
      } = c;
      for (let i = 0; i < size; i++) {
        const k = kind[i]!;
        if (!kindOk[k]) continue;
        if (useInd && !indOk[industry[i]!]) continue;
        if (useScale && !scaleOk[scale[i]!]) continue;
        if (useRegion && !regionOk[region[i]!]) continue;
        if (useETag && (k !== 1 || (tags[i]! & eMask) === 0)) continue;
        if (useITag && (k !== 2 || (tags[i]! & iMask) === 0)) continue;
        if (useAge && !ageOk[age[i]!]) continue;
        out[n++] = seq[i]!;
      }
    } else {
      const {
        useInd,
        useScale,
        useRegion,
        useETag,
        useITag,
        useAge,
        indOk,
        scaleOk,
        regionOk,
        ageOk,
        eMask,
        iMask,
      } = c;
      for (let i = 0; i < size; i++) {
        const k = kind[i]!;
        if (!kindOk[k]) continue;
        // The region is a limit, not one of the alternatives.
        if (useRegion && !regionOk[region[i]!]) continue;
        if (
          (useInd && indOk[industry[i]!]) ||
          (useScale && scaleOk[scale[i]!]) ||
          (useETag && k === 1 && (tags[i]! & eMask) !== 0) ||
          (useITag && k === 2 && (tags[i]! & iMask) !== 0) ||
          (useAge && ageOk[age[i]!])
        )
          out[n++] = seq[i]!;
      }
    }
    return out.slice(0, n);
  }
}

/** Allowed 小类 of a rule's industry codes, kept for the rules seen lately (a rule is matched again and again). */
const industryTables = new Map<string, Uint8Array>();
function industryTable(codes: readonly string[]): Uint8Array {
  const key = codes.join(',');
  let table = industryTables.get(key);
  if (!table) {
    const classes = allClasses();
    table = new Uint8Array(classes.length + 1);
    if (codes.length)
      classes.forEach((code, i) => {
        if (codes.some((r) => isWithin(code, r))) table![i + 1] = 1;
      });
    if (industryTables.size >= 256) industryTables.delete(industryTables.keys().next().value!);
    industryTables.set(key, table);
  }
  return table;
}

interface Compiled {
  count: number;
  kindOk: Uint8Array;
  useInd: boolean;
  indOk: Uint8Array;
  useScale: boolean;
  scaleOk: Uint8Array;
  useRegion: boolean;
  regionOk: Uint8Array;
  useETag: boolean;
  eMask: number;
  useITag: boolean;
  iMask: number;
  useAge: boolean;
  ageOk: Uint8Array;
}

/**
 * A rule as lookup tables over the index's codes. Industry, scale and enterprise tags hold for
 * enterprises only (a citizen's columns are 0, never allowed); age bands and identity tags for
 * citizens only: the same meaning as the plain filter (audience-rule.ts criteria).
 */
function compile(
  rule: AudienceRule,
  ruleRegionPaths: readonly string[],
  indexRegions: readonly string[],
  pathOf: (region: string) => string | undefined,
): Compiled {
  const kindOk = new Uint8Array(4);
  if (rule.audience !== 'citizen') kindOk[KIND.enterprise] = 1;
  if (rule.audience !== 'enterprise') kindOk[KIND.citizen] = 1;
  const indOk = industryTable(rule.industries);
  const scaleOk = new Uint8Array(scales.length + 1);
  for (const s of rule.scales) scaleOk[scales.indexOf(s) + 1] = 1;
  const regionOk = new Uint8Array(indexRegions.length + 1);
  if (ruleRegionPaths.length)
    indexRegions.forEach((key, i) => {
      const path = pathOf(key);
      if (path && ruleRegionPaths.some((r) => path.startsWith(r))) regionOk[i + 1] = 1;
    });
  const ageOk = new Uint8Array(ageBands.length + 1);
  for (const a of rule.ageBands) ageOk[ageBands.indexOf(a) + 1] = 1;
  const c: Compiled = {
    count: 0,
    kindOk,
    useInd: rule.industries.length > 0,
    indOk,
    useScale: rule.scales.length > 0,
    scaleOk,
    useRegion: rule.regions.length > 0,
    regionOk,
    useETag: rule.enterpriseTags.length > 0,
    eMask: tagMask(rule.enterpriseTags),
    useITag: rule.identityTags.length > 0,
    iMask: tagMask(rule.identityTags),
    useAge: rule.ageBands.length > 0,
    ageOk,
  };
  // Criteria combined by all/any; the region is a limit either way.
  c.count = [c.useInd, c.useScale, c.useETag, c.useITag, c.useAge].filter(Boolean).length;
  return c;
}
