// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/**
 * One 12345 工单 as the hotline's own system exported it (issue 14; services.md §3.3). Times are
 * Beijing wall-clock time as the export writes them, `YYYY-MM-DD HH:MM:SS`, so a month is a range
 * of text. The 诉求内容 may name people, addresses and telephone numbers: kept encrypted.
 */
export interface HotlineTicketTable {
  id: string;
  /** 承办单位: an agency of the tree. */
  agency_id: string;
  /** 工单编号, unique: importing it again updates the ticket. */
  ticket_number: string;
  /** 受理时间. */
  received_at: string;
  /** 诉求类型 (hotline.ts TicketType). */
  ticket_type: string;
  /** 诉求内容, encrypted (FieldCipher). */
  content_enc: string;
  /** 办理时限. */
  due_at: string;
  /** 办结时间. */
  closed_at: string | null;
  /** 回访时间. */
  visited_at: string | null;
  /** 满意度 (hotline.ts Satisfaction). */
  satisfaction: string;
  /** 是否有效: 1 or 0. */
  valid: number;
  /** The 依申请公开 application made from it, when its 诉求 was a request for information. */
  request_id: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    hotline_ticket: HotlineTicketTable;
  }
}
