// Whether a build (scripts/build.mjs) is of the current sources: the build leaves a stamp file in
// its output, and it is current when no source is newer than that stamp. bin/gongkai.js runs
// dist/ only then (a clone whose sources were edited or pulled after a build runs them through
// tsx instead of stale JavaScript), and `npm start` (scripts/start.mjs) rebuilds first.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = '.built';

/** The newest modification time (ms) of the files the build reads. */
export function newestSource(root) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  visit(join(root, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs']) {
    const p = join(root, f);
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when `outDir` holds a finished build no older than every source. */
export function buildIsCurrent(root, outDir = join(root, 'dist')) {
  const stamp = join(outDir, STAMP);
  if (!existsSync(stamp) || !existsSync(join(outDir, 'src', 'app', 'main.js'))) return false;
  return statSync(stamp).mtimeMs >= newestSource(root);
}
