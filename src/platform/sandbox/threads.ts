import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bootScript, workerData } from './pool.js';

/**
 * Threads for trusted CPU work that a caller spreads over the machine's cores for the length of
 * one job (a search index rebuild cutting a million documents into words), then stops: unlike
 * the reader threads they have no limits and keep nothing alive after the job. A task names a
 * module and an export, as for the readers (`sibling(import.meta.url, './x')`).
 */
export interface Threads {
  /** Runs `module`'s export `fn(...args)` on the next free thread; results keep their order per caller. */
  run<T>(module: URL, fn: string, args: unknown[]): Promise<T>;
  size: number;
}

/** How many threads a job may use: the cores, at most `most` (at least one). */
export function threadCount(most = 4): number {
  return Math.max(1, Math.min(most, availableParallelism()));
}

export async function withThreads<R>(count: number, job: (threads: Threads) => Promise<R>): Promise<R> {
  const workers = Array.from(
    { length: count },
    () => new Worker(bootScript, { eval: true, execArgv: [], workerData: workerData(false) }),
  );
  const idle = [...workers];
  const waiting: Array<(w: Worker) => void> = [];
  const failed: Error[] = [];
  let nextId = 1;
  const acquire = () =>
    idle.length ? Promise.resolve(idle.pop()!) : new Promise<Worker>((r) => waiting.push(r));
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  for (const w of workers) w.on('error', (e) => failed.push(e));
  const threads: Threads = {
    size: count,
    async run<T>(module: URL, fn: string, args: unknown[]): Promise<T> {
      if (failed.length) throw failed[0]!;
      const w = await acquire();
      const id = nextId++;
      try {
        return await new Promise<T>((resolve, reject) => {
          const onMessage = (m: { id: number; ok: boolean; result?: unknown; message?: string }) => {
            if (m.id !== id) return;
            w.off('message', onMessage);
            w.off('exit', onExit);
            if (m.ok) resolve(m.result as T);
            else reject(new Error(m.message ?? 'thread task failed'));
          };
          const onExit = () => reject(failed[0] ?? new Error('thread exited'));
          w.on('message', onMessage);
          w.once('exit', onExit);
          w.postMessage({ id, module: module.href, fn, args });
        });
      } finally {
        release(w);
      }
    },
  };
  try {
    return await job(threads);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
