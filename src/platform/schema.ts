import { ValidationError, type FieldError } from './errors.js';

/**
 * A small input-schema kit: one declaration gives the parser every door uses (form, API, CLI),
 * the TypeScript type, and the JSON Schema that goes into the OpenAPI document. Messages are
 * Chinese and name the field by its UI label, so a clerk knows which box to fix.
 */

export interface Field<T> {
  label: string;
  optional: boolean;
  parse(raw: unknown, label: string): T;
  json: Record<string, unknown>;
}

/**
 * What a field's `parse` throws for bad input; `object()` reports it as that field's error and
 * lets anything else through as a bug. Exported so another kit can declare its own fields (the
 * import kit's ✓ marks and lists).
 */
export class FieldProblem extends Error {}
class Bad extends FieldProblem {}

function asText(raw: unknown, label: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  // e.g. a form that sent the same field twice
  throw new Bad(`${label}格式不正确，应为单个值`);
}

export interface TextOptions {
  max?: number;
  min?: number;
  pattern?: RegExp;
  patternMessage?: string;
  check?: (value: string) => string | null;
}

export function text(label: string, opts: TextOptions = {}): Field<string> {
  return {
    label,
    optional: false,
    json: { type: 'string', description: label, ...(opts.max ? { maxLength: opts.max } : {}) },
    parse(raw, l) {
      const v = asText(raw, l);
      if (v === undefined || v === '') throw new Bad(`请填写${l}`);
      if (opts.min && [...v].length < opts.min) throw new Bad(`${l}至少 ${opts.min} 个字符`);
      if (opts.max && [...v].length > opts.max) throw new Bad(`${l}不能超过 ${opts.max} 个字符`);
      if (opts.pattern && !opts.pattern.test(v)) throw new Bad(opts.patternMessage ?? `${l}格式不正确`);
      const problem = opts.check?.(v);
      if (problem) throw new Bad(problem);
      return v;
    },
  };
}

export function optional<T>(field: Field<T>): Field<T | null> {
  return {
    label: field.label,
    optional: true,
    json: field.json,
    parse(raw, l) {
      if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
      return field.parse(raw, l);
    },
  };
}

export function oneOf<const V extends string>(
  label: string,
  values: readonly V[],
  labels?: Record<V, string>,
): Field<V> {
  return {
    label,
    optional: false,
    json: { type: 'string', enum: [...values], description: label },
    parse(raw, l) {
      const v = asText(raw, l);
      if (v === undefined || v === '') throw new Bad(`请选择${l}`);
      const found = values.find((x) => x === v || labels?.[x] === v);
      if (!found) throw new Bad(`${l}应为${values.map((x) => labels?.[x] ?? x).join('、')}之一`);
      return found;
    },
  };
}

/**
 * A calendar date, YYYY-MM-DD, that exists (no 2024-02-30, no month 13). Kept as text, as
 * dates are stored.
 */
export function date(label: string): Field<string> {
  return {
    label,
    optional: false,
    json: { type: 'string', format: 'date', description: label },
    parse(raw, l) {
      const v = asText(raw, l);
      if (v === undefined || v === '') throw new Bad(`请填写${l}`);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) throw new Bad(`${l}应为 YYYY-MM-DD 格式，例如 2026-01-31`);
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (
        d.getUTCFullYear() !== Number(m[1]) ||
        d.getUTCMonth() !== Number(m[2]) - 1 ||
        d.getUTCDate() !== Number(m[3])
      ) {
        throw new Bad(`${l}“${v}”不是有效日期`);
      }
      return v;
    },
  };
}

export function integer(label: string, min: number, max: number): Field<number> {
  return {
    label,
    optional: false,
    json: { type: 'integer', minimum: min, maximum: max, description: label },
    parse(raw, l) {
      const v = asText(raw, l);
      if (v === undefined || v === '') throw new Bad(`请填写${l}`);
      if (!/^-?\d+$/.test(v)) throw new Bad(`${l}应为整数`);
      const n = Number(v);
      if (n < min || n > max) throw new Bad(`${l}应在 ${min} 到 ${max} 之间`);
      return n;
    },
  };
}

export type Shape = Record<string, Field<unknown>>;
export type Infer<S extends Shape> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export interface ObjectSchema<S extends Shape> {
  shape: S;
  /** Parses every field and reports every bad one at once. */
  parse(input: unknown): Infer<S>;
  /** JSON Schema for the OpenAPI document; `partial` for PATCH bodies, where nothing is required. */
  json(opts?: { partial?: boolean }): Record<string, unknown>;
}

export function object<S extends Shape>(shape: S): ObjectSchema<S> {
  function run(input: unknown): Record<string, unknown> {
    const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const errors: FieldError[] = [];
    for (const [key, field] of Object.entries(shape)) {
      try {
        out[key] = field.parse(src[key], field.label);
      } catch (e) {
        if (e instanceof FieldProblem) errors.push({ field: key, message: e.message });
        else throw e;
      }
    }
    if (errors.length) throw new ValidationError(errors);
    return out;
  }
  return {
    shape,
    parse: (input) => run(input) as Infer<S>,
    json: (opts = {}) => ({
      type: 'object',
      properties: Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, f.json])),
      required: opts.partial
        ? []
        : Object.entries(shape)
            .filter(([, f]) => !f.optional)
            .map(([k]) => k),
    }),
  };
}

export const patterns = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /** Landline with area code, mobile, or 12345-style hotline; separators allowed. */
  phone: /^[0-9０-９+（）()\-—－\s、,，转]{5,40}$/,
  postcode: /^\d{6}$/,
};
