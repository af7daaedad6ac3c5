// Tests for tools/eslint/module-boundaries.js (the `gongkai/module-boundaries` rule) and for the
// parts of eslint.config.js that encode DESIGN.md (layering, ctx.clock instead of new Date()).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const fixtureRoot = join(repoRoot, 'test', 'fixtures', 'lint');
const RULE = 'gongkai/module-boundaries';

interface BoundariesModule {
  plugin: ESLint.Plugin;
  locate(absolutePath: string): { layer: 'modules' | 'platform' | 'app'; rest: string[] } | null;
}

// The rule is plain JavaScript outside the TypeScript project, so it is loaded by URL (no .d.ts needed).
const boundariesUrl = pathToFileURL(join(repoRoot, 'tools', 'eslint', 'module-boundaries.js')).href;
let boundaries: BoundariesModule;
let eslint: ESLint;

before(async () => {
  boundaries = (await import(boundariesUrl)) as BoundariesModule;
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser as Linter.Parser },
      plugins: { gongkai: boundaries.plugin },
      rules: { [RULE]: 'error' },
    },
  ];
  eslint = new ESLint({ cwd: fixtureRoot, overrideConfigFile: true, overrideConfig: config });
});

interface Problem {
  ruleId: string | null;
  line: number;
  message: string;
}

function problems(results: ESLint.LintResult[]): Problem[] {
  assert.equal(results.length, 1);
  const messages = results[0]!.messages;
  const fatal = messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'fixture must parse');
  return messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message }));
}

/** Lints a fixture file on disk (path relative to test/fixtures/lint). */
async function lintFixture(relativePath: string): Promise<Problem[]> {
  return problems(await eslint.lintFiles([join(fixtureRoot, relativePath)]));
}

/** Lints source text as if it lived at test/fixtures/lint/<relativePath> (the file need not exist). */
async function lintAt(relativePath: string, code: string): Promise<Problem[]> {
  return problems(await eslint.lintText(code, { filePath: join(fixtureRoot, relativePath) }));
}

function crossModule(from: string, to: string, target: string, specifier: string): string {
  return (
    `模块 ${from} 只能通过 ${to}/index.ts 引用模块 ${to}（不要引用 ${target}）：'${specifier}'. ` +
    `Module ${from} may import module ${to} only through its index.`
  );
}

describe('gongkai/module-boundaries: module → module', () => {
  it('reports a direct import of another module’s internals, naming the specifier', async () => {
    const found = await lintFixture('src/modules/requests/request.service.ts');
    assert.deepEqual(found, [
      {
        ruleId: RULE,
        line: 2,
        message: crossModule(
          'requests',
          'agencies',
          'agencies/agency.repository.js',
          '../agencies/agency.repository.js',
        ),
      },
    ]);
    assert.ok(found[0]!.message.includes('../agencies/agency.repository.js'));
  });

  it('accepts imports through the index, within the module, of platform and of packages', async () => {
    assert.deepEqual(await lintFixture('src/modules/requests/request.handler.ts'), []);
    assert.deepEqual(await lintFixture('src/modules/requests/index.ts'), []);
    assert.deepEqual(await lintFixture('src/modules/agencies/index.ts'), []);
    assert.deepEqual(await lintFixture('src/modules/agencies/agency.repository.ts'), []);
  });

  it('catches dynamic import() of internals but not of the index', async () => {
    const found = await lintFixture('src/modules/requests/request.dynamic.ts');
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.line]),
      [[RULE, 3]],
    );
    assert.match(found[0]!.message, /'\.\.\/agencies\/agency\.repository\.js'/);
  });

  it('catches export … from and export * from of internals but not of the index', async () => {
    const found = await lintFixture('src/modules/requests/request.reexport.ts');
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.line]),
      [
        [RULE, 2],
        [RULE, 3],
      ],
    );
    assert.equal(
      found[1]!.message,
      crossModule('requests', 'agencies', 'agencies/agency.js', '../agencies/agency.js'),
    );
  });

  it('handles files nested deeper inside a module (.tsx)', async () => {
    const found = await lintFixture('src/modules/requests/views/request-page.tsx');
    assert.deepEqual(found, [
      {
        ruleId: RULE,
        line: 3,
        message: crossModule(
          'requests',
          'agencies',
          'agencies/agency.repository.js',
          '../../agencies/agency.repository.js',
        ),
      },
    ]);
  });

  it('accepts every spelling of another module’s index', async () => {
    const abs = join(fixtureRoot, 'src/modules/agencies');
    const specifiers = [
      '../agencies/index.js',
      '../agencies/index.ts',
      '../agencies/index.tsx',
      '../agencies/index',
      '../agencies',
      '../agencies/',
      './../agencies/index.js',
      '../../modules/agencies/index.js',
      '../requests/../agencies/index.js',
      `${abs}/index.js`,
      pathToFileURL(`${abs}/index.js`).href,
    ];
    for (const specifier of specifiers) {
      const found = await lintAt(
        'src/modules/requests/probe.ts',
        `import { x } from '${specifier}';\nvoid x;\n`,
      );
      assert.deepEqual(found, [], specifier);
    }
  });

  it('rejects every spelling of another module’s internals', async () => {
    const abs = join(fixtureRoot, 'src/modules/agencies');
    const specifiers = [
      '../agencies/agency.js',
      '../agencies/agency.ts',
      '../agencies/agency',
      '../agencies/views/card.js',
      '../agencies/index/helpers.js',
      '../agencies/index.js/../agency.js',
      '../../modules/agencies/agency.js',
      `${abs}/agency.js`,
      pathToFileURL(`${abs}/agency.js`).href,
    ];
    for (const specifier of specifiers) {
      const found = await lintAt(
        'src/modules/requests/probe.ts',
        `import { x } from '${specifier}';\nvoid x;\n`,
      );
      assert.deepEqual(
        found.map((p) => p.ruleId),
        [RULE],
        specifier,
      );
      assert.ok(found[0]!.message.includes(`'${specifier}'`), specifier);
    }
  });

  it('checks type-only imports, side-effect imports, import types and template-literal import()', async () => {
    const code = [
      "import type { Agency } from '../agencies/agency.js';",
      "import '../agencies/agency.repository.js';",
      "export type { Agency as A } from '../agencies/agency.js';",
      "type R = typeof import('../agencies/agency.repository.js');",
      'export const load = () => import(`../agencies/agency.repository.js`);',
      'export type Both = [Agency, R];',
    ].join('\n');
    const found = await lintAt('src/modules/requests/probe.ts', code);
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.line]),
      [
        [RULE, 1],
        [RULE, 2],
        [RULE, 3],
        [RULE, 4],
        [RULE, 5],
      ],
    );
  });

  it('ignores computed dynamic imports and bare specifiers', async () => {
    const code = [
      "import { z } from 'kysely';",
      "import { readFile } from 'node:fs/promises';",
      'export const load = (name: string) => import(`../agencies/${name}.js`);',
      'export const also = (name: string) => import(name);',
      'export { z, readFile };',
    ].join('\n');
    assert.deepEqual(await lintAt('src/modules/requests/probe.ts', code), []);
  });

  it('lets deeply nested files use their own module freely', async () => {
    const code = [
      "import { a } from '../../request.service.js';",
      "import { b } from '../../../requests/views/x.js';",
      "import { c } from '../../../../modules/requests/deep/er/y.js';",
      "import { d } from '../../../../platform/db/database.js';",
      'export { a, b, c, d };',
    ].join('\n');
    assert.deepEqual(await lintAt('src/modules/requests/views/parts/row.tsx', code), []);
  });
});

describe('gongkai/module-boundaries: test files', () => {
  it('may use anything in their own module', async () => {
    const code = [
      "import { agencyName } from './request.service.js';",
      "import { RequestPage } from './views/request-page.js';",
      "import { findAgency } from '../agencies/index.js';",
      "import { systemClock } from '../../platform/clock.js';",
      'export { agencyName, RequestPage, findAgency, systemClock };',
    ].join('\n');
    assert.deepEqual(await lintAt('src/modules/requests/request.service.test.ts', code), []);
    const nested = [
      "import { agencyName } from '../request.service.js';",
      "import { RequestPage } from './request-page.js';",
      "import { findAgency } from '../../agencies/index.js';",
      'export { agencyName, RequestPage, findAgency };',
    ].join('\n');
    assert.deepEqual(await lintAt('src/modules/requests/views/request-page.test.tsx', nested), []);
  });

  it('still may not reach into another module', async () => {
    const found = await lintAt(
      'src/modules/requests/request.service.test.ts',
      "import { findAgency } from '../agencies/agency.repository.js';\nvoid findAgency;\n",
    );
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.line]),
      [[RULE, 1]],
    );
    assert.match(found[0]!.message, /agencies\/index\.ts/);
    assert.match(found[0]!.message, /'\.\.\/agencies\/agency\.repository\.js'/);
  });
});

describe('gongkai/module-boundaries: platform', () => {
  it('reports platform → modules, even through the index', async () => {
    assert.deepEqual(await lintFixture('src/platform/http/bad.ts'), [
      {
        ruleId: RULE,
        line: 2,
        message:
          "platform/ 不能引用 modules/（modules/agencies/index.js）：'../../modules/agencies/index.js'. " +
          'Infrastructure must not depend on domain modules.',
      },
    ]);
  });

  it('reports platform → app', async () => {
    const found = await lintFixture('src/platform/http/bad-app.ts');
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.line]),
      [[RULE, 2]],
    );
    assert.match(
      found[0]!.message,
      /^platform\/ 不能引用 app\/（app\/server\.js）：'\.\.\/\.\.\/app\/server\.js'/,
    );
  });

  it('accepts platform → platform and packages', async () => {
    assert.deepEqual(await lintFixture('src/platform/http/good.ts'), []);
    assert.deepEqual(await lintFixture('src/platform/clock.ts'), []);
  });

  it('applies to platform test files and dynamic imports too', async () => {
    const found = await lintAt(
      'src/platform/db/database.test.ts',
      "export const m = () => import('../../modules/agencies/index.js');\n",
    );
    assert.deepEqual(
      found.map((p) => p.ruleId),
      [RULE],
    );
  });
});

describe('gongkai/module-boundaries: app', () => {
  it('accepts modules through their index and platform', async () => {
    assert.deepEqual(await lintFixture('src/app/server.ts'), []);
  });

  it('reports modules’ internals', async () => {
    const found = await lintFixture('src/app/bad.ts');
    assert.deepEqual(found, [
      {
        ruleId: RULE,
        line: 2,
        message:
          "app/ 只能通过 agencies/index.ts 或 agencies/module.ts 引用模块 agencies（不要引用 agencies/agency.repository.js）：'../modules/agencies/agency.repository.js'. " +
          'Composition roots use modules only through their index or manifest.',
      },
    ]);
  });

  it('lets app/ list a module’s manifest, which other modules may not import', async () => {
    assert.deepEqual(
      await lintAt('src/app/modules.ts', "import { m } from '../modules/agencies/module.js';\nvoid m;\n"),
      [],
    );
    const found = await lintAt(
      'src/modules/requests/probe.ts',
      "import { m } from '../agencies/module.js';\nvoid m;\n",
    );
    assert.deepEqual(
      found.map((p) => p.message),
      [crossModule('requests', 'agencies', 'agencies/module.js', '../agencies/module.js')],
    );
  });

  it('forbids modules → app', async () => {
    const found = await lintAt(
      'src/modules/requests/probe.ts',
      "import { x } from '../../app/server.js';\nvoid x;\n",
    );
    assert.deepEqual(
      found.map((p) => p.ruleId),
      [RULE],
    );
    assert.match(found[0]!.message, /^模块 requests 不能引用 app\//);
  });
});

describe('gongkai/module-boundaries: layer detection', () => {
  it('finds the last src/<layer> in an absolute path', () => {
    assert.deepEqual(boundaries.locate('/home/u/src/app/gongkai/src/modules/a/x.ts'), {
      layer: 'modules',
      rest: ['a', 'x.ts'],
    });
    assert.deepEqual(boundaries.locate('/w/test/fixtures/lint/src/platform/http/bad.ts'), {
      layer: 'platform',
      rest: ['http', 'bad.ts'],
    });
    assert.deepEqual(boundaries.locate('C:\\w\\src\\app\\cli.ts'), { layer: 'app', rest: ['cli.ts'] });
    assert.equal(boundaries.locate('/w/test/harness/db.ts'), null);
    assert.equal(boundaries.locate('/w/src/other/x.ts'), null);
  });

  it('leaves files outside src/modules, src/platform and src/app alone', async () => {
    const code = "import { x } from '../src/modules/agencies/agency.js';\nvoid x;\n";
    assert.deepEqual(await lintAt('harness/probe.ts', code), []);
  });
});

describe('eslint.config.js (project config, on virtual files)', () => {
  let project: ESLint;
  before(() => {
    project = new ESLint({ cwd: repoRoot });
  });

  async function lintProject(relativePath: string, code: string): Promise<Problem[]> {
    return problems(await project.lintText(code, { filePath: join(repoRoot, relativePath) }));
  }

  it('forbids new Date() without arguments in domain modules', async () => {
    const found = await lintProject(
      'src/modules/lint-probe/probe.ts',
      'export const now = new Date();\nexport const then = new Date(0);\n',
    );
    assert.deepEqual(
      found.map((p) => [p.ruleId, p.line]),
      [['no-restricted-syntax', 1]],
    );
    assert.match(found[0]!.message, /ctx\.clock/);
  });

  it('allows new Date() in module tests and outside src/modules', async () => {
    const code = 'export const now = new Date();\n';
    assert.deepEqual(await lintProject('src/modules/lint-probe/probe.test.ts', code), []);
    assert.deepEqual(await lintProject('src/modules/lint-probe/views/probe.test.tsx', code), []);
    assert.deepEqual(await lintProject('src/platform/lint-probe.ts', code), []);
  });

  it('enables module-boundaries for src/', async () => {
    const found = await lintProject(
      'src/modules/lint-probe/probe.ts',
      "export { x } from '../agencies/agency.js';\n",
    );
    assert.deepEqual(
      found.map((p) => p.ruleId),
      [RULE],
    );
  });

  it('keeps doors thin: no ctx.db, role grants or queries in routes, API handlers, commands, views and manifests', async () => {
    const code = [
      'export async function handler(req: any, ctx: any) {',
      '  const a = await req.ctx.db.selectFrom("request").selectAll().execute();',
      '  const b = ctx.db;',
      '  const c = req.ctx.actor.grants;',
      '  const d = sql`select 1`;',
      '  const { db } = req.ctx;',
      '  const { grants } = req.auth.actor;',
      "  const e = req.ctx['db'];",
      '  return [a, b, c, d, db, grants, e];',
      '}',
    ].join('\n');
    for (const file of [
      'src/modules/lint-probe/probe.routes.tsx',
      'src/modules/lint-probe/probe.api.ts',
      'src/modules/lint-probe/probe.cli.ts',
      'src/modules/lint-probe/views/probe-page.tsx',
      'src/modules/lint-probe/module.ts',
    ]) {
      const found = (await lintProject(file, code)).filter((p) => p.ruleId === 'no-restricted-syntax');
      assert.deepEqual(
        found.map((p) => p.line),
        [2, 2, 3, 4, 5, 6, 7, 8],
        `${file}: ctx.db and a query on line 2, ctx.db on 3, grants on 4, SQL on 5, and the same reached by destructuring (6, 7) or a computed key (8)`,
      );
      assert.ok(found.some((p) => p.line === 2 && /ctx\.db/.test(p.message)));
      assert.ok(found.some((p) => p.line === 2 && /repository/.test(p.message)));
      assert.match(found.find((p) => p.line === 4)!.message, /policy/);
    }
    // The same code in a service or repository is where it belongs.
    const inService = await lintProject('src/modules/lint-probe/probe.service.ts', code);
    assert.deepEqual(
      inService.filter((p) => p.ruleId === 'no-restricted-syntax'),
      [],
    );
  });

  it('keeps new Date() forbidden in doors too', async () => {
    const found = await lintProject(
      'src/modules/lint-probe/probe.routes.tsx',
      'export const now = new Date();\n',
    );
    assert.deepEqual(
      found.map((p) => p.ruleId),
      ['no-restricted-syntax'],
    );
  });

  it('keeps the TypeScript rules strict', async () => {
    const found = await lintProject(
      'src/platform/lint-probe.ts',
      'export function f(_unused: number, x: any): void {\n  const y = 1;\n  console.log(x);\n}\n',
    );
    assert.deepEqual(found.map((p) => p.ruleId).sort(), [
      '@typescript-eslint/no-explicit-any',
      '@typescript-eslint/no-unused-vars',
      'no-console',
    ]);
  });

  it('allows console in src/app, scripts and bench', async () => {
    const code = "console.log('hi');\n";
    assert.deepEqual(await lintProject('src/app/lint-probe.ts', code), []);
    assert.deepEqual(await lintProject('scripts/lint-probe.ts', code), []);
    assert.deepEqual(await lintProject('bench/lint-probe.ts', code), []);
  });

  it('ignores the fixtures', async () => {
    assert.equal(
      await project.isPathIgnored(join(fixtureRoot, 'src/modules/requests/request.service.ts')),
      true,
    );
  });
});
