// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

export interface RequestSequenceTable {
  agency_id: string;
  year: number;
  last_value: number;
}

export interface RequestTable {
  id: string;
  agency_id: string;
  year: number;
  seq: number;
  acceptance_number: string;
  /** 申请方式 (SubmissionChannel). */
  submission_channel: string;
  applicant_type: string;
  applicant_name: string;
  organization_code: string | null;
  id_type: string;
  /** Encrypted (FieldCipher); the index finds the same applicant without decrypting. */
  id_number_enc: string;
  id_number_index: string;
  phone_enc: string;
  address_enc: string | null;
  /** Encrypted (FieldCipher) since 0023; a row stored before keeps it plain until the next start. */
  email: string | null;
  description: string;
  /** 提供形式 (DeliveryFormat). */
  delivery_format: string;
  delivery_method: string;
  received_on: string;
  submitted_at: string;
  registered_by: string | null;
  lookup_hash: string;
  created_at: string;
  updated_at: string;
  replied_on: string | null;
  withdrawn_on: string | null;
  /** The day the case ended, however it ended (reply, withdrawal, 补正 or fee not given in time). */
  closed_on: string | null;
  /** The outcome, as the annual report's row key (granted, withheld.stateSecret, other.feeUnpaid …). */
  outcome: string | null;
  /** The clerk handling it: the only one who sees the applicant's personal data unmasked. */
  handler_id: string | null;
  /**
   * Blind indexes of the mobile number in the 联系电话 ('' when it holds none) and of the e-mail
   * address, to find an applicant's cases by their contact (找回受理编号); null: not yet indexed.
   */
  phone_index: string | null;
  email_index: string | null;
}

export interface RequestEventTable {
  id: string;
  request_id: string;
  agency_id: string;
  type: string;
  occurred_on: string;
  at: string;
  actor_id: string | null;
  data_json: string | null;
}

export interface RequestLetterTable {
  id: string;
  request_id: string;
  agency_id: string;
  kind: string;
  title: string;
  body: string;
  issued_on: string;
  created_at: string;
  created_by: string | null;
}

/** A file of a case: sent with a reply (purpose `reply`) or with the applicant's 补正 (`supplement`). */
export interface RequestFileTable {
  id: string;
  request_id: string;
  agency_id: string;
  /** The event (replied, supplemented) the file came with. */
  event_id: string;
  purpose: string;
  position: number;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  created_at: string;
  created_by: string | null;
}

/** A 找回码 sent to an applicant's contact: opens the cases it names once, until it expires. */
export interface RequestRecoveryTable {
  id: string;
  job_id: string;
  contact_index: string;
  request_ids_json: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** How many times a contact asked for a 找回码 on a (Beijing) day, whether or not it has cases. */
export interface RequestRecoveryCountTable {
  contact_index: string;
  day: string;
  attempts: number;
}

/** A message to an applicant waiting for the SMS or e-mail gateway; recipient and text encrypted. */
export interface RequestOutboxTable {
  id: string;
  /** ContactChannel: sms, email. */
  channel: string;
  recipient_enc: string;
  subject: string;
  body_enc: string;
  created_at: string;
  /** The 找回码 in it stops working then: not worth sending afterwards. */
  expires_at: string;
  /** Handed to the gateway (`gongkai requests outbox --take`); null while queued. */
  taken_at: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    request_sequence: RequestSequenceTable;
    request: RequestTable;
    request_event: RequestEventTable;
    request_letter: RequestLetterTable;
    request_file: RequestFileTable;
    request_recovery: RequestRecoveryTable;
    request_recovery_count: RequestRecoveryCountTable;
    request_outbox: RequestOutboxTable;
  }
}
