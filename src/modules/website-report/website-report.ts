import type { FieldError } from '../../platform/errors.js';
import {
  accountKindLabels,
  accountKinds,
  allFields,
  fieldByKey,
  fieldName,
  followerLabels,
  labelOf,
  sections,
  type AccountKind,
  type FieldDef,
} from './website-report.fields.js';

/**
 * The 政府网站工作年度报表's rules, without I/O: what the office may enter in each field, how a
 * computed figure and the office's override of it combine, what must be filled before the office
 * head signs it off, and the table's rows in the national layout (the HTML page and the XLSX file
 * are both drawn from these rows, so they cannot disagree).
 */

/** A figure the platform computed from its data, with how (计算口径). */
export interface Computed {
  value: string | null;
  basis: string;
}

export interface AccountLine {
  kind: AccountKind;
  name: string;
  posts: number;
  followers: number;
}

/** What the platform computed for a year: the fields it fills and the 主办单位's accounts. */
export interface ComputedFigures {
  fields: Record<string, Computed>;
  accounts: AccountLine[];
  accountsBasis: string;
}

/** What the office entered: values of the fields it fills, and overrides of computed ones. */
export interface Entries {
  values: Record<string, string>;
  overrides: Record<string, { value: string; reason: string }>;
}

export const emptyEntries = (): Entries => ({ values: {}, overrides: {} });

export type Source = 'computed' | 'entered' | 'override' | 'sum';
export const sourceLabels: Record<Source, string> = {
  computed: '平台计算',
  entered: '填报',
  override: '人工填报',
  sum: '合计',
};

export interface FieldValue {
  value: string | null;
  source: Source;
  basis?: string;
  /** Why the office overrode the computed figure. */
  reason?: string;
  /** The computed figure an override replaced. */
  computed?: string | null;
}

/** The whole report: every field's value and where it came from, the accounts. Frozen when published. */
export interface ReportData {
  format: 'gongkai.website-report/1';
  year: number;
  fields: Record<string, FieldValue>;
  accounts: AccountLine[];
  accountsBasis: string;
}

/** The form's input names of a computed field's override and its reason. */
export const overrideName = (key: string) => `${key}Override`;
export const reasonName = (key: string) => `${key}Reason`;

const yesNo: Record<string, string> = { 是: '是', 否: '否', yes: '是', no: '否' };

/** A value as typed, normalised, or the Chinese problem with it naming the field. */
export function checkValue(f: FieldDef, raw: string): { value: string } | { problem: string } {
  const v = raw.trim();
  const name = fieldName(f);
  switch (f.kind) {
    case 'count':
      // Leading zeros are dropped; at most 12 digits (a trillion visits is not a typo we keep).
      if (!/^\d+$/.test(v) || v.replace(/^0+(?=\d)/, '').length > 12)
        return { problem: `${name}应为不小于 0 的整数` };
      return { value: String(Number(v)) };
    case 'decimal':
      if (!/^\d{1,9}(\.\d{1,2})?$/.test(v)) return { problem: `${name}应为不小于 0 的数，最多两位小数` };
      return { value: String(Number(v)) };
    case 'yesNo':
      return yesNo[v] ? { value: yesNo[v] } : { problem: `${name}应选择“是”或“否”` };
    case 'choice':
      return f.options?.includes(v)
        ? { value: v }
        : { problem: `${name}应为${(f.options ?? []).map((o) => `“${o}”`).join('、')}之一` };
    case 'date': {
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
      return ok && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
        ? { value: v }
        : { problem: `${name}应为日期，如 2026-01-20` };
    }
    case 'phone':
      // The 报表 is public: an office line, never a person's mobile number.
      if (/(?<!\d)1[3-9]\d{9}(?!\d)/.test(v.replace(/[\s-]/g, '')))
        return { problem: `${name}应填写办公电话，报表公开发布，不能填写个人手机号码` };
      return /^[0-9()（）+\- ]{7,20}$/.test(v)
        ? { value: v }
        : { problem: `${name}应为电话号码，如 0595-85681234` };
    case 'text':
      return v.length <= 200 ? { value: v } : { problem: `${name}不超过 200 个字` };
    case 'sum':
      return { problem: `${name}由各分项自动合计，不能填写` };
  }
}

/**
 * The form's entries, checked field by field: every problem at once, each naming its field in
 * Chinese. An empty box is allowed in a draft (it is asked for at publication); an override needs
 * its reason, and a reason without an override is refused too (it would be lost).
 */
export function parseEntries(body: Record<string, unknown>): { entries: Entries; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const entries = emptyEntries();
  const str = (name: string) => {
    const v = body[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  for (const f of allFields) {
    if (f.kind === 'sum') continue;
    if (f.computed) {
      const raw = str(overrideName(f.key));
      const reason = str(reasonName(f.key));
      if (raw === '') {
        if (reason !== '')
          errors.push({
            field: overrideName(f.key),
            message: `填写了${fieldName(f)}的更改理由，但没有填写更改后的数值`,
          });
        continue;
      }
      const checked = checkValue(f, raw);
      if ('problem' in checked) errors.push({ field: overrideName(f.key), message: checked.problem });
      else if (reason === '')
        errors.push({
          field: reasonName(f.key),
          message: `更改平台计算的${fieldName(f)}须写明理由`,
        });
      else if (reason.length > 200)
        errors.push({ field: reasonName(f.key), message: `${fieldName(f)}的更改理由不超过 200 个字` });
      else entries.overrides[f.key] = { value: checked.value, reason };
      continue;
    }
    const raw = str(f.key);
    if (raw === '') continue;
    const checked = checkValue(f, raw);
    if ('problem' in checked) errors.push({ field: f.key, message: checked.problem });
    else entries.values[f.key] = checked.value;
  }
  return { entries, errors };
}

/** The report from the platform's figures and the office's entries: each field's value and source. */
export function compose(year: number, computed: ComputedFigures, entries: Entries): ReportData {
  const fields: Record<string, FieldValue> = {};
  for (const f of allFields) {
    if (f.kind === 'sum') continue;
    if (f.computed) {
      const c = computed.fields[f.key] ?? { value: null, basis: '' };
      const o = entries.overrides[f.key];
      fields[f.key] = o
        ? { value: o.value, source: 'override', basis: c.basis, reason: o.reason, computed: c.value }
        : { value: c.value, source: 'computed', basis: c.basis };
    } else {
      fields[f.key] = { value: entries.values[f.key] ?? null, source: 'entered' };
    }
  }
  for (const f of allFields) {
    if (f.kind !== 'sum') continue;
    const parts = (f.of ?? []).map((k) => fields[k]?.value);
    const known = parts.filter((p): p is string => p !== null && p !== undefined);
    fields[f.key] = {
      value: known.length ? String(known.reduce((s, p) => s + Number(p), 0)) : null,
      source: 'sum',
      basis: `${(f.of ?? []).map((k) => fieldByKey.get(k)!.label).join(' + ')}`,
    };
  }
  return {
    format: 'gongkai.website-report/1',
    year,
    fields,
    accounts: computed.accounts,
    accountsBasis: computed.accountsBasis,
  };
}

/**
 * What stops the office head signing the report off: each field still empty (but those that may
 * stay empty), and each figure above the one it is part of (办结 above 收到 …), by field.
 */
export function problemsOf(data: ReportData): FieldError[] {
  const out: FieldError[] = [];
  const inputOf = (f: FieldDef) => (f.computed ? overrideName(f.key) : f.key);
  for (const f of allFields) {
    const v = data.fields[f.key]?.value ?? null;
    if ((v === null || v === '') && !f.optional && f.kind !== 'sum')
      out.push({
        field: inputOf(f),
        message: f.computed ? `平台未能计算${fieldName(f)}，请填写并说明理由` : `请填写${fieldName(f)}`,
      });
  }
  for (const f of allFields) {
    if (!f.notMore) continue;
    const v = data.fields[f.key]?.value;
    const cap = data.fields[f.notMore]?.value;
    if (v && cap && Number(v) > Number(cap)) {
      const other = fieldByKey.get(f.notMore)!;
      out.push({
        field: inputOf(f),
        message: `${fieldName(f)}（${v}）不能大于${fieldName(other)}（${cap}）`,
      });
    }
  }
  return out;
}

/** One row of the table in the national layout. */
export interface TableRow {
  /** The section's heading (信息发布（条）…); null for the site's block and the footer. */
  section: string | null;
  /** A sub-heading inside the section (留言办理, 微博 …). */
  group: string | null;
  label: string;
  value: string;
  /** 其中: a part of the row above. */
  part: boolean;
  /** 人工填报：reason, for an override. */
  note: string | null;
}

/** The table's rows, top to bottom, from the report's data. */
export function tableRows(data: ReportData): TableRow[] {
  const rows: TableRow[] = [];
  for (const s of sections) {
    const heading = s.label ? (s.unit ? `${s.label}（${s.unit}）` : s.label) : null;
    for (const f of s.fields) {
      const v = data.fields[f.key];
      rows.push({
        section: heading,
        group: f.group ?? null,
        label: f.part ? `其中：${labelOf(f)}` : labelOf(f),
        value: v?.value ?? '',
        part: f.part === true,
        note: v?.source === 'override' ? `人工填报：${v.reason}` : null,
      });
    }
    if (!s.accounts) continue;
    for (const kind of accountKinds) {
      const list = data.accounts.filter((a) => a.kind === kind);
      const group = accountKindLabels[kind];
      if (list.length === 0)
        rows.push({ section: heading, group, label: '名称', value: '无', part: false, note: null });
      for (const a of list) {
        rows.push({ section: heading, group, label: '名称', value: a.name, part: false, note: null });
        rows.push({
          section: heading,
          group,
          label: '信息发布量（条）',
          value: String(a.posts),
          part: false,
          note: null,
        });
        rows.push({
          section: heading,
          group,
          label: followerLabels[kind],
          value: String(a.followers),
          part: false,
          note: null,
        });
      }
    }
  }
  return rows;
}

/** The report's title: 2025年度政府网站工作年度报表（晋江市人民政府）. */
export function titleOf(data: ReportData): string {
  const site = data.fields.siteName?.value;
  return `${data.year}年度政府网站工作年度报表${site ? `（${site}）` : ''}`;
}

/** Reads stored entries, tolerating none. */
export function parseStoredEntries(json: string): Entries {
  const e = JSON.parse(json) as Partial<Entries>;
  return { values: e.values ?? {}, overrides: e.overrides ?? {} };
}
