#!/usr/bin/env node
// `npm test`: type check, format check, lint (including the module-boundary rule), then every test
// file under node's test runner but the reliability tier's, with the PostgreSQL pass on whenever a
// server answers. With CI=true a missing server fails the run instead of narrowing it to SQLite.
// `npm test -- <files…>` runs only those files (no type check or lint).
// `npm run test:<tier>` (`--tier=<tier>`) runs one tier, without the static checks:
//   unit     co-located src/**/*.test.ts that do not use the engine harness, and test/lint/
//   service  co-located tests that use the engine harness (test/harness/engines.ts:
//            describeEachEngine, openTestDatabase, freshDatabaseUrl), test/platform/, test/guards/
//            (the module contract's guards) and test/harness/ (the factories)
//   http     test/http/ and test/cli/: the whole app through app.inject or a real port, the CLI,
//            npm run dev and the built tree
//   e2e      test/e2e/: journeys in Chromium
//   reliability  test/reliability/: the real server process killed and restarted under load, and
//            the probe's hostile inputs sent to it over TCP. Minutes, not seconds, so plain
//            `npm test` leaves it out; `npm run test:reliability` runs it (.ci/run runs both).
// `node scripts/test.mjs --list [--tier=<tier>]` prints each test file with its tier.
// A co-located test reaches a database only through the engine harness (that is how it runs on
// both engines), so importing the harness is what makes it a service test; a co-located test
// that opens a database some other way, or a test in a folder of test/ without a tier, stops
// the run with a message instead of landing in the wrong tier.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

const TIERS = ['unit', 'service', 'http', 'e2e', 'reliability'];
/** Tiers that plain `npm test` leaves out: each runs on its own (`npm run test:<tier>`). */
const OWN_RUN = ['reliability'];
/** Tier of each folder of test/ (by its first segment). */
const testFolderTier = {
  lint: 'unit',
  guards: 'service',
  harness: 'service',
  platform: 'service',
  http: 'http',
  cli: 'http',
  e2e: 'e2e',
  reliability: 'reliability',
};
const usesEngineHarness = /from\s+['"][./]*test\/harness\/engines\.js['"]/;
const opensDatabaseOtherwise = /\bopenDatabase\(|\bcreateContainer\(|test\/harness\/app\.js/;

/** The tier of a test file, or a message saying why it has none. */
function tierOf(file) {
  const parts = relative('.', file).split(sep);
  if (parts[0] === 'test') {
    const tier = testFolderTier[parts[1]];
    return (
      tier ?? {
        problem: `${file}: test/${parts[1]}/ has no tier; add it to testFolderTier in scripts/test.mjs`,
      }
    );
  }
  const text = readFileSync(file, 'utf8');
  if (usesEngineHarness.test(text)) return 'service';
  if (opensDatabaseOtherwise.test(text))
    return {
      problem: `${file}: opens a database without test/harness/engines.ts; use describeEachEngine or openTestDatabase so it runs on both engines (and counts as a service test)`,
    };
  return 'unit';
}

function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let tier = null;
let list = false;
const args = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--tier') tier = argv[++i] ?? '';
  else if (a.startsWith('--tier=')) tier = a.slice('--tier='.length);
  else if (a === '--list') list = true;
  else args.push(a);
}
if (tier !== null && !TIERS.includes(tier)) {
  console.error(`Unknown tier "${tier}": one of ${TIERS.join(', ')}.`);
  process.exit(2);
}
if (tier !== null && args.length) {
  console.error('Give either --tier or test files, not both.');
  process.exit(2);
}

let files = args;
if (!args.length) {
  const all = [...findTests('src'), ...findTests('test')].sort();
  const tiered = all.map((file) => ({ file, tier: tierOf(file) }));
  const problems = tiered.filter((t) => typeof t.tier !== 'string').map((t) => t.tier.problem);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  files = tiered.filter((t) => (tier ? t.tier === tier : !OWN_RUN.includes(t.tier))).map((t) => t.file);
  if (list) {
    for (const t of tiered) if (!tier || t.tier === tier) console.log(`${t.tier.padEnd(12)}${t.file}`);
    process.exit(0);
  }
  if (tier) console.log(`Tier ${tier}: ${files.length} test files.`);
}

if (args.length === 0 && tier === null) {
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

const env = { ...process.env, GONGKAI_TEST_PG_URL: pgUrl };
if (tier === 'unit') {
  // The unit tier opens no database, so it needs no PostgreSQL.
  env.GONGKAI_TEST_ENGINES = 'sqlite';
} else {
  const reachable = await postgresReachable();
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
}

/**
 * Migrated template databases for this run (test/harness/db-template.ts): each fresh test database
 * is a copy of one instead of being migrated from nothing (about 4 s a database on PostgreSQL).
 * Built once here, removed when the run ends; a run cut short leaves its PostgreSQL template
 * behind, and the next run removes it (its name carries the dead runner's process id).
 */
async function buildTemplates(env, wholeRun) {
  const engines = env.GONGKAI_TEST_ENGINES.split(',');
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-template-'));
  const pgName = engines.includes('postgres')
    ? `gk_tpl_${process.pid}_${randomBytes(4).toString('hex')}`
    : undefined;
  if (pgName) await dropTemplates((pid) => !alive(pid));
  const templateEnv = {
    ...env,
    GONGKAI_TEST_SQLITE_TEMPLATE: join(dir, 'template.db'),
    ...(pgName ? { GONGKAI_TEST_PG_TEMPLATE: pgName } : {}),
    // The whole demo loaded once (startTestApp's operations2020 + content): worth it for a run of
    // many files, not for a few named on the command line.
    ...(wholeRun
      ? {
          GONGKAI_TEST_SQLITE_DEMO_TEMPLATE: join(dir, 'demo.db'),
          GONGKAI_TEST_DEMO_DATE_FILE: join(dir, 'demo-date'),
          ...(pgName ? { GONGKAI_TEST_PG_DEMO_TEMPLATE: `${pgName}_demo` } : {}),
        }
      : {}),
  };
  const remove = async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgName) await dropTemplates((pid, name) => name === pgName || name === `${pgName}_demo`);
  };
  const code = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '--eval',
      "await (await import('./test/harness/db-template.ts')).buildTemplates();",
    ],
    templateEnv,
  );
  if (code !== 0) {
    // The tests then migrate each database themselves, and say what is wrong with the migrations.
    console.log('NOTICE: building the migrated template databases failed; each test migrates its own.');
    await remove().catch(() => {});
    return { env, remove: async () => {} };
  }
  return { env: templateEnv, remove };
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Drops this server's template databases (gk_tpl_<runner pid>_<random>) that `which` picks. */
async function dropTemplates(which) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query("select datname from pg_database where datname like 'gk\\_tpl\\_%'");
    for (const { datname } of rows) {
      const pid = Number(/^gk_tpl_(\d+)_[0-9a-f]+(_demo)?$/.exec(datname)?.[1]);
      if (!pid || !which(pid, datname)) continue;
      await client.query(`alter database "${datname}" with is_template false`);
      await client.query(`drop database "${datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
}

// Test files run two at a time by default (each in its own process, on its own databases, ports
// and temporary directories): most of a file's time is spent waiting on a database, a browser or
// a timer, so two overlap well even on two cores. GONGKAI_TEST_CONCURRENCY=1 runs them one by one.
const concurrency = Math.max(
  1,
  Math.min(4, Number(process.env.GONGKAI_TEST_CONCURRENCY) || Math.max(2, availableParallelism() - 1)),
);
// The unit tier opens no database, so it needs no templates.
const templates =
  tier === 'unit' ? { env, remove: async () => {} } : await buildTemplates(env, args.length === 0);
const code = await run(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  templates.env,
);
await templates.remove();
process.exit(code);
