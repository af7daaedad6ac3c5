/**
 * gongkai/module-boundaries — enforces the source layout from DESIGN.md.
 *
 *   src/modules/<module>/…  one folder per domain module
 *   src/platform/…          infrastructure
 *   src/app/…               composition roots
 *
 * Rules:
 *   - modules/A → modules/B (B ≠ A): only through B's index ('../B/index.js', '../B', '../B/index.ts').
 *     Anything inside the own module is fine, however deeply nested.
 *   - modules/* → app/: never (composition roots depend on modules, not the other way round).
 *   - platform/ → modules/ or app/: never, not even a module's index.
 *   - app/ → modules/B: only through B's index or its manifest (module.ts), which only app/ lists.
 *   - Test files (*.test.ts / *.test.tsx) follow the same rules: free inside their own module,
 *     but another module's internals stay off limits.
 *
 * The layers are recognised by the path segments `src/modules`, `src/platform` and `src/app`
 * anywhere in the absolute path (the last occurrence wins), so fixture trees such as
 * test/fixtures/lint/src/… behave exactly like the real src/.
 *
 * Checked: `import … from`, `import '…'`, `export … from`, `export * from`, dynamic `import()`
 * with a string literal (or a template literal without expressions), `import('…').T` types and
 * `import x = require('…')`. Only relative specifiers, absolute paths and file: URLs can point
 * into src/; bare specifiers (packages, node:…) are ignored.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LAYERS = new Set(['modules', 'platform', 'app']);
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/**
 * Where a path sits in the source layout.
 * @param {string} absolutePath
 * @returns {{ layer: 'modules' | 'platform' | 'app', rest: string[] } | null}
 *   `rest` is the list of path segments below src/<layer>/.
 */
function locate(absolutePath) {
  const parts = absolutePath.split(/[\\/]+/);
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === 'src' && LAYERS.has(parts[i + 1] ?? '')) {
      return {
        layer: /** @type {'modules' | 'platform' | 'app'} */ (parts[i + 1]),
        rest: parts.slice(i + 2).filter((p) => p !== ''),
      };
    }
  }
  return null;
}

/**
 * Turns an import specifier into an absolute path, or null when it cannot point into src/.
 * @param {string} specifier
 * @param {string} importerDir
 */
function resolveSpecifier(specifier, importerDir) {
  if (specifier.startsWith('file:')) {
    try {
      return fileURLToPath(specifier);
    } catch {
      return null;
    }
  }
  if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
    return path.resolve(importerDir, specifier);
  }
  if (path.isAbsolute(specifier)) return path.resolve(specifier);
  return null;
}

/** @param {string} p */
function stripExtension(p) {
  return p.replace(SOURCE_EXTENSION, '');
}

/** @param {string} filename */
function isTestFile(filename) {
  return /\.test\.[cm]?[jt]sx?$/.test(filename);
}

/**
 * Module name and whether the target is that module's public entry point.
 * @param {string[]} rest segments below src/modules/, extension already stripped
 */
function moduleTarget(rest) {
  const name = rest[0] ?? null;
  // '../B' (the folder), '../B/index.js', '../B/index.ts', '../B/index.tsx', '../B/index'
  const isIndex = rest.length === 1 || (rest.length === 2 && rest[1] === 'index');
  // 'B/module.ts': the manifest, which the composition roots list (src/app/modules.ts).
  const isManifest = rest.length === 2 && rest[1] === 'module';
  return { name, isIndex, isManifest };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Enforce the src/modules · src/platform · src/app layering: modules talk to each other only through index.ts, platform never depends on modules or app.',
    },
    schema: [],
    messages: {
      crossModule:
        "模块 {{from}} 只能通过 {{to}}/index.ts 引用模块 {{to}}（不要引用 {{target}}）：'{{specifier}}'. Module {{from}} may import module {{to}} only through its index.",
      crossModuleFromTest:
        "测试文件也只能通过 {{to}}/index.ts 引用其他模块 {{to}}（模块 {{from}} 的测试不要引用 {{target}}）：'{{specifier}}'. Tests may use their own module's internals, not another module's.",
      appCrossModule:
        "app/ 只能通过 {{to}}/index.ts 或 {{to}}/module.ts 引用模块 {{to}}（不要引用 {{target}}）：'{{specifier}}'. Composition roots use modules only through their index or manifest.",
      moduleToApp:
        "模块 {{from}} 不能引用 app/（{{target}}）：'{{specifier}}'. Domain modules must not depend on composition roots.",
      platformToModules:
        "platform/ 不能引用 modules/（{{target}}）：'{{specifier}}'. Infrastructure must not depend on domain modules.",
      platformToApp:
        "platform/ 不能引用 app/（{{target}}）：'{{specifier}}'. Infrastructure must not depend on composition roots.",
    },
  },

  create(context) {
    const filename = path.resolve(context.filename);
    const importer = locate(filename);
    if (importer === null) return {};
    const importerDir = path.dirname(filename);
    // A file lying directly in src/modules/ belongs to no module.
    const importerModule =
      importer.layer === 'modules' && importer.rest.length >= 2 ? importer.rest[0] : null;
    const importerIsTest = isTestFile(filename);

    /** @param {any} sourceNode a string Literal or an expression-free TemplateLiteral */
    function check(sourceNode) {
      if (!sourceNode) return;
      /** @type {string | null} */
      let specifier = null;
      if (sourceNode.type === 'Literal' && typeof sourceNode.value === 'string') {
        specifier = sourceNode.value;
      } else if (sourceNode.type === 'TemplateLiteral' && sourceNode.expressions.length === 0) {
        specifier = sourceNode.quasis[0]?.value.cooked ?? null;
      }
      if (specifier === null) return;

      const resolved = resolveSpecifier(specifier, importerDir);
      if (resolved === null) return;
      const target = locate(stripExtension(resolved));
      if (target === null) return;
      const shown = locate(resolved)?.rest.join('/') ?? '';

      if (importer.layer === 'platform') {
        if (target.layer === 'modules') {
          context.report({
            node: sourceNode,
            messageId: 'platformToModules',
            data: { target: `modules/${shown}`, specifier },
          });
        } else if (target.layer === 'app') {
          context.report({
            node: sourceNode,
            messageId: 'platformToApp',
            data: { target: `app/${shown}`, specifier },
          });
        }
        return;
      }

      if (importer.layer === 'modules' && target.layer === 'app') {
        context.report({
          node: sourceNode,
          messageId: 'moduleToApp',
          data: { from: importerModule ?? 'modules/', target: `app/${shown}`, specifier },
        });
        return;
      }

      if (target.layer !== 'modules') return;
      const { name, isIndex, isManifest } = moduleTarget(target.rest);
      // '..' from a module root resolves to src/modules itself; nothing sensible to say.
      if (name === null) return;
      if (importer.layer === 'modules' && name === importerModule) return;
      if (isIndex) return;
      if (isManifest && importer.layer === 'app') return;

      const data = { from: importerModule ?? 'modules/', to: name, target: shown, specifier };
      const messageId =
        importer.layer === 'app' ? 'appCrossModule' : importerIsTest ? 'crossModuleFromTest' : 'crossModule';
      context.report({ node: sourceNode, messageId, data });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // TypeScript-only syntax (typescript-eslint AST): `import('…').T` and `import x = require('…')`.
      /** @param {any} node */
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

/** Flat-config plugin: `plugins: { gongkai: plugin }`, rule `gongkai/module-boundaries`. */
export const plugin = {
  meta: { name: 'gongkai' },
  rules: { 'module-boundaries': rule },
};

export { locate, resolveSpecifier };
export default rule;
