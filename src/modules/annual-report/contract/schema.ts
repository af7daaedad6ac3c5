/**
 * The published JSON Schema of the annual-report document (annual-report.schema.json, draft-07)
 * and a validator whose errors are Chinese sentences that name the path in the document, written
 * the way findings name it (`requests.received`, `findings[0].check`).
 *
 * ajv is a CommonJS package: under NodeNext its default import is typed as the whole module, so
 * the class is taken by its named export `Ajv`, which exists both at run time and in the types.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from './annual-report.schema.json' with { type: 'json' };
import type { ReportData } from './report.js';

/** The JSON Schema of `ReportData` (draft-07), as parsed from annual-report.schema.json. */
export const annualReportJsonSchema: Readonly<Record<string, unknown>> = schemaJson;

export type ReportValidation = { ok: true } | { ok: false; errors: string[] };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile(annualReportJsonSchema);
  return compiled;
}

/** `/requests/withheld.stateSecret/3` → `requests.withheld.stateSecret[3]`; the root is 文档根. */
export function jsonPointerToPath(pointer: string): string {
  if (pointer === '') return '（文档根）';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

function childPath(pointer: string, key: string): string {
  const parent = jsonPointerToPath(pointer);
  return pointer === '' ? key : `${parent}.${key}`;
}

const typeNames: Record<string, string> = {
  integer: '整数',
  number: '数字',
  string: '字符串',
  object: '对象',
  array: '数组',
  boolean: '布尔值',
  null: 'null',
};

function describeValue(v: unknown): string {
  if (v === undefined) return '空';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function param(e: ErrorObject, name: string): unknown {
  return (e.params as Record<string, unknown>)[name];
}

/** One ajv error as a Chinese sentence that starts with the path it concerns. */
export function describeSchemaError(e: ErrorObject): string {
  const path = jsonPointerToPath(e.instancePath);
  switch (e.keyword) {
    case 'required': {
      const missing = String(param(e, 'missingProperty'));
      return `${childPath(e.instancePath, missing)}：缺少必填项“${missing}”`;
    }
    case 'additionalProperties': {
      const extra = String(param(e, 'additionalProperty'));
      return `${childPath(e.instancePath, extra)}：不认识的键“${extra}”，格式中没有这一项`;
    }
    case 'false schema':
      return `${path}：此处不允许这一项（2019 格式的报告没有这一行）`;
    case 'type': {
      const types = String(param(e, 'type'))
        .split(',')
        .map((t) => typeNames[t] ?? t)
        .join('或');
      return `${path}：应为${types}，实际为 ${describeValue(e.data)}`;
    }
    case 'minItems':
    case 'maxItems': {
      const n = Array.isArray(e.data) ? e.data.length : '?';
      const limit = Number(param(e, 'limit'));
      return e.keyword === 'minItems'
        ? `${path}：至少应有 ${limit} 个数，实际只有 ${n} 个`
        : `${path}：至多应有 ${limit} 个数，实际有 ${n} 个`;
    }
    case 'enum': {
      const allowed = (param(e, 'allowedValues') as unknown[]).map((v) => String(v)).join('、');
      return `${path}：取值 ${describeValue(e.data)} 不在允许的范围内（${allowed}）`;
    }
    case 'const':
      return `${path}：应为 ${describeValue(param(e, 'allowedValue'))}，实际为 ${describeValue(e.data)}`;
    case 'minimum':
      return `${path}：不应小于 ${String(param(e, 'limit'))}，实际为 ${describeValue(e.data)}`;
    case 'minLength':
      return `${path}：不应为空字符串`;
    default:
      return `${path}：不符合格式要求（${e.keyword}：${e.message ?? ''}）`;
  }
}

/**
 * Checks a document against the schema. On failure, one Chinese message per problem, each naming
 * the path (the `if` wrapper that ajv adds for the format-dependent parts is left out).
 */
export function validateReportData(doc: unknown): ReportValidation {
  const validate = validator();
  if (validate(doc)) return { ok: true };
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describeSchemaError);
  const unique = [...new Set(errors)];
  return { ok: false, errors: unique.length > 0 ? unique : ['（文档根）：不符合年度报告数据格式'] };
}

/** Report data kept in a column that no longer matches the contract: a damaged or foreign row. */
export class StoredReportInvalid extends Error {}

/**
 * Report data read back from the database, validated against the contract rather than trusted:
 * a row written by an older version or edited by hand fails here, with what is wrong, instead of
 * reaching a renderer or a check as a half-formed document.
 */
export function parseStoredReport(json: string, where: string): ReportData {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new StoredReportInvalid(`${where}：保存的年度报告数据不是有效的 JSON`);
  }
  const v = validateReportData(doc);
  if (!v.ok) throw new StoredReportInvalid(`${where}：保存的年度报告数据不符合格式：${v.errors.join('；')}`);
  return doc as ReportData;
}
