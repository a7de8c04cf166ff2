// Durable file system work (file writes and fdatasyncs, renames, folder fsyncs) on threads of its own, in batches.
import { Worker } from 'node:worker_threads';
import { concatBytes } from '@dcmkit/core';
import { SharedSlots } from './shared-slots.js';
import { writerThread } from './writer-thread.js';

/** A job of the writer thread. */
export type WriterJob = { id: number } & (
  | /** A new file (its folder created if missing) with these bytes, fdatasynced. */ { op: 'write'; path: string; bytes: Uint8Array }
  | /** Rename into place (missing folders created), then fsync of the folder (and, the first time, of its parents up to `root`). */ {
      op: 'place';
      from: string;
      to: string;
      root: string;
    }
  | /** Removal of a file (none there is no error), then fsync of its folder. */ { op: 'remove'; path: string }
);
export interface WriterFailure {
  message: string;
  code?: string;
}
export interface WriterReply {
  id: number;
  error?: WriterFailure;
}
/** What the thread posts: the replies of a batch once its jobs are done, then once they are durable. */
interface WriterMessage {
  phase: 'done' | 'durable';
  replies: WriterReply[];
}

interface Deferred {
  resolve(): void;
  reject(e: Error): void;
}
interface Waiting {
  done: Deferred & { promise: Promise<void> };
  /** For jobs with folder work: settled by the 'durable' reply. */
  durable?: Deferred & { promise: Promise<void> };
  /** The 'done' reply came (the caller awaits `durable` from then on). */
  answered?: boolean;
}

function deferred(): Deferred & { promise: Promise<void> } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const errorOf = (f: WriterFailure): Error => Object.assign(new Error(f.message), f.code ? { code: f.code } : {});

/** A writer thread holds little more than the bytes in flight (outside its heap): a small heap keeps it small. */
const WRITER_HEAP = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
/** Writer threads at most. */
const LANES = 4;
/** Jobs the first lane may have before a write goes to another lane, to run at once with its own. */
const BACKLOG = 4;
/** Shared slots for the bytes of files being written: enough for a few writes per lane of most instances. */
const SLOT_BYTES = 1024 ** 2;
const SLOTS = 16;

/**
 * Durable file system work on threads of its own (lanes). Their synchronous system calls cost less CPU
 * than the same calls each handed to libuv's thread pool, and the first lane, which does all the folder
 * work (in order: a folder it created is durable before a later rename into it is), syncs each folder
 * once per batch however many files were renamed into it. File writes go to the first lane too, unless
 * it is behind: then to other lanes (started when so needed), so that a slow disk gets them at once (a
 * journaling file system commits them together). The threads keep the process alive only while they
 * have jobs.
 */
export class FileWriter {
  readonly #lanes = Array.from({ length: LANES }, () => new WriterLane());
  readonly #slots = new SharedSlots(SLOT_BYTES, SLOTS);

  /**
   * Writes `chunks` to a new file at `path` and fdatasyncs it; a failed write leaves no file. The bytes
   * are copied (the chunks stay usable; they may be views of buffers shared with other data).
   */
  write(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const [first, ...others] = this.#lanes;
    const lane = first!.jobs < BACKLOG ? first! : others.reduce((a, b) => (b.jobs < a.jobs ? b : a));
    const shared = this.#slots.take(chunks, length);
    if (shared) {
      const done = lane.submit({ id: 0, op: 'write', path, bytes: shared.bytes }).done.promise;
      // The thread has finished with the bytes once it answered (or stopped).
      void done.then(
        () => this.#slots.give(shared.slot),
        () => this.#slots.give(shared.slot),
      );
      return done;
    }
    // Too large for a slot, or none free: a buffer of its own, handed over.
    const bytes = concatBytes(chunks);
    return lane.submit({ id: 0, op: 'write', path, bytes }, [bytes.buffer as ArrayBuffer]).done.promise;
  }

  /**
   * Renames `from` to `to`, creating its missing folders; `durable` resolves once the rename is, and
   * every folder from `to`'s up to `root` (a folder inside `root`) is durable in its parent.
   */
  place(from: string, to: string, root: string): Promise<{ durable: Promise<void> }> {
    return this.#lanes[0]!.durably({ id: 0, op: 'place', from, to, root });
  }

  /** Removes `path` (no error when it is not there); `durable` resolves once the removal is. */
  remove(path: string): Promise<{ durable: Promise<void> }> {
    return this.#lanes[0]!.durably({ id: 0, op: 'remove', path });
  }

  /** Starts the first thread ahead of the first job (it takes some milliseconds). */
  warm(): void {
    this.#lanes[0]!.start();
  }

  /** Stops the threads (jobs waiting fail). */
  async close(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.close()));
  }
}

/** One writer thread and the jobs it was given. */
class WriterLane {
  #worker?: Worker;
  #failure?: Error;
  #next = 0;
  readonly #waiting = new Map<number, Waiting>();

  /** Jobs not finished. */
  get jobs(): number {
    return this.#waiting.size;
  }

  async close(): Promise<void> {
    await this.#worker?.terminate();
  }

  async durably(job: WriterJob): Promise<{ durable: Promise<void> }> {
    const waiting = this.submit(job);
    await waiting.done.promise;
    return { durable: waiting.durable!.promise };
  }

  submit(job: WriterJob, transfer: ArrayBuffer[] = []): Waiting {
    job.id = this.#next++;
    const waiting: Waiting = { done: deferred(), durable: job.op === 'write' ? undefined : deferred() };
    const worker = this.start();
    if (this.#waiting.size === 0) worker.ref();
    this.#waiting.set(job.id, waiting);
    worker.postMessage(job, transfer);
    return waiting;
  }

  /** The thread, started on first use and again after it stopped. */
  start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(`(${writerThread.toString()})()`, { eval: true, resourceLimits: WRITER_HEAP });
    worker.on('message', (m: WriterMessage) => this.#answer(m));
    worker.on('error', (e) => (this.#failure = e));
    worker.on('exit', (code) => {
      this.#worker = undefined;
      const e = new Error(`the file writer thread stopped (exit code ${code})${this.#failure ? `: ${this.#failure.message}` : ''}`);
      this.#failure = undefined;
      for (const w of this.#waiting.values()) (w.answered ? w.durable! : w.done).reject(e);
      this.#waiting.clear();
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    return (this.#worker = worker);
  }

  #answer({ phase, replies }: WriterMessage): void {
    for (const { id, error } of replies) {
      const waiting = this.#waiting.get(id);
      if (!waiting) continue;
      if (phase === 'done') {
        if (error) waiting.done.reject(errorOf(error));
        else waiting.done.resolve();
        if (!error && waiting.durable) {
          waiting.answered = true;
          continue;
        }
      } else if (error) waiting.durable!.reject(errorOf(error));
      else waiting.durable!.resolve();
      this.#waiting.delete(id);
    }
    if (this.#waiting.size === 0) this.#worker?.unref();
  }
}

let shared: FileWriter | undefined;

/** The process's file writer, shared by every FileStore. */
export function fileWriter(): FileWriter {
  return (shared ??= new FileWriter());
}
