// The modules' import graph (docs/architecture.md rule 1): a module imports another only through
// its index, and there are no cycles between modules — a cycle would make "which module comes
// first" (restore order, the list in src/app/modules.ts, what a module may be tested without)
// unanswerable. This reads every import of src/modules (tests excluded) and looks for cycles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { modules } from '../../src/app/modules.js';

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

const specifiers =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** module → the other modules it imports (any form: static, type-only, dynamic, side effect). */
export function moduleGraph(dir = modulesDir): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const name of readdirSync(dir)) {
    if (!statSync(join(dir, name)).isDirectory()) continue;
    const edges = new Set<string>();
    for (const file of sourceFiles(join(dir, name))) {
      for (const m of readFileSync(file, 'utf8').matchAll(specifiers)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (!spec.startsWith('.')) continue;
        const target = relative(dir, resolve(dirname(file), spec)).split(sep);
        if (target[0] && target[0] !== '..' && target[0] !== name && target.length > 1) edges.add(target[0]);
      }
    }
    graph.set(name, edges);
  }
  return graph;
}

/** Every cycle's modules (strongly connected components of more than one module, or a self-loop). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.has(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

describe('the modules’ import graph', () => {
  it('finds a cycle when there is one (the check works)', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    assert.deepEqual(cycles(g), [['a', 'b', 'c']]);
    assert.deepEqual(
      cycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set<string>()],
        ]),
      ),
      [],
    );
  });

  it('has no cycle between modules', () => {
    const graph = moduleGraph();
    assert.ok(graph.get('requests')?.has('agencies'), 'the graph sees real imports');
    assert.deepEqual(cycles(graph), []);
  });

  it('lists every module folder once in src/app/modules.ts, after the modules it imports', () => {
    const graph = moduleGraph();
    const listed = modules.map((m) => m.name);
    assert.deepEqual([...listed].sort(), [...graph.keys()].sort(), 'every folder is a listed module');
    for (const [m, deps] of graph)
      for (const d of deps)
        assert.ok(listed.indexOf(d) < listed.indexOf(m), `${m} imports ${d}, so ${d} is listed before it`);
  });
});
