#!/usr/bin/env node
// `npm run build`: compile src/ with tsc (tsconfig.build.json), then copy every file under src/
// that tsc does not compile (the stylesheet and icon in platform/ui/static, JSON) to the same
// place in the output, so that dist/ runs on its own: the server finds its static files next
// to its compiled code, as it does next to its sources.
// Arguments go to tsc; `--outDir <dir>` (default dist) also says where the files are copied.
// The HTTP test of the built tree runs this with a temporary --outDir and --noCheck. The build
// ends with a stamp file (scripts/dist.mjs): bin/gongkai.js runs only a build of the current sources.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP } from './dist.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--outDir' || a === '--outdir');
const outDir = at >= 0 && args[at + 1] ? args[at + 1] : join(root, 'dist');

const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), ...args],
  { stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const compiled = /\.(ts|tsx|mts|cts)$/;
let copied = 0;
function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(from);
    else if (entry.isFile() && !compiled.test(entry.name)) {
      const to = join(outDir, relative(root, from));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
      copied++;
    }
  }
}
copyAssets(join(root, 'src'));
// Written last: a build cut short leaves no stamp, and bin/gongkai.js does not run it (dist.mjs).
writeFileSync(join(outDir, STAMP), `${new Date().toISOString()}\n`);
console.log(`已编译到 ${relative(process.cwd(), outDir) || '.'}（另复制 ${copied} 个样式、图标等文件）。`);
