// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/**
 * One row: the subscribers' counter and the matching index's clock. Every change of a subscriber
 * takes the next `version` under this row's lock, so versions commit in order and a process's
 * index catches up by reading the rows of a higher version (profile-index.service.ts).
 */
export interface PushStateTable {
  id: string;
  /** Random, set when the tables were made: names this database in a process's index cache. */
  epoch: string;
  version: number;
  last_seq: number;
  /** Subscribers deleted so far: a change tells every index to rebuild. */
  deletions: number;
}

/**
 * 订阅者: an enterprise, a person, or someone who only follows topics (issue 15). The e-mail,
 * mobile, name and identity tags are encrypted; the blind index of the e-mail finds the row.
 */
export interface PushSubscriberTable {
  id: string;
  /** Number in the matching index. */
  seq: number;
  version: number;
  kind: string;
  /** pending (e-mail not yet verified), active, stopped (退订). */
  state: string;
  email_enc: string;
  email_hash: string;
  mobile_enc: string | null;
  name_enc: string | null;
  credit_code: string | null;
  industry: string | null;
  staff: number | null;
  /** 元. */
  revenue: number | null;
  assets: number | null;
  /** By the 300号 table; `scale_declared` is what the enterprise said. */
  scale: string | null;
  scale_declared: string | null;
  region_id: string | null;
  enterprise_tags_json: string;
  /** JSON array of identity tag codes, encrypted; a sensitive one only while its consent stands. */
  identity_tags_enc: string | null;
  birth_year: number | null;
  /** 按画像推送 (PIPL art 24): 0 when the subscriber turned it off. */
  profiling: number;
  frequency: string;
  channels_json: string;
  webhook_url: string | null;
  webhook_secret_enc: string | null;
  verify_code_hash: string | null;
  verify_expires_at: string | null;
  verify_attempts: number;
  /** When the last code was mailed: at most one a minute. */
  code_sent_at: string | null;
  verified_at: string | null;
  consent_at: string;
  consent_wording: string;
  last_digest_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 单独同意 for one sensitive tag (PIPL art 29): given and withdrawn, with the wording, encrypted. */
export interface PushConsentTable {
  id: string;
  subscriber_id: string;
  /** The tag and the wording agreed to, as encrypted JSON. */
  subject_enc: string;
  given_at: string;
  withdrawn_at: string | null;
}

/** A topic followed without a profile: an agency, a catalog item, a 主题分类 or a keyword. */
export interface PushFollowTable {
  id: string;
  subscriber_id: string;
  kind: string;
  value: string;
  label: string;
  created_at: string;
}

/** 推送类别 (3类22项 by default), edited by the office. */
export interface PushCategoryTable {
  id: string;
  class: string;
  name: string;
  domains_json: string;
  position: number;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 推送对象规则 of a record or a catalog item. */
export interface PushRuleTable {
  id: string;
  agency_id: string;
  target_kind: string;
  target_id: string;
  category_id: string | null;
  rule_json: string;
  description: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One policy to one subscriber on one channel: at most one, by the unique key, however many
 * workers match. A deleted subscriber's rows lose the subscriber (kept, anonymous, for figures).
 */
export interface PushDeliveryTable {
  id: string;
  subscriber_id: string | null;
  /**
   * Who received it, for the figures: the subscriber's id, replaced by a random one when they are
   * deleted (the figures still count people, nothing links them to anyone).
   */
  person: string;
  target_kind: string;
  target_id: string;
  rule_id: string | null;
  category_id: string | null;
  /** The agency of the policy (the figures' scope). */
  agency_id: string;
  title: string;
  url: string;
  /** Why it was sent (the rule in plain Chinese, or the topic followed), encrypted. */
  reason_enc: string;
  channel: string;
  state: string;
  /** Waiting for the subscriber's daily or weekly digest. */
  digest: number;
  month: string;
  matched_at: string;
  sent_at: string | null;
  opened_at: string | null;
  stopped_at: string | null;
  /** When a worker took it to send (a take older than ten minutes is taken again). */
  claimed_at: string | null;
  attempts: number;
  last_error: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    push_state: PushStateTable;
    push_subscriber: PushSubscriberTable;
    push_consent: PushConsentTable;
    push_follow: PushFollowTable;
    push_category: PushCategoryTable;
    push_rule: PushRuleTable;
    push_delivery: PushDeliveryTable;
  }
}

/** E-mail kept instead of sent when no SMTP server is configured (PUSH_SMTP_URL empty). */
export interface PushOutboxTable {
  id: string;
  to_enc: string;
  /** Blind index of the address, so a deleted subscriber's mail goes too. */
  to_hash: string;
  subject: string;
  body_enc: string;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    push_outbox: PushOutboxTable;
  }
}
