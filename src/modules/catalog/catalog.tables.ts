// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

/** A 基层政务公开标准目录 of one agency for one domain (legal.md §5.2), or a local domain. */
export interface CatalogTable {
  id: string;
  agency_id: string;
  /** One of the 26 pilot domains' codes, `village`, or `local:<id>` for a domain the agency adds. */
  domain_code: string;
  domain_name: string;
  /** domain | local | village */
  kind: string;
  /** Raised by every change; catalog_version keeps each one. */
  version: number;
  derived_from_catalog_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One 公开事项 of a catalog, with the columns of legal.md §5.3. */
export interface CatalogItemTable {
  id: string;
  catalog_id: string;
  parent_id: string | null;
  /** 1 一级事项, 2 二级事项, 3 三级事项: the parent's level plus one. */
  level: number;
  /** 1-based order among its siblings. */
  position: number;
  name: string;
  content_elements: string;
  basis: string;
  time_limit: string;
  subject: string;
  /** JSON array of 公开渠道和载体 labels. */
  channels: string;
  /** 全社会 | 特定群众 */
  audience: string | null;
  /** 主动 | 依申请 */
  method: string | null;
  /** JSON array of 县级 / 乡级. */
  tiers: string;
  item_type: string | null;
  process: string | null;
  derived_from_item_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A catalog as it stood after one change: the whole item tree as JSON. */
export interface CatalogVersionTable {
  id: string;
  catalog_id: string;
  version: number;
  actor_id: string | null;
  actor_label: string;
  changed_at: string;
  summary: string;
  snapshot: string;
}

/** A published 主动公开 record filed under a catalog item. */
export interface RecordCatalogLinkTable {
  record_id: string;
  catalog_item_id: string;
  linked_by: string | null;
  linked_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    catalog: CatalogTable;
    catalog_item: CatalogItemTable;
    catalog_version: CatalogVersionTable;
    record_catalog_link: RecordCatalogLinkTable;
  }
}
