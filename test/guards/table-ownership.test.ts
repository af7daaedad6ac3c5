// Tables have owners (docs/architecture.md, "Tables have owners"): a module queries only the
// tables its manifest declares; another module's data comes through that module's services.
// This scans the source of every module and of the platform (tests excluded) for the tables it names in queries,
// joins, raw SQL and migrations, and fails on any table owned by someone else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { testInstallation } from '../harness/engines.js';

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
export function foreignTableUses(owners: ReadonlyMap<string, string>): TableUse[] {
  const known = new Set(owners.keys());
  const out: TableUse[] = [];
  const places: Array<[string, string]> = readdirSync(modulesDir)
    .filter((m) => statSync(join(modulesDir, m)).isDirectory())
    .map((m) => [m, join(modulesDir, m)]);
  // The platform owns its tables (audit log, jobs) and names no module's.
  places.push(['platform', join(root, 'src', 'platform')]);
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

describe('table ownership', () => {
  it('finds tables in builder calls, joins, raw SQL and migrations (the scanner works)', () => {
    const known = new Set(['request', 'agency', 'record']);
    const text = [
      "db.selectFrom('request as r').innerJoin('agency', 'agency.id', 'r.agency_id')",
      'sql`select 1 from record r join agency a on a.id = r.agency_id`',
      "db.schema.createTable('record')",
      "db.selectFrom('requests_archive')",
    ].join('\n');
    assert.deepEqual(
      tablesNamed(text, known).map((f) => f.table),
      ['request', 'agency', 'record', 'record', 'agency'],
    );
  });

  it('every module queries only the tables it owns', () => {
    const uses = foreignTableUses(testInstallation.tableOwners);
    assert.deepEqual(
      uses.map((u) => `${u.file}:${u.line} ${u.table}（属于 ${testInstallation.tableOwners.get(u.table)}）`),
      [],
    );
  });

  it('reports a module that reaches into another module’s table', () => {
    const owners = new Map(
      [...testInstallation.tableOwners].map(([t, o]) => [t, o === 'requests' ? 'someone-else' : o]),
    );
    const uses = foreignTableUses(owners);
    assert.ok(uses.some((u) => u.file.startsWith('src/modules/requests/') && u.table === 'request'));
  });
});
