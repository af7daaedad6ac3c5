import type { Provenance, RequestRowKey } from './report.js';

/**
 * What reading a published report's text learnt beyond its figures: what was blank, missing or
 * unreadable, and where. The reader (published/reader) fills it in; the contract's completeness
 * and blank checks take it, so a report read from its text is checked by the same checks as one
 * built on the platform.
 */
export interface ReadInfo {
  blankCells: Array<{ row: RequestRowKey; columns: number[]; line: number }>;
  /** Rows of table 三 not in the text at all (cut off). */
  missingRows: RequestRowKey[];
  /** Rows or items seen but not readable with confidence. */
  unreadable: Array<{ where: string; line: number | null; reason: string }>;
  provenance: Record<string, Provenance>;
  sections: {
    overview: boolean;
    proactive: boolean;
    requests: boolean;
    appeals: boolean;
    problems: boolean;
    other: boolean;
  };
  /** Section 六's text, for the fee statement of the 2021 format. */
  otherText: string | null;
  lineCount: number;
}
