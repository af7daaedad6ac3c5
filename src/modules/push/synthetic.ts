import type { FieldCipher } from '../../platform/crypto.js';
import { allClasses } from './industry.js';
import {
  ageBands,
  enterpriseTags,
  identityTags,
  scales,
  type AgeBand,
  type Scale,
  type SubscriberKind,
} from './push.js';
import type { PushSubscriberTable } from './push.tables.js';

/**
 * Synthetic subscribers with a realistic mix, for the push bench and the tests that need many:
 * 30% enterprises (most of them small and micro, manufacturing and trade first), 65% citizens
 * (a tenth with identity tags), 5% topics only; 90% with profile matching on. A small
 * deterministic generator (mulberry32), so a seed gives the same population on both engines.
 */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticProfile {
  kind: SubscriberKind;
  profiling: boolean;
  industry: string | null;
  scale: Scale | null;
  regionId: string | null;
  enterpriseTags: string[];
  identityTags: string[];
  birthYear: number | null;
}

const classes = allClasses();
// Manufacturing (C, 13–43) and trade (F, 51–52) dominate a county's enterprises.
const busy = classes.filter((c) => /^(1[3-9]|[23]\d|4[0-3]|5[12])/.test(c));

export function syntheticProfile(
  rnd: () => number,
  regionIds: readonly string[],
  year: number,
): SyntheticProfile {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const r = rnd();
  const kind: SubscriberKind = r < 0.3 ? 'enterprise' : r < 0.95 ? 'citizen' : 'topics';
  const profiling = kind !== 'topics' && rnd() < 0.9;
  const regionId = kind === 'topics' || rnd() < 0.05 ? null : pick(regionIds);
  if (kind === 'enterprise') {
    const s = rnd();
    const scale: Scale | null =
      s < 0.02 ? 'large' : s < 0.1 ? 'medium' : s < 0.4 ? 'small' : s < 0.95 ? 'micro' : null;
    return {
      kind,
      profiling,
      industry: rnd() < 0.6 ? pick(busy) : pick(classes),
      scale,
      regionId,
      enterpriseTags: enterpriseTags.filter(() => rnd() < 0.08).map((t) => t.code),
      identityTags: [],
      birthYear: null,
    };
  }
  if (kind === 'citizen') {
    return {
      kind,
      profiling,
      industry: null,
      scale: null,
      regionId,
      enterpriseTags: [],
      identityTags: rnd() < 0.1 ? identityTags.filter(() => rnd() < 0.2).map((t) => t.code) : [],
      birthYear: rnd() < 0.9 ? year - 10 - Math.floor(rnd() * 80) : null,
    };
  }
  return {
    kind,
    profiling: false,
    industry: null,
    scale: null,
    regionId: null,
    enterpriseTags: [],
    identityTags: [],
    birthYear: null,
  };
}

/** A push_subscriber row for a synthetic profile (active and verified), as the services would store it. */
export function syntheticRow(
  cipher: FieldCipher,
  p: SyntheticProfile,
  seq: number,
  version: number,
  at: string,
  id: string,
): PushSubscriberTable {
  const email = `user${seq}@example.test`;
  return {
    id,
    seq,
    version,
    kind: p.kind,
    state: 'active',
    email_enc: cipher.encrypt(email),
    email_hash: cipher.blindIndex(`push-email:${email}`),
    mobile_enc: null,
    name_enc: null,
    credit_code: null,
    industry: p.industry,
    staff: null,
    revenue: null,
    assets: null,
    scale: p.scale,
    scale_declared: null,
    region_id: p.regionId,
    enterprise_tags_json: JSON.stringify(p.enterpriseTags),
    identity_tags_enc: p.identityTags.length ? cipher.encrypt(JSON.stringify(p.identityTags)) : null,
    birth_year: p.birthYear,
    profiling: p.profiling ? 1 : 0,
    frequency: 'immediate',
    channels_json: '["email","inbox"]',
    webhook_url: null,
    webhook_secret_enc: null,
    verify_code_hash: null,
    verify_expires_at: null,
    verify_attempts: 0,
    code_sent_at: null,
    verified_at: at,
    consent_at: at,
    consent_wording: '',
    last_digest_at: null,
    created_at: at,
    updated_at: at,
  };
}

export { ageBands, scales, type AgeBand };
