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

declare module '../../platform/db/schema.js' {
  interface Database {
    request_sequence: RequestSequenceTable;
    request: RequestTable;
    request_event: RequestEventTable;
    request_letter: RequestLetterTable;
    request_file: RequestFileTable;
  }
}
