// ESLint flat config for Gongkai. Not type-aware on purpose (fast); `npm run typecheck` covers types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { defineConfig, globalIgnores } from 'eslint/config';
import { plugin as gongkai } from './tools/eslint/module-boundaries.js';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];

/** Globals for plain JavaScript run by Node (bin/, tools/, scripts, this file). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'AbortController',
    'AbortSignal',
    'structuredClone',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

/** Globals for browser scripts served from src/platform/ui/static/. */
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'navigator',
    'location',
    'history',
    'console',
    'fetch',
    'FormData',
    'URL',
    'URLSearchParams',
    'Event',
    'CustomEvent',
    'HTMLElement',
    'HTMLFormElement',
    'HTMLInputElement',
    'Element',
    'Node',
    'localStorage',
    'sessionStorage',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'requestAnimationFrame',
    'queueMicrotask',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

const domainClock = [
  {
    selector: "NewExpression[callee.type='Identifier'][callee.name='Date'][arguments.length=0]",
    message:
      '领域代码不能用 new Date() 取当前时间，请用 ctx.clock.now()。Domain code must not call new Date() without arguments; use ctx.clock.now().',
  },
];

/** Pages, API handlers, commands, views and manifests of the modules. */
const DOOR_FILES = [
  'src/modules/**/*.routes.tsx',
  'src/modules/**/*.routes.ts',
  'src/modules/**/*.api.ts',
  'src/modules/**/*.cli.ts',
  'src/modules/**/views/**',
  'src/modules/*/module.ts',
];

const thinDoors = [
  {
    selector: "MemberExpression[property.name='db'][object.name='ctx']",
    message:
      '页面、接口和命令不能直接访问数据库（ctx.db），请调用本模块的服务。Doors call services; they never touch ctx.db.',
  },
  {
    selector: "MemberExpression[property.name='db'][object.property.name='ctx']",
    message:
      '页面、接口和命令不能直接访问数据库（ctx.db），请调用本模块的服务。Doors call services; they never touch ctx.db.',
  },
  {
    selector: "ObjectPattern > Property[key.name='db']",
    message:
      '页面、接口和命令不能直接访问数据库（ctx.db），请调用本模块的服务。Doors call services; they never touch ctx.db.',
  },
  {
    selector: 'MemberExpression[computed=true][property.value=/^(db|grants)$/]',
    message:
      '页面、接口和命令不能直接访问数据库或角色（ctx.db、.grants），请调用本模块的服务和 policy。Doors never touch ctx.db or role grants.',
  },
  {
    selector: "ObjectPattern > Property[key.name='grants']",
    message:
      '页面、接口和命令不能自行判断角色（.grants），请用本模块 policy 给出的 allowed 动作。Doors never read role grants; use the policy.',
  },
  {
    selector: "MemberExpression[property.name='grants']",
    message:
      '页面、接口和命令不能自行判断角色（.grants），请用本模块 policy 给出的 allowed 动作。Doors never read role grants; use the policy.',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|with)$/]',
    message:
      '页面、接口和命令不能写查询，请放进本模块的 repository。Doors never build queries; the repository does.',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql']",
    message:
      '页面、接口和命令不能写 SQL，请放进本模块的 repository。Doors never write SQL; the repository does.',
  },
];

export default defineConfig([
  globalIgnores(['node_modules/', 'dist/', 'data/', 'coverage/', '.tmp/', 'test/fixtures/**']),

  {
    name: 'gongkai/javascript',
    files: [...JS_FILES, ...TS_FILES],
    extends: [js.configs.recommended],
  },

  {
    name: 'gongkai/node-js',
    files: JS_FILES,
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },

  {
    name: 'gongkai/browser-js',
    files: ['src/platform/ui/static/**/*.js', 'src/modules/*/assets/**/*.js'],
    languageOptions: { globals: browserGlobals },
  },

  {
    name: 'gongkai/typescript',
    files: TS_FILES,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },

  // Libraries log through the platform's logger; only entry points and tooling print.
  {
    name: 'gongkai/no-console',
    files: ['src/**'],
    rules: { 'no-console': 'error' },
  },
  {
    name: 'gongkai/console-allowed',
    files: ['src/app/**', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  {
    name: 'gongkai/module-boundaries',
    files: ['src/**'],
    plugins: { gongkai },
    rules: { 'gongkai/module-boundaries': 'error' },
  },

  // Domain code takes time from ctx.clock so that tests can freeze it.
  {
    name: 'gongkai/domain-clock',
    files: ['src/modules/**'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-syntax': ['error', ...domainClock] },
  },

  // Doors (pages, API handlers, commands, views, manifests) parse, call one service and format:
  // they never query the database or decide permissions themselves (docs/architecture.md rule 4).
  {
    name: 'gongkai/thin-doors',
    files: DOOR_FILES,
    ignores: TEST_FILES,
    rules: { 'no-restricted-syntax': ['error', ...domainClock, ...thinDoors] },
  },
]);
