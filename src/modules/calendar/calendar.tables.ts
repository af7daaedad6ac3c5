// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

export interface CalendarYearTable {
  year: number;
  notice: string;
  entered_at: string;
  entered_by: string | null;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  kind: string;
  name: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    calendar_year: CalendarYearTable;
    calendar_day: CalendarDayTable;
  }
}
