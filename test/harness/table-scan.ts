// The scan behind the table-ownership guard: which tables a source tree names in query
// builders, joins, raw SQL and migrations, and which of them its owner does not own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const modulesDir = join(root, 'src', 'modules');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module folder of src/modules with its owner name, and the platform. */
export function sourcePlaces(): Array<[string, string]> {
  const places: Array<[string, string]> = readdirSync(modulesDir)
    .filter((m) => statSync(join(modulesDir, m)).isDirectory())
    .map((m) => [m, join(modulesDir, m)]);
  // The platform owns its tables (audit log, jobs) and names no module's.
  places.push(['platform', join(root, 'src', 'platform')]);
  return places;
}

export interface TableUse {
  file: string;
  line: number;
  table: string;
}

const builderCall =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto|replaceInto|createTable|alterTable|dropTable|on)\(\s*['"]([a-z_][a-z0-9_]*)(?:\s+as\s+\w+)?['"]/g;
const rawSql = /\bsql(?:<[^`]*?>)?`([^`]*)`/g;
const rawTable = /\b(?:from|join|into|update|table)\s+([a-z_][a-z0-9_]*)\b/gi;

/** Every table a source text names in a query, a join, raw SQL or a migration. */
export function tablesNamed(
  text: string,
  known: ReadonlySet<string>,
): Array<{ index: number; table: string }> {
  const found: Array<{ index: number; table: string }> = [];
  for (const m of text.matchAll(builderCall))
    if (known.has(m[1]!)) found.push({ index: m.index, table: m[1]! });
  for (const m of text.matchAll(rawSql)) {
    for (const t of m[1]!.matchAll(rawTable)) {
      const table = t[1]!.toLowerCase();
      if (known.has(table)) found.push({ index: m.index + 5 + t.index, table });
    }
  }
  return found;
}

/** Uses of tables the module does not own, over the whole src/modules tree. */
export function foreignTableUses(
  owners: ReadonlyMap<string, string>,
  places: ReadonlyArray<[owner: string, dir: string]> = sourcePlaces(),
): TableUse[] {
  const known = new Set(owners.keys());
  const out: TableUse[] = [];
  for (const [moduleName, dir] of places) {
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const { index, table } of tablesNamed(text, known)) {
        if (owners.get(table) === moduleName) continue;
        const line = text.slice(0, index).split('\n').length;
        out.push({ file: relative(root, file), line, table });
      }
    }
  }
  return out;
}
