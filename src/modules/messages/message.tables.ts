// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/** Counter of 来信编号 per receiving agency and year (platform/db/sequence.ts). */
export interface MessageSequenceTable {
  agency_id: string;
  year: number;
  last_value: number;
}

/**
 * A 来信: a letter to a 领导信箱, a 网上信访 item, or one staff entered from post, phone or a visit
 * (issue 14). Its stage and due dates are derived from its events (message-clock.ts); the columns
 * below hold what lists need without them. Personal data and the letter itself are encrypted.
 */
export interface MessageTable {
  id: string;
  /** 来信编号, unique per receiving agency: e.g. 2026XX00012 (信箱) or 2026XF00003 (信访). */
  number: string;
  year: number;
  seq: number;
  /** The agency whose 信箱 or 信访 office received it, which dispatches it. */
  received_by: string;
  /** The agency that handles it now (主办): the receiving agency until it is dispatched. */
  agency_id: string;
  /** 协办 agencies, a JSON array of ids. */
  assist_json: string;
  regime: string;
  channel: string;
  ticket_type: string;
  /** 信访事项的类别, for 信访 only. */
  petition_class: string | null;
  /** 检举控告类: the agency accused, whose staff never see the item (信访工作条例第三十条). */
  accused_agency_id: string | null;
  anonymous: number;
  writer_name_enc: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  address_enc: string | null;
  email_enc: string | null;
  subject: string;
  content_enc: string;
  /** 单独同意 to publish (个人信息保护法第二十五条): when, and the wording agreed to. */
  consent_at: string | null;
  consent_wording: string | null;
  received_on: string;
  /** The latest reply (a 信访处理意见书 for 申诉求决类), its day and outcome (PetitionOutcome). */
  reply_enc: string | null;
  replied_on: string | null;
  outcome: string | null;
  /** Published in the agency's public list: the de-identified letter and reply, as the clerk approved them. */
  public_subject: string | null;
  public_content: string | null;
  public_reply: string | null;
  published_at: string | null;
  /** 并单: the 来信 this one was merged into. */
  merged_into: string | null;
  /** 转为依申请公开: the application made from it; or the application it was passed from (条例第三十九条). */
  request_id: string | null;
  from_request_id: string | null;
  handler_id: string | null;
  lookup_hash: string;
  created_at: string;
  updated_at: string;
}

/** A step of a 来信 (MessageEvent in message-clock.ts) with who took it and what they wrote. */
export interface MessageEventTable {
  id: string;
  message_id: string;
  type: string;
  occurred_on: string;
  at: string;
  actor_id: string | null;
  /** The agency acting (the dispatcher, the handler, the level above for a 复查). */
  agency_id: string;
  data_json: string | null;
}

/** A file the writer sent with the 来信 (a photo, a scanned document). */
export interface MessageFileTable {
  id: string;
  message_id: string;
  position: number;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  created_at: string;
}

/**
 * A 好差评 rating of a reply: of a 来信, or of an application's 答复 (subject `request`), with the
 * 差评 closed loop (回访核实, 整改 or 解释说明, 申诉复核).
 */
export interface MessageRatingTable {
  id: string;
  subject_type: string;
  subject_id: string;
  /** The agency rated: the one that replied. */
  agency_id: string;
  grade: string;
  dimensions_json: string | null;
  comment_enc: string | null;
  real_name: number;
  rated_on: string;
  /** 差评: 回访核实. */
  visited_on: string | null;
  visit_note: string | null;
  /** 整改 due (configured working days after the rating), and what was done: fix or explain. */
  fix_due: string | null;
  action: string | null;
  action_note: string | null;
  action_on: string | null;
  /** 申诉复核: the agency asks to exclude a mistaken or abusive rating; the office decides. */
  dispute_reason: string | null;
  disputed_on: string | null;
  /** 1: excluded from the figures; 0: kept; null: not decided. */
  dispute_upheld: number | null;
  dispute_decided_on: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    message_sequence: MessageSequenceTable;
    message_case: MessageTable;
    message_event: MessageEventTable;
    message_file: MessageFileTable;
    message_rating: MessageRatingTable;
  }
}
