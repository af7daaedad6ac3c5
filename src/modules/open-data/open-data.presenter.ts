import { storedZip } from '../../platform/import/xlsx-guard.js';
import { rowObject, toCsv, type Dataset, type OpenTable } from './open-data.js';
import type { OpenData } from './open-data.service.js';

/** An address of this site: absolute when the installation knows its PUBLIC_URL. */
export function absolute(base: string | null, path: string): string {
  return `${(base ?? '').replace(/\/+$/, '')}${path}`;
}

/** A dataset as CKAN's package_show gives it (the fields CKAN clients read). */
export function ckanPackage(d: Dataset, data: OpenData, base: string | null) {
  return {
    id: d.name,
    name: d.name,
    title: d.title,
    notes: d.notes,
    type: 'dataset',
    state: 'active',
    private: false,
    license_id: data.license.name,
    license_title: data.license.title,
    license_url: data.license.path,
    author: data.publisher,
    maintainer: data.publisher,
    url: absolute(base, '/open-data'),
    metadata_modified: `${d.modified}T00:00:00`,
    owner_org: d.organization.id,
    organization: {
      id: d.organization.id,
      name: d.organization.id,
      title: d.organization.title,
      type: 'organization',
    },
    tags: d.tags.map((name) => ({ name, display_name: name })),
    extras: [
      { key: 'source', value: data.publisher },
      ...(d.year !== null ? [{ key: 'year', value: String(d.year) }] : []),
    ],
    num_resources: d.resources.length,
    num_tags: d.tags.length,
    resources: d.resources.map((r, position) => ({
      id: r.name,
      package_id: d.name,
      position,
      name: r.title,
      description: r.description,
      format: r.format,
      mimetype: r.format === 'CSV' ? 'text/csv' : 'application/json',
      url: absolute(base, r.path),
      last_modified: `${d.modified}T00:00:00`,
    })),
  };
}

/** CKAN's envelope of an answer. */
export const ckanSuccess = (result: unknown) => ({ success: true, result });

/** CKAN's envelope of a refusal: the message (Chinese, naming the parameter) and its kind. */
export function ckanError(status: number, message: string) {
  const type = status === 404 ? 'Not Found Error' : status === 429 ? 'Rate Limit Error' : 'Validation Error';
  return { success: false, error: { message, __type: type } };
}

/** The Table Schema of a table (Frictionless). */
export function tableSchema(t: OpenTable) {
  return {
    fields: t.fields.map((f) => ({ name: f.name, type: f.type, title: f.title, description: f.description })),
    primaryKey: [...t.primaryKey],
    missingValues: [''],
  };
}

/** A table as JSON: its schema and its rows as objects. */
export function tableJson(t: OpenTable, data: OpenData) {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    license: data.license.name,
    source: data.publisher,
    schema: tableSchema(t),
    rows: t.rows.map((r) => rowObject(t, r)),
  };
}

/** The bulk download's datapackage.json: a Frictionless Tabular Data Package. */
export function dataPackage(
  tables: readonly OpenTable[],
  data: OpenData,
  opts: { base: string | null; name: string; title: string },
) {
  return {
    profile: 'tabular-data-package',
    name: opts.name,
    title: opts.title,
    description: `${data.publisher}在政务公开平台上公开的全部数字：政府信息公开工作年度报告的表格，依申请公开、来信、好差评、12345 热线的统计，以及政府信息公开目录的元数据。只有件数和已公开的元数据，不含任何个人信息。`,
    licenses: [
      {
        name: data.license.name,
        title: data.license.title,
        ...(data.license.path ? { path: data.license.path } : {}),
      },
    ],
    sources: [{ title: data.publisher, path: absolute(opts.base, '/open-data') }],
    // The day's start, so the same figures make the same file (and ETag) all day.
    created: `${data.today}T00:00:00+08:00`,
    resources: tables.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      path: `data/${t.name}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: tableSchema(t),
    })),
  };
}

/** The bulk download: datapackage.json and one CSV per table, as a ZIP. */
export function dataPackageZip(
  tables: readonly OpenTable[],
  data: OpenData,
  opts: { base: string | null; name: string; title: string },
): Buffer {
  const json = JSON.stringify(dataPackage(tables, data, opts), null, 2);
  return storedZip([
    { name: 'datapackage.json', data: Buffer.from(`${json}\n`, 'utf8') },
    ...tables.map((t) => ({ name: `data/${t.name}.csv`, data: Buffer.from(toCsv(t), 'utf8') })),
  ]);
}
