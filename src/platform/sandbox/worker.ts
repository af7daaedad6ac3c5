import { parentPort } from 'node:worker_threads';

/**
 * A reader's worker thread: runs `module`'s export `fn` on the arguments it is sent, one task at
 * a time, and answers with the result or the error. A refusal (FileRefused) keeps its message;
 * any other error only says that it happened, its text goes to the log of the thread that asked.
 */
interface Task {
  id: number;
  module: string;
  fn: string;
  args: unknown[];
}

parentPort!.on('message', async (task: Task) => {
  try {
    const mod = (await import(task.module)) as Record<string, (...args: unknown[]) => unknown>;
    const fn = mod[task.fn];
    if (typeof fn !== 'function') throw new Error(`${task.module} has no export ${task.fn}`);
    parentPort!.postMessage({ id: task.id, ok: true, result: await fn(...task.args) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({
      id: task.id,
      ok: false,
      refused: err?.name === 'FileRefused' || (err as { refused?: boolean })?.refused === true,
      message: err?.message ?? String(e),
      stack: err?.stack ?? null,
    });
  }
});
