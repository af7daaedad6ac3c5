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
    files: ['src/platform/ui/static/**/*.js'],
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
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.type='Identifier'][callee.name='Date'][arguments.length=0]",
          message:
            '领域代码不能用 new Date() 取当前时间，请用 ctx.clock.now()。Domain code must not call new Date() without arguments; use ctx.clock.now().',
        },
      ],
    },
  },
]);
