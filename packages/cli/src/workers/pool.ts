// A fixed number of worker threads taking tasks from one queue, one task per worker at a time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Reply } from './serve.js';

interface Job<T, R> {
  task: T;
  resolve(value: R): void;
  reject(error: Error): void;
}

/**
 * Runs the module `entry` (a worker built with `serve`) in up to `size` threads, started as tasks
 * come. A task's failure rejects its promise with the worker's one-line message; a worker that dies
 * (out of memory, a crashing codec) fails its task and is replaced for the tasks after it.
 */
export class WorkerPool<T, R> {
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Job<T, R>>();
  readonly #queue: Job<T, R>[] = [];
  readonly #workers = new Set<Worker>();
  #closed = false;

  constructor(
    readonly entry: URL,
    readonly size: number,
  ) {}

  run(task: T): Promise<R> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ task, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops every thread; tasks still queued are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error('the worker pool is closed'));
    await Promise.all([...this.#workers].map((w) => w.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#workers.size < this.size ? this.#start() : undefined);
      if (!worker) return;
      const job = this.#queue.shift()!;
      this.#busy.set(worker, job);
      worker.postMessage(job.task);
    }
  }

  #start(): Worker {
    const worker = spawn(this.entry);
    let failure: Error | undefined;
    worker.on('message', (reply: Reply<R>) => {
      const job = this.#busy.get(worker)!;
      this.#busy.delete(worker);
      this.#idle.push(worker);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new Error(reply.message));
      this.#dispatch();
    });
    worker.on('error', (e) => (failure = e));
    worker.on('exit', (code) => {
      this.#workers.delete(worker);
      const idle = this.#idle.indexOf(worker);
      if (idle >= 0) this.#idle.splice(idle, 1);
      const job = this.#busy.get(worker);
      this.#busy.delete(worker);
      job?.reject(new Error(`the worker thread stopped (exit code ${code})${failure ? `: ${failure.message}` : ''}`));
      if (!this.#closed) this.#dispatch();
    });
    this.#workers.add(worker);
    return worker;
  }
}

/**
 * A worker for `entry`: the compiled .js module beside the caller's; when running from the TypeScript
 * sources (tests, development) the .js does not exist, and the worker compiles the .ts as it imports it.
 */
function spawn(entry: URL): Worker {
  if (existsSync(fileURLToPath(entry))) return new Worker(entry);
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  return new Worker(new URL('./from-source.mjs', import.meta.url), { workerData: { entry: source.href } });
}
