#!/usr/bin/env node
// The `gongkai` command. Runs the compiled tree (dist/, built by `npm run build` or by `npm start`)
// when it is a build of the current sources (scripts/dist.mjs); otherwise the TypeScript sources
// through tsx, so that `npx gongkai …` works from a clone without a build step and never runs
// JavaScript older than the sources beside it.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { buildIsCurrent } from '../scripts/dist.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (buildIsCurrent(root)) {
  await import(pathToFileURL(join(root, 'dist', 'src', 'app', 'main.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig (JSX through hono/jsx), wherever the command is run from: without it
  // tsx reads the working directory's, and every page of a server started elsewhere fails.
  register({ tsconfig: join(root, 'tsconfig.json') });
  await import(pathToFileURL(join(root, 'src', 'app', 'main.ts')).href);
}
