import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, configDoc, configKeys, loadConfig, type Config } from './config.js';
import { defineSettings, integerBetween } from './settings.js';

const SECRET = 'x'.repeat(32);

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig: defaults', () => {
  it('starts with no environment at all, using the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.databaseUrl, 'sqlite:./data/gongkai.db');
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.port, 3000);
    assert.equal(c.publicFormRateLimitPerMinute, 30);
    assert.equal(c.worker, 'inline');
    assert.equal(c.jobConcurrency, 4);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.production, false);
    assert.equal(c.secret, null);
    assert.equal(c.trustProxy, false);
    assert.equal(c.publicUrl, null);
  });

  it('treats an empty variable as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', PUBLIC_FORM_RATE_LIMIT: '' });
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, 'sqlite:./data/gongkai.db');
    assert.equal(c.publicFormRateLimitPerMinute, 30);
  });

  it('reads and types the values it is given', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://gk@db:5432/gongkai',
      PORT: '8080',
      PUBLIC_FORM_RATE_LIMIT: '10',
      GONGKAI_JOB_CONCURRENCY: '3',
      GONGKAI_JOB_RETENTION_DAYS: '60',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
      PUBLIC_URL: 'https://gk.example.gov.cn/',
    });
    assert.equal(c.databaseUrl, 'postgres://gk@db:5432/gongkai');
    assert.equal(c.port, 8080);
    assert.equal(c.publicFormRateLimitPerMinute, 10);
    assert.equal(c.jobConcurrency, 3);
    assert.equal(c.jobRetentionDays, 60);
    assert.equal(c.logLevel, 'warn');
    assert.equal(c.trustProxy, 1);
    assert.equal(c.publicUrl, 'https://gk.example.gov.cn');
  });
});

describe('TRUST_PROXY', () => {
  it('takes a number of proxies or their addresses, and refuses to trust every client', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy, [
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    for (const raw of ['true', 'yes', '0.0.0.0/0', '10.0.0.1,nginx', '11']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: raw }),
        (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message),
        raw,
      );
    }
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /不能信任所有来源/);
  });
});

describe('loadConfig: bad values', () => {
  it('reports every bad key at once, each by name, the installed modules’ keys included', () => {
    const moduleKeys = defineSettings({
      limit: { env: 'PROBE_LIMIT', doc: 'a module’s limit', default: '5', parse: integerBetween(1, 9) },
    });
    let e: ConfigError | null = null;
    try {
      loadConfig(
        {
          DATABASE_URL: 'mysql://localhost/gk',
          PORT: 'http',
          LOG_LEVEL: 'loud',
          PUBLIC_FORM_RATE_LIMIT: '0',
          GONGKAI_WORKER: 'sometimes',
          TRUST_PROXY: 'maybe',
          PUBLIC_URL: 'gk.example.gov.cn',
          PROBE_LIMIT: '-1',
        },
        [moduleKeys],
      );
    } catch (caught) {
      assert.ok(caught instanceof ConfigError);
      e = caught;
    }
    assert.ok(e, 'refused');
    const bad = [
      'DATABASE_URL',
      'PORT',
      'LOG_LEVEL',
      'PUBLIC_FORM_RATE_LIMIT',
      'GONGKAI_WORKER',
      'TRUST_PROXY',
      'PUBLIC_URL',
      'PROBE_LIMIT',
    ];
    assert.equal(e.problems.length, bad.length, e.message);
    for (const key of bad) {
      assert.ok(
        e.problems.some((p) => p.startsWith(`${key}=`)),
        `${key} is not named in ${JSON.stringify(e.problems)}`,
      );
      assert.ok(e.message.includes(key), `${key} missing from the message`);
    }
  });

  it('explains the allowed range of an integer key', () => {
    const e = configError({ PORT: '70000' });
    assert.equal(e.problems.length, 1);
    assert.ok(e.problems[0]!.startsWith('PORT='), e.problems[0]);
    assert.ok(e.problems[0]!.includes('0–65535'), e.problems[0]);
  });

  it('refuses non-integers for integer keys', () => {
    for (const raw of ['3.5', '1e3', 'abc', '-5']) {
      const e = configError({ PUBLIC_FORM_RATE_LIMIT: raw });
      assert.ok(e.problems[0]!.startsWith('PUBLIC_FORM_RATE_LIMIT='), `${raw}: ${e.message}`);
    }
  });
});

describe('loadConfig: the secret', () => {
  it('refuses production without GONGKAI_SECRET', () => {
    const e = configError({ NODE_ENV: 'production' });
    assert.ok(
      e.problems.some((p) => p.includes('GONGKAI_SECRET')),
      e.message,
    );
  });

  it('accepts production with a secret of 32 characters', () => {
    const c = loadConfig({ NODE_ENV: 'production', GONGKAI_SECRET: SECRET, GONGKAI_DATA_KEY: SECRET });
    assert.equal(c.production, true);
    assert.equal(c.secret, SECRET);
  });

  it('refuses a secret shorter than 32 characters, in development too', () => {
    for (const env of [
      { GONGKAI_SECRET: 'x'.repeat(31) },
      { NODE_ENV: 'production', GONGKAI_SECRET: 'short' },
    ]) {
      const e = configError(env);
      assert.ok(
        e.problems.some((p) => p.startsWith('GONGKAI_SECRET') && p.includes('32')),
        e.message,
      );
    }
  });

  it('reports a missing production secret together with other bad keys', () => {
    const e = configError({ NODE_ENV: 'production', PORT: 'x' });
    assert.ok(e.problems.some((p) => p.startsWith('PORT=')));
    assert.ok(e.problems.some((p) => p.startsWith('GONGKAI_SECRET')));
  });
});

describe('loadConfig: COOKIE_SECURE', () => {
  it('defaults to false outside production and true in production', () => {
    assert.equal(loadConfig({}).cookieSecure, false);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).cookieSecure, false);
    assert.equal(
      loadConfig({ NODE_ENV: 'production', GONGKAI_SECRET: SECRET, GONGKAI_DATA_KEY: SECRET }).cookieSecure,
      true,
    );
  });

  it('can be set explicitly either way', () => {
    assert.equal(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure, true);
    assert.equal(
      loadConfig({
        NODE_ENV: 'production',
        GONGKAI_SECRET: SECRET,
        GONGKAI_DATA_KEY: SECRET,
        COOKIE_SECURE: 'false',
      }).cookieSecure,
      false,
    );
    assert.equal(loadConfig({ COOKIE_SECURE: 'ON' }).cookieSecure, true);
    assert.equal(
      loadConfig({
        NODE_ENV: 'production',
        GONGKAI_SECRET: SECRET,
        GONGKAI_DATA_KEY: SECRET,
        COOKIE_SECURE: '0',
      }).cookieSecure,
      false,
    );
  });

  it('refuses a value that is not a boolean', () => {
    const e = configError({ COOKIE_SECURE: 'sometimes' });
    assert.ok(e.problems[0]!.startsWith('COOKIE_SECURE='), e.message);
  });
});

describe('configDoc', () => {
  // The variables operators are told about in the deployment guide; each must stay documented.
  const essential = [
    'DATABASE_URL',
    'HOST',
    'PORT',
    'GONGKAI_SECRET',
    'NODE_ENV',
    'LOG_LEVEL',
    'GONGKAI_WORKER',
    'COOKIE_SECURE',
    'TRUST_PROXY',
    'PUBLIC_URL',
  ];

  it('has one table row for every declared key', () => {
    const doc = configDoc();
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    assert.equal(rows.length, configKeys.length);
    for (const key of configKeys) {
      const row = rows.find((r) => r.startsWith(`| \`${key.env}\` |`));
      assert.ok(row, `${key.env} has no row`);
      assert.ok(row.includes(key.doc), `${key.env} row lacks its explanation`);
      if (key.default !== null)
        assert.ok(row.includes(`\`${key.default}\``), `${key.env} row lacks its default`);
    }
  });

  it('documents the essential variables and every field of Config', () => {
    const doc = configDoc();
    for (const env of essential) assert.ok(doc.includes(`| \`${env}\` |`), `${env} is not documented`);
    // Every Config field comes from exactly one declared (hence documented) variable.
    const fields = configKeys.map((k) => k.field);
    assert.equal(new Set(fields).size, fields.length, 'a Config field is declared twice');
    assert.deepEqual(Object.keys(loadConfig({})).sort(), [...fields].sort());
    // The same, checked by tsc: a Config field without a declaration fails type-checking.
    const everyFieldDeclared: [keyof Config] extends [(typeof configKeys)[number]['field']] ? true : false =
      true;
    assert.ok(everyFieldDeclared);
  });

  it('is a Markdown table with a header', () => {
    const [header, rule] = configDoc().split('\n');
    assert.equal(header, '| key | default | meaning |');
    assert.equal(rule, '|---|---|---|');
  });

  it('shows the defaults a user will get', () => {
    const doc = configDoc();
    assert.ok(doc.includes('| `DATABASE_URL` | `sqlite:./data/gongkai.db` |'));
    assert.ok(doc.includes('| `PORT` | `3000` |'));
    assert.ok(doc.includes('| `PUBLIC_FORM_RATE_LIMIT` | `30` |'));
    assert.ok(doc.includes('| `GONGKAI_WORKER` | `inline` |'));
    assert.ok(doc.includes('| `GONGKAI_SECRET` | — |'));
  });

  it('documents the installed modules’ keys after the platform’s', () => {
    const moduleKeys = defineSettings({
      limit: { env: 'PROBE_LIMIT', doc: 'A module’s own limit.', default: '5', parse: integerBetween(1, 9) },
    });
    const rows = configDoc([moduleKeys]).split('\n');
    assert.equal(rows.at(-1), '| `PROBE_LIMIT` | `5` | A module’s own limit. |');
    assert.equal(rows.length, configDoc().split('\n').length + 1);
  });
});

describe('loadConfig: a bad secret is named, never shown', () => {
  it('reports a short production secret once, without its value', () => {
    const secret = 'my-real-prod-secret-typo';
    try {
      loadConfig({ NODE_ENV: 'production', GONGKAI_SECRET: secret, GONGKAI_DATA_KEY: 'y'.repeat(40) });
      assert.fail('a short secret must be refused');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 1);
      assert.match(e.problems[0]!, /^GONGKAI_SECRET：至少 32 个字符$/);
      assert.ok(!e.message.includes(secret));
    }
  });
});

describe('loadConfig: the data key', () => {
  it('is required in production, named but never shown when too short', () => {
    const secret = 'x'.repeat(40);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', GONGKAI_SECRET: secret }),
      (e: unknown) =>
        e instanceof ConfigError && e.problems.some((p) => /^GONGKAI_DATA_KEY：生产环境/.test(p)),
    );
    try {
      loadConfig({ NODE_ENV: 'production', GONGKAI_SECRET: secret, GONGKAI_DATA_KEY: 'short-data-key' });
      assert.fail('a short data key must be refused');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems, ['GONGKAI_DATA_KEY：至少 32 个字符']);
    }
  });
});
