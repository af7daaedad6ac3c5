import { object, type Field, type Shape } from '../schema.js';

/**
 * What an importer expects: for each key of the typed row, the schema field that parses it and
 * the headers a file may give it. The same declaration reads a spreadsheet's columns and a
 * JSON-lines file's properties.
 */

export interface ColumnDeclaration<T> {
  field: Field<T>;
  /**
   * The header as the template writes it; the field's label by default. Under a two-row header,
   * the top and bottom cells joined by “·”: `公开对象·特定群众`.
   */
  header?: string;
  /** Other headers seen in the wild (`单位` for `机构`), or JSON property names. */
  aliases?: readonly string[];
}

// `any`, not `unknown`: a Field<T> is read by key, and the row type is recovered by RowOf.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ColumnsShape = Record<string, Field<any> | ColumnDeclaration<any>>;

export type RowOf<S extends ColumnsShape> = {
  [K in keyof S]: S[K] extends Field<infer T> ? T : S[K] extends ColumnDeclaration<infer T> ? T : never;
};

export interface Column {
  key: string;
  header: string;
  aliases: readonly string[];
  field: Field<unknown>;
  /** A file without this column is refused; an optional field's column may be left out. */
  required: boolean;
  /** The header and aliases, normalised for matching. */
  names: ReadonlySet<string>;
}

export interface Columns<T> {
  readonly list: readonly Column[];
  byKey(key: string): Column | undefined;
  /** Every field of one row at once; throws ValidationError keyed by column key. */
  parse(input: Record<string, unknown>): T;
}

/**
 * Headers compared as a clerk would: full-width and half-width the same (NFKC), no whitespace
 * (WPS and Excel users break long headers with Alt+Enter or spaces), no “*” marking a required
 * column in a template, no “·” between the rows of a two-row header, Latin letters in any case.
 */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff·・•‧*]/g, '')
    .toLowerCase();
}

export function columns<S extends ColumnsShape>(shape: S): Columns<RowOf<S>> {
  const list: Column[] = Object.entries(shape).map(([key, spec]) => {
    const decl: ColumnDeclaration<unknown> =
      'field' in spec ? (spec as ColumnDeclaration<unknown>) : { field: spec as Field<unknown> };
    const header = decl.header ?? decl.field.label;
    const aliases = decl.aliases ?? [];
    return {
      key,
      header,
      aliases,
      field: decl.field,
      required: !decl.field.optional,
      names: new Set([header, ...aliases].map(normalizeHeader)),
    };
  });
  const schema = object(Object.fromEntries(list.map((c) => [c.key, c.field])) as Shape);
  const index = new Map(list.map((c) => [c.key, c]));
  return {
    list,
    byKey: (key) => index.get(key),
    parse: (input) => schema.parse(input) as RowOf<S>,
  };
}
