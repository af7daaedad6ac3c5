// Tables have owners (docs/architecture.md, "Tables have owners"): a module queries only the
// tables its manifest declares; another module's data comes through that module's services.
// This scans the source of every module and of the platform (tests excluded) for the tables it names in queries,
// joins, raw SQL and migrations, and fails on any table owned by someone else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testInstallation } from '../harness/engines.js';
import { foreignTableUses, tablesNamed } from '../harness/table-scan.js';

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
