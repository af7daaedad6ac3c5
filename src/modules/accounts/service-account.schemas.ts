import { FieldProblem, integer, object, optional, text, type Field } from '../../platform/schema.js';

export const serviceAccountSchema = object({
  name: text('服务账号名称', { max: 60 }),
  agency: text('所属机构', { max: 100 }),
});

/** Scope names: a list, or one text separated by commas or spaces (the CLI's `--scope a,b`). */
const scopeList: Field<string[]> = {
  label: '权限范围',
  optional: false,
  json: { type: 'array', items: { type: 'string' }, description: '权限范围' },
  parse(raw, label) {
    const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    const names = items.flatMap((v) => {
      if (typeof v !== 'string') throw new FieldProblem(`${label}应为名称列表`);
      return v.split(/[\s,，、]+/).filter(Boolean);
    });
    if (names.length === 0) throw new FieldProblem(`请选择${label}`);
    return names;
  },
};

/** The field, or `fallback` when nothing is given. */
function withDefault<T>(field: Field<T>, fallback: T): Field<T> {
  const inner = optional(field);
  return {
    ...field,
    optional: true,
    json: { ...field.json, default: fallback },
    parse: (raw, label) => inner.parse(raw, label) ?? fallback,
  };
}

export const issueTokenSchema = object({
  scopes: scopeList,
  days: withDefault(integer('有效天数', 1, 3650), 365),
  ratePerMinute: optional(integer('每分钟调用上限', 1, 1_000_000)),
  note: optional(text('用途说明', { max: 200 })),
});
