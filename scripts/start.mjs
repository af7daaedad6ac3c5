#!/usr/bin/env node
// `npm start`: the server from compiled JavaScript. dist/ is built first when it is missing or
// older than the sources (scripts/dist.mjs), without the type check (`npm test` does that; the
// emitted JavaScript is the same), so the first start after a clone or a pull takes a little
// longer and every start after it runs no compiler: about 100 MB less memory than tsx (docs/deployment.md).
// Where TypeScript is not installed (`npm install --omit=dev`) and no current build exists, the
// sources run through tsx as before. Arguments go to `gongkai start`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsCurrent } from './dist.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
if (!buildIsCurrent(root)) {
  if (existsSync(join(root, 'node_modules', 'typescript', 'bin', 'tsc'))) {
    console.log('正在编译（首次启动或源代码已更新，约需半分钟）……');
    // A fresh tree: nothing compiled from a source that has since been removed stays behind.
    rmSync(dist, { recursive: true, force: true });
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--noCheck'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  } else {
    console.log('未安装 TypeScript，无法编译：以源代码方式启动（tsx），内存占用较高。');
  }
}
const bin = join(root, 'bin', 'gongkai.js');
process.argv = [process.argv[0], bin, 'start', ...process.argv.slice(2)];
await import(pathToFileURL(bin).href);
