// A fixed number of worker threads taking tasks from one queue, one task per worker at a time, each
// task with an optional time limit: a worker past it is stopped (the only way to end a loop inside a
// native or WebAssembly library) and replaced for the tasks after it.
import { Worker } from 'node:worker_threads';

/** What a worker answers for each task (see serve). */
export type Reply<R> = { ok: true; value: R } | { ok: false; message: string };

/** A task's options: objects to transfer rather than copy, and a time limit in milliseconds. */
export interface TaskOptions {
  transfer?: readonly ArrayBuffer[];
  timeoutMs?: number;
}

/** A task whose worker did not answer within its time limit. */
export class WorkerTimeoutError extends Error {
  override readonly name = 'WorkerTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms: the worker thread was stopped`);
  }
}

interface Job<T, R> {
  task: T;
  options: TaskOptions;
  resolve(value: R): void;
  reject(error: Error): void;
}

interface Running<T, R> {
  job: Job<T, R>;
  timer?: ReturnType<typeof setTimeout>;
  timedOut?: WorkerTimeoutError;
}

/**
 * Runs worker threads made by `spawn` (each serving tasks with `serve`), up to `size` of them, started as
 * tasks come. A task's failure rejects its promise with the worker's one-line message; a worker that dies
 * (out of memory, a crashing library) or overruns its task's time limit fails that task and is replaced
 * for the tasks after it. Idle workers do not keep the process alive.
 */
export class WorkerPool<T, R> {
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Running<T, R>>();
  readonly #queue: Job<T, R>[] = [];
  readonly #workers = new Set<Worker>();
  #closed = false;

  constructor(
    readonly spawn: () => Worker,
    readonly size: number,
  ) {}

  run(task: T, options: TaskOptions = {}): Promise<R> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ task, options, resolve, reject });
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
      const running: Running<T, R> = { job };
      const { timeoutMs, transfer = [] } = job.options;
      if (timeoutMs !== undefined) {
        running.timer = setTimeout(() => {
          running.timedOut = new WorkerTimeoutError(timeoutMs);
          void worker.terminate();
        }, timeoutMs);
      }
      this.#busy.set(worker, running);
      worker.ref();
      worker.postMessage(job.task, transfer);
    }
  }

  /** Takes the running task of `worker` off it. */
  #finish(worker: Worker): Running<T, R> | undefined {
    const running = this.#busy.get(worker);
    this.#busy.delete(worker);
    clearTimeout(running?.timer);
    return running;
  }

  #start(): Worker {
    const worker = this.spawn();
    let failure: Error | undefined;
    worker.on('message', (reply: Reply<R>) => {
      const { job } = this.#finish(worker)!;
      this.#idle.push(worker);
      worker.unref();
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new Error(reply.message));
      this.#dispatch();
    });
    worker.on('error', (e) => (failure = e));
    worker.on('exit', (code) => {
      this.#workers.delete(worker);
      const idle = this.#idle.indexOf(worker);
      if (idle >= 0) this.#idle.splice(idle, 1);
      const running = this.#finish(worker);
      running?.job.reject(running.timedOut ?? new Error(`the worker thread stopped (exit code ${code})${failure ? `: ${failure.message}` : ''}`));
      if (!this.#closed) this.#dispatch();
    });
    this.#workers.add(worker);
    return worker;
  }
}
