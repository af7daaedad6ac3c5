/**
 * JSON Schemas of the API's answers, for the OpenAPI document (the schema kit, platform/schema.ts,
 * gives those of the input). Each builder states one field; `object` requires every property
 * that is not marked optional. test/http/api-contract.test.ts checks real answers against them.
 */
type Json = Record<string, unknown>;

const nullableType = (s: Json): Json => ({ ...s, type: [s.type as string, 'null'] });

export const out = {
  string: (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra }),
  text: (description: string): Json => nullableType({ type: 'string', description }),
  integer: (description: string): Json => ({ type: 'integer', description }),
  number: (description: string): Json => ({ type: 'number', description }),
  boolean: (description: string): Json => ({ type: 'boolean', description }),
  /** An instant, Beijing time with its offset. */
  instant: (description: string): Json => ({
    type: 'string',
    format: 'date-time',
    description: `${description}（北京时间，带 +08:00）`,
  }),
  date: (description: string): Json => ({ type: 'string', format: 'date', description }),
  oneOf: (description: string, values: readonly string[]): Json => ({
    type: 'string',
    enum: [...values],
    description,
  }),
  nullable: nullableType,
  array: (items: Json, description?: string): Json => ({
    type: 'array',
    items,
    ...(description ? { description } : {}),
  }),
  /** An object; properties named in `optional` may be absent. */
  object: (properties: Record<string, Json>, optional: readonly string[] = []): Json => ({
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  }),
  /** An object whose shape the description gives (a document of its own format). */
  any: (description: string): Json => ({ type: 'object', description }),
};
