// The worker-thread side of WorkerPool: each message is a task, each reply its result or one-line failure.
import { parentPort } from 'node:worker_threads';
import type { Reply } from './worker-pool.js';

/** A task's result sent with buffers transferred rather than copied. */
export class Transfer<R> {
  constructor(
    readonly value: R,
    readonly buffers: ArrayBuffer[],
  ) {}
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Answers the pool's tasks with `handle`, one at a time; `describe` turns a failure into its one line. */
export function serve<T, R>(handle: (task: T) => Promise<R | Transfer<R>>, describe: (e: unknown) => string = messageOf): void {
  if (!parentPort) throw new Error('serve() runs in a worker thread');
  const port = parentPort;
  port.on('message', async (task: T) => {
    let reply: Reply<R>;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = await handle(task);
      if (result instanceof Transfer) {
        reply = { ok: true, value: result.value };
        transfer = result.buffers;
      } else reply = { ok: true, value: result };
    } catch (e) {
      reply = { ok: false, message: describe(e) };
    }
    port.postMessage(reply, transfer);
  });
}
