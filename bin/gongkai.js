#!/usr/bin/env node
// The `gongkai` command. Runs the TypeScript CLI through tsx so that `npx gongkai …` works
// from a clone without a build step; a built tree (dist/) is used when present.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, 'dist', 'src', 'app', 'main.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig (JSX through hono/jsx), wherever the command is run from: without it
  // tsx reads the working directory's, and every page of a server started elsewhere fails.
  register({ tsconfig: join(root, 'tsconfig.json') });
  await import(pathToFileURL(join(root, 'src', 'app', 'main.ts')).href);
}
