import { Worker } from 'node:worker_threads';
import { FileRefused } from './limits.js';
import { readerLimits, type ReaderLimits } from './reader.settings.js';

/**
 * Reading untrusted files off the event loop. A reader runs in one of a few worker threads, each
 * with a heap limit (a thread over it is stopped by V8, not the process) and each task with a
 * time limit (a thread over it is terminated); a stopped thread is replaced for the next file.
 * The server keeps answering everyone else while a file is read, and a hostile file costs at
 * most one thread for at most the time limit.
 *
 * A task names a module and an export, resolved in the worker: the platform knows no reader,
 * each module hands its own (`sandboxed(new URL(…, import.meta.url), 'fn', …)`). Run from
 * sources, the worker registers tsx itself, so the same works under `npm start`, `npx gongkai`
 * from any folder and the test runner, and a built tree runs its compiled JavaScript.
 */

/** The worker's first lines, in plain JavaScript: tsx first where the code is TypeScript. */
export const bootScript = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) {
    for (const url of workerData.preload) await import(url);
    const { register } = await import(workerData.tsx);
    register({ tsconfig: workerData.tsconfig });
  }
  await import(workerData.entry);
})().catch((e) => { setTimeout(() => { throw e; }); });
`;

const fromSources = import.meta.url.endsWith('.ts');

/**
 * The large JavaScript packages the readers use, loaded before tsx is registered when running
 * from sources: through tsx they would be transformed and their source maps kept, which costs a
 * reader thread about 170 MB more for pdf.js alone (212 MB instead of 42). Imported later from
 * TypeScript, the same URLs come from the module cache as they are.
 */
const preload = [
  'pdfjs-dist/legacy/build/pdf.mjs',
  'pdfjs-dist/legacy/build/pdf.worker.mjs',
  'mammoth',
  'cheerio',
  'exceljs',
];
const ext = fromSources ? '.ts' : '.js';

/** A module next to `base` (an import.meta.url), named without extension: `.ts` or `.js` as running. */
export function sibling(base: string, path: string): URL {
  return new URL(`${path}${ext}`, base);
}

/**
 * What a thread's boot script is given: the task loop (`worker.ts`) and, from sources, tsx and
 * the packages to load before it (`withPreload`: the readers' large packages).
 */
export function workerData(withPreload: boolean) {
  return {
    entry: sibling(import.meta.url, './worker').href,
    tsx: fromSources ? import.meta.resolve('tsx/esm/api') : null,
    preload: fromSources && withPreload ? preload.map((p) => import.meta.resolve(p)) : [],
    tsconfig: fromSources ? new URL('../../../tsconfig.json', import.meta.url).pathname : null,
  };
}

interface Pending {
  id: number;
  module: string;
  fn: string;
  args: unknown[];
  limits: ReaderLimits;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  memoryMb: number;
  task: Pending | null;
  timer: NodeJS.Timeout | null;
  /** Set when this thread was stopped on purpose (time limit) or failed. */
  gone: boolean;
}

const slots: Slot[] = [];
const queue: Pending[] = [];
let nextId = 1;

function spawn(memoryMb: number): Slot {
  const worker = new Worker(bootScript, {
    eval: true,
    execArgv: [],
    workerData: workerData(true),
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  const slot: Slot = { worker, memoryMb, task: null, timer: null, gone: false };
  worker.unref();
  worker.on(
    'message',
    (m: { id: number; ok: boolean; result?: unknown; refused?: boolean; message?: string }) => {
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      finish(slot);
      if (m.ok) task.resolve(m.result);
      else if (m.refused) task.reject(new FileRefused(m.message ?? ''));
      else task.reject(new ReaderFailed(m.message ?? ''));
      pump();
    },
  );
  const fail = (why: Error) => {
    if (slot.gone) return;
    slot.gone = true;
    const task = slot.task;
    finish(slot);
    slots.splice(slots.indexOf(slot), 1);
    task?.reject(why);
    pump();
  };
  worker.on('error', (e: Error & { code?: string }) =>
    fail(
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new FileRefused(
            `读取该文件所需的内存超过 ${slot.memoryMb} MB 的上限，已停止：文件过大或结构异常，不像是正常的文档`,
          )
        : new ReaderFailed(e.message),
    ),
  );
  worker.on('exit', () => fail(new ReaderFailed('worker exited')));
  slots.push(slot);
  return slot;
}

function finish(slot: Slot) {
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
  slot.task = null;
  slot.worker.unref();
}

function run(slot: Slot, task: Pending) {
  slot.task = task;
  slot.worker.ref();
  slot.timer = setTimeout(() => {
    if (slot.task !== task) return;
    slot.gone = true;
    finish(slot);
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
    task.reject(
      new FileRefused(
        `读取该文件超过 ${task.limits.timeoutSeconds} 秒的时限，已停止：文件过大或结构异常，不像是正常的文档`,
      ),
    );
    pump();
  }, task.limits.timeoutSeconds * 1000);
  slot.worker.postMessage({ id: task.id, module: task.module, fn: task.fn, args: task.args });
}

function pump() {
  while (queue.length) {
    const task = queue[0]!;
    let slot = slots.find((s) => !s.task && s.memoryMb === task.limits.memoryMb);
    if (!slot) {
      // A thread made with another heap limit (a test's) is retired when idle.
      const other = slots.find((s) => !s.task && s.memoryMb !== task.limits.memoryMb);
      if (other) {
        other.gone = true;
        slots.splice(slots.indexOf(other), 1);
        void other.worker.terminate();
      }
      if (slots.length >= task.limits.workers) return;
      slot = spawn(task.limits.memoryMb);
    }
    queue.shift();
    run(slot, task);
  }
}

/** A reader failed on something other than the file (a bug): logged by the caller, not shown. */
export class ReaderFailed extends Error {
  override readonly name = 'ReaderFailed';
}

/**
 * Runs `module`'s export `fn(...args)` in a reader thread within `limits`. Arguments and result
 * are copied (structured clone): bytes, strings and plain objects. Rejects with FileRefused
 * (a message for the user) or ReaderFailed (not for the user).
 */
export function sandboxed<T>(
  module: URL,
  fn: string,
  args: unknown[],
  limits: ReaderLimits = readerLimits(),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({
      id: nextId++,
      module: module.href,
      fn,
      args,
      limits,
      resolve: resolve as (v: unknown) => void,
      reject,
    });
    pump();
  });
}

/** Stops every reader thread (tests, and a clean shutdown). */
export async function closeReaders(): Promise<void> {
  const all = slots.splice(0);
  for (const s of all) s.gone = true;
  await Promise.all(all.map((s) => s.worker.terminate()));
}
