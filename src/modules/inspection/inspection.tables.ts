// Row shapes of the inspection module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/** A website the office inspects (被检查网站), with the agency responsible for it (主办单位). */
export interface InspectedSiteTable {
  id: string;
  agency_id: string;
  /** 网站名称. */
  name: string;
  /** 首页地址 (http/https); the crawler stays on its host (and under its path when it has one). */
  url: string;
  /** 网站标识码, when known. */
  site_code: string | null;
  /** 1 for the platform's own portal: its 来信 backlog is the interaction indicator. */
  own_portal: number;
  /** Per-site column rules, JSON (rules.ts ColumnRule[]). */
  column_rules: string;
  /** Pages fetched per run at most. */
  page_limit: number;
  /** 1: probed and crawled on schedule; 0: paused (kept with its history). */
  active: number;
  created_at: string;
  updated_at: string;
}

/** One availability probe of a site's home page (at least 20 a day; 15 s timeout). */
export interface SiteProbeTable {
  id: string;
  agency_id: string;
  site_id: string;
  at: string;
  ok: number;
  status: number | null;
  ms: number | null;
  /** Why it failed, in Chinese. */
  error: string | null;
}

/** One inspection of one site: its crawl, then its evaluation. */
export interface InspectionRunTable {
  id: string;
  agency_id: string;
  site_id: string;
  /** `schedule` | `manual`. */
  trigger: string;
  /** `queued` | `crawling` | `done` | `failed`. */
  state: string;
  queued_by: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** RobotsDecision, JSON. */
  robots: string | null;
  pages: number;
  links: number;
  /** Evaluation verdict: `veto` | `fail` | `pass`. */
  verdict: string | null;
  score: number | null;
  /** The evaluation without its per-page results (vetoes, deductions, columns, broken links …), JSON. */
  summary: string | null;
  /** Why the run failed, in Chinese. */
  error: string | null;
}

/** The run's frontier: one row per address met (CrawledUrl as JSON once done). */
export interface InspectionUrlTable {
  id: string;
  agency_id: string;
  run_id: string;
  url: string;
  /** `pending` | `done`. */
  state: string;
  /** CrawledUrl kind: `page` | `link` | `attachment`. */
  kind: string;
  /** Depth from the home page (0): pending entries are taken breadth first. */
  depth: number;
  /** Order in which it was met. */
  seq: number;
  /** Order in which it was finished. */
  done_seq: number | null;
  /** The frontier entry (depth, where found) while pending; the CrawledUrl once done. JSON. */
  data: string;
}

/** One result of a run (CheckResult), with a person's decision on a 待人工确认 result. */
export interface InspectionResultTable {
  id: string;
  agency_id: string;
  run_id: string;
  seq: number;
  indicator: string;
  outcome: string;
  rule: string;
  impact: string | null;
  message: string;
  /** Evidence[], JSON. */
  evidence: string;
  /** `confirmed` | `dismissed` for a reviewed 待人工确认 result. */
  review: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    inspected_site: InspectedSiteTable;
    site_probe: SiteProbeTable;
    inspection_run: InspectionRunTable;
    inspection_url: InspectionUrlTable;
    inspection_result: InspectionResultTable;
  }
}
