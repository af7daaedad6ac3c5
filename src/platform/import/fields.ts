import { FieldProblem, type Field } from '../schema.js';

/**
 * Fields that spreadsheets and archives need beyond the schema kit's: a tick in a box, and a
 * list written in one cell or as a JSON array.
 */

/** What people type or paste for “yes” in a tick column, Excel and WPS symbols alike. */
const TICKS = new Set(['✓', '√', '✔', '☑', '■', '●', '是', 'v', 'y', 'yes', '1', 'true', '有']);
const BLANKS = new Set(['', '□', '☐', '否', '×', '✗', '无', '0', 'false', 'n', 'no', '-', '—', '/']);

/**
 * A tick column: true for ✓ (or √ ✔ ■ 是 …), false for an empty cell (or □ 否 …); anything else
 * is a problem naming the column. `mark` (default “✓”) is the tick the message asks for.
 */
export function tick(label: string, opts: { mark?: string } = {}): Field<boolean> {
  const mark = opts.mark ?? '✓';
  return {
    label,
    optional: false,
    json: { type: 'boolean', description: label },
    parse(raw, l) {
      if (raw === undefined || raw === null) return false;
      if (typeof raw === 'boolean') return raw;
      if (typeof raw !== 'string' && typeof raw !== 'number')
        throw new FieldProblem(`${l}应填“${mark}”或留空`);
      const v = String(raw).normalize('NFKC').trim().toLowerCase();
      if (TICKS.has(v)) return true;
      if (BLANKS.has(v)) return false;
      throw new FieldProblem(`${l}应填“${mark}”或留空，不能是“${String(raw).trim()}”`);
    },
  };
}

export interface ListOptions {
  /** Fewest items; 0 lets the field be empty (and its column be left out). Default 1. */
  min?: number;
  maxItems?: number;
  /** Longest item, in characters. */
  maxLength?: number;
}

/**
 * Several values: a JSON array of strings, or one text separated by 、，,；; or line breaks (as a
 * cell holds them). Items are trimmed and empty ones dropped.
 */
export function list(label: string, opts: ListOptions = {}): Field<string[]> {
  const min = opts.min ?? 1;
  return {
    label,
    optional: min === 0,
    json: {
      type: 'array',
      items: { type: 'string', ...(opts.maxLength ? { maxLength: opts.maxLength } : {}) },
      description: label,
    },
    parse(raw, l) {
      let items: string[];
      if (raw === undefined || raw === null) items = [];
      else if (Array.isArray(raw)) {
        if (!raw.every((x) => typeof x === 'string' || typeof x === 'number'))
          throw new FieldProblem(`${l}应为文字列表`);
        items = raw.map((x) => String(x).trim()).filter(Boolean);
      } else if (typeof raw === 'string' || typeof raw === 'number') {
        items = String(raw)
          .split(/[、，,；;\r\n]+/)
          .map((x) => x.trim())
          .filter(Boolean);
      } else throw new FieldProblem(`${l}应为文字列表`);
      if (items.length < min) throw new FieldProblem(min === 1 ? `请填写${l}` : `${l}至少 ${min} 项`);
      if (opts.maxItems !== undefined && items.length > opts.maxItems)
        throw new FieldProblem(`${l}不能超过 ${opts.maxItems} 项`);
      const long = opts.maxLength ? items.find((x) => [...x].length > opts.maxLength!) : undefined;
      if (long) throw new FieldProblem(`${l}中的“${long}”超过 ${opts.maxLength} 个字符`);
      return items;
    },
  };
}
