#!/usr/bin/env node
// `npm test`: type check, lint (including the module-boundary rule), then every test file under
// node's test runner, with the PostgreSQL pass on whenever a server answers. With CI=true a
// missing server fails the run instead of narrowing it to SQLite.
// `npm test -- <files…>` runs only those files (no type check or lint).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const pgUrl = process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ci = process.env.CI === 'true' || process.env.CI === '1';

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (e) {
    return e;
  } finally {
    await client.end().catch(() => {});
  }
}

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.log('Type check (tsc --noEmit) …');
  if (
    (await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'])) !==
    0
  )
    process.exit(1);
  console.log('Format (prettier --check) …');
  if (
    (await run(process.execPath, [
      'node_modules/prettier/bin/prettier.cjs',
      '--check',
      '--log-level',
      'warn',
      '.',
    ])) !== 0
  ) {
    process.exit(1);
  }
  console.log('Lint (eslint, with the module-boundary rule) …');
  if ((await run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.'])) !== 0) process.exit(1);
}

const reachable = await postgresReachable();
const env = { ...process.env, GONGKAI_TEST_PG_URL: pgUrl };
if (reachable === true) {
  env.GONGKAI_TEST_ENGINES = 'sqlite,postgres';
  console.log(`Service tests run on: SQLite and PostgreSQL (${pgUrl})`);
} else if (ci) {
  console.error(
    `PostgreSQL is not reachable at ${pgUrl} and CI=true: the PostgreSQL pass is mandatory.\n${reachable}`,
  );
  process.exit(1);
} else {
  env.GONGKAI_TEST_ENGINES = 'sqlite';
  console.log(`NOTICE: PostgreSQL is not reachable at ${pgUrl}; service tests run on SQLite only.`);
}

const files = args.length ? args : [...findTests('src'), ...findTests('test')].sort();
process.exit(
  await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], env),
);
