// Row shapes of the media module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/** A government new-media account (政务新媒体账号) of an agency (its 主办单位). */
export interface MediaAccountTable {
  id: string;
  /** 主办单位. */
  agency_id: string;
  /** media.ts Platform. */
  platform: string;
  /** media.ts PlatformGroup (微信公众号 = 订阅号 and 服务号): one account per agency per group. */
  platform_group: string;
  name: string;
  /** 原始ID / UID. */
  account_ref: string | null;
  url: string | null;
  /** 运维单位. */
  operator_org: string | null;
  /** 认证主体. */
  verified_entity: string | null;
  /** Interaction channels, comma-separated codes (media.ts Channel). */
  channels: string;
  /** media.ts AccountStatus. */
  status: string;
  opened_on: string | null;
  closed_on: string | null;
  /** media.ts FilingStatus and 备案号. */
  filing_status: string;
  filing_no: string | null;
  /** 负责人 and 联系电话, encrypted (FieldCipher); null when none recorded. */
  manager_name_enc: string | null;
  manager_phone_enc: string | null;
  /**
   * The latest post date known (YYYY-MM-DD), recomputed from the account's activity rows after
   * every write (media-activity.service.ts `refreshLastPost`), so a correction can move it back.
   */
  last_post_on: string | null;
  created_at: string;
  updated_at: string;
}

/** 开设、变更、关停、注销: each with its date and 审批文号. */
export interface MediaEventTable {
  id: string;
  agency_id: string;
  account_id: string;
  /** media.ts EventKind. */
  kind: string;
  occurred_on: string;
  approval_no: string | null;
  note: string | null;
  created_at: string;
}

/** An account's activity for a day or a month. */
export interface MediaActivityTable {
  id: string;
  agency_id: string;
  account_id: string;
  /** day or month. */
  period: string;
  /** The period's first day, YYYY-MM-DD. */
  period_start: string;
  posts: number;
  /** 转载 of higher-level content. */
  reposts: number;
  messages_received: number;
  messages_answered: number;
  /** 粉丝/关注数 at the period's end (a snapshot); null when not counted. */
  followers: number | null;
  reads: number;
  /** The last post within the period, when known. */
  last_post_on: string | null;
  /** media.ts Observer. */
  observed_by: string;
  created_at: string;
  updated_at: string;
}

/** What the daily check found (the 19号 rules), kept per day as the record of the watch. */
export interface MediaFindingTable {
  id: string;
  agency_id: string;
  account_id: string;
  checked_on: string;
  /** media.ts FindingKind. */
  kind: string;
  /** Days without a post, or messages unanswered. */
  measured: number | null;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    media_account: MediaAccountTable;
    media_event: MediaEventTable;
    media_activity: MediaActivityTable;
    media_finding: MediaFindingTable;
  }
}
