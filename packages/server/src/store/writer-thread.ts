// The file writer's thread: synchronous file system calls, in batches (group commit of folder fsyncs).
import type { WriterFailure, WriterJob, WriterReply } from './file-writer.js';

/**
 * The program of the writer thread. It runs from its source text (FileWriter starts it with `eval`),
 * so it refers to nothing outside itself but Node's built-in modules.
 *
 * Jobs that arrive while a batch runs make the next batch. Per batch: each rename or removal, then each
 * file write (with its fdatasync); the 'done' replies; one fsync of each folder touched (POSIX: a rename
 * or a new folder is durable once its folder is fsynced); the 'durable' replies. A folder whose fsync
 * failed is synced again with the next batches until one succeeds, and a failed fsync fails the
 * durability of its whole batch.
 */
export function writerThread(): void {
  const fs = process.getBuiltinModule('node:fs');
  const { dirname } = process.getBuiltinModule('node:path');
  const { parentPort, receiveMessageOnPort } = process.getBuiltinModule('node:worker_threads');
  const port = parentPort!;
  /** Folders kept open for their fsyncs, least recently used first. */
  const OPEN_FOLDERS = 64;
  const open = new Map<string, number>();
  /** Folders whose last fsync failed. */
  const unsynced = new Set<string>();
  const queue: WriterJob[] = [];
  let scheduled = false;

  const failure = (e: unknown): WriterFailure => ({ message: (e as Error).message, code: (e as NodeJS.ErrnoException).code });

  /** An open descriptor of `folder`: a cached one unless its folder was removed (no links left) since. */
  const folderFd = (folder: string): number => {
    const cached = open.get(folder);
    if (cached !== undefined) {
      open.delete(folder);
      if (fs.fstatSync(cached).nlink > 0) {
        open.set(folder, cached);
        return cached;
      }
      fs.closeSync(cached);
    }
    const fd = fs.openSync(folder, 'r');
    open.set(folder, fd);
    if (open.size > OPEN_FOLDERS) {
      const [oldest, oldestFd] = open.entries().next().value!;
      open.delete(oldest);
      fs.closeSync(oldestFd);
    }
    return fd;
  };

  const syncFolder = (folder: string): void => {
    try {
      fs.fsyncSync(folderFd(folder));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Where folders cannot be opened or synced there is nothing more to do.
      if (code === 'EISDIR' || code === 'EPERM') return;
      const fd = open.get(folder);
      open.delete(folder);
      if (fd !== undefined) fs.closeSync(fd);
      throw e;
    }
  };

  /** Folders whose own entry, and their parents' up to the root given, this thread has synced (or seen synced). */
  const chained = new Set<string>();

  /**
   * Renames `from` to `to`, creating the missing folders of `to`; adds the folders to sync to `touched`.
   * The first time a folder is placed into, its parents up to `root` are synced too: it may have been
   * created by an earlier run that stopped before its parent was synced.
   */
  const place = (from: string, to: string, root: string, touched: Set<string>): void => {
    const folder = dirname(to);
    try {
      fs.renameSync(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const first = fs.mkdirSync(folder, { recursive: true });
      // Each folder created is durable once its parent is synced.
      if (first !== undefined) for (let f = folder; ; f = dirname(f)) {
        touched.add(dirname(f));
        if (f === first) break;
      }
      fs.renameSync(from, to);
    }
    touched.add(folder);
    for (let f = folder; f.startsWith(root) && f !== root && !chained.has(f); f = dirname(f)) {
      chained.add(f);
      touched.add(dirname(f));
    }
  };

  const remove = (path: string, touched: Set<string>): void => {
    try {
      fs.unlinkSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    touched.add(dirname(path));
  };

  /** A new file with `bytes`, fdatasynced; removed again if that fails. */
  const write = (path: string, bytes: Uint8Array): void => {
    let fd: number;
    try {
      fd = fs.openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      fs.mkdirSync(dirname(path), { recursive: true });
      fd = fs.openSync(path, 'wx');
    }
    try {
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at);
      fs.fdatasyncSync(fd);
    } catch (e) {
      fs.rmSync(path, { force: true });
      throw e;
    } finally {
      fs.closeSync(fd);
    }
  };

  const runBatch = (jobs: WriterJob[]): void => {
    const touched = new Set(unsynced);
    const done: WriterReply[] = [];
    const durable: number[] = [];
    // Renames first: the fdatasyncs after them may commit them too (one journal commit on ext4 and the like).
    for (const pass of ['folders', 'files'] as const) {
      for (const job of jobs) {
        if ((job.op === 'write') !== (pass === 'files')) continue;
        try {
          if (job.op === 'write') write(job.path, job.bytes);
          else if (job.op === 'place') place(job.from, job.to, job.root, touched);
          else remove(job.path, touched);
          done.push({ id: job.id });
          if (job.op !== 'write') durable.push(job.id);
        } catch (e) {
          done.push({ id: job.id, error: failure(e) });
        }
      }
    }
    port.postMessage({ phase: 'done', replies: done });
    if (durable.length === 0 && touched.size === 0) return;
    let error: WriterFailure | undefined;
    for (const folder of touched) {
      try {
        syncFolder(folder);
        unsynced.delete(folder);
      } catch (e) {
        unsynced.add(folder);
        error ??= failure(e);
      }
    }
    port.postMessage({ phase: 'durable', replies: durable.map((id) => ({ id, error })) });
  };

  const drain = (): void => {
    scheduled = false;
    for (;;) {
      for (let m; (m = receiveMessageOnPort(port)); ) queue.push(m.message as WriterJob);
      if (queue.length === 0) return;
      runBatch(queue.splice(0));
    }
  };

  port.on('message', (job: WriterJob) => {
    queue.push(job);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
}
