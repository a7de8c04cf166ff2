// The worker-thread side of WorkerPool: each message is a task, each reply its result or one-line failure.
import { parentPort } from 'node:worker_threads';
import { failureMessage } from '../batch/failure.js';

export type Reply<R> = { ok: true; value: R } | { ok: false; message: string };

/** Answers the pool's tasks with `handle`, one at a time. */
export function serve<T, R>(handle: (task: T) => Promise<R>): void {
  if (!parentPort) throw new Error('serve() runs in a worker thread');
  const port = parentPort;
  port.on('message', async (task: T) => {
    let reply: Reply<R>;
    try {
      reply = { ok: true, value: await handle(task) };
    } catch (e) {
      reply = { ok: false, message: failureMessage(e) };
    }
    port.postMessage(reply);
  });
}
