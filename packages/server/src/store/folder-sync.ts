// fsync of folders, so that renames and new entries in them are durable (POSIX), shared by concurrent writers.
import { open, type FileHandle } from 'node:fs/promises';

/** One fsync of a folder (a no-op where folders cannot be opened or synced). */
export async function syncFolder(path: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  } finally {
    await fh?.close();
  }
}

interface FolderState {
  /** The last sync started or scheduled. */
  tail: Promise<void>;
  /** A sync scheduled after the running one and not started yet: it covers every request made until it starts. */
  queued?: Promise<void>;
}

/**
 * Group commit of folder fsyncs: a request made while a sync of the same folder runs is served by the
 * next sync, which starts when the running one ends and serves every request made until then.
 */
export class FolderSyncs {
  #folders = new Map<string, FolderState>();

  /** Resolves once every entry made in `folder` before the call is durable. */
  sync(folder: string): Promise<void> {
    let state = this.#folders.get(folder);
    if (!state) this.#folders.set(folder, (state = { tail: Promise.resolve() }));
    if (state.queued) return state.queued;
    const current = state;
    const run = current.tail.then(
      () => this.#start(folder, current),
      () => this.#start(folder, current),
    );
    current.queued = current.tail = run;
    const forget = () => {
      if (this.#folders.get(folder)?.tail === run) this.#folders.delete(folder);
    };
    run.then(forget, forget);
    return run;
  }

  #start(folder: string, state: FolderState): Promise<void> {
    state.queued = undefined;
    return syncFolder(folder);
  }
}
