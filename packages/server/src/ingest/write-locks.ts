// Mutual exclusion of the archive's writes: storing an instance against deleting a study, series or
// instance that holds it, so that the file and the index row of an instance change together.
import type { InstanceScope } from '../index/types.js';
import { KeyedLock } from './keyed-lock.js';

interface Holder {
  scope: InstanceScope;
  /** A delete: it excludes every other write inside its scope (a store excludes only deletes). */
  exclusive: boolean;
  /** Settles when the holder's task has. */
  done: Promise<unknown>;
}

/** Whether one scope holds the other (the same study; series and instance equal where both name one). */
const overlaps = (a: InstanceScope, b: InstanceScope) =>
  (a.series === undefined || b.series === undefined || a.series === b.series) && (a.instance === undefined || b.instance === undefined || a.instance === b.instance);

/**
 * Shared and exclusive holders of scopes: a task waits for the earlier holders it conflicts with (so
 * conflicting writes run in arrival order, and none starves). Holders of different studies never meet.
 */
export class ScopeLock {
  #studies = new Map<string, Set<Holder>>();

  run<T>(scope: InstanceScope, exclusive: boolean, task: () => Promise<T>): Promise<T> {
    let holders = this.#studies.get(scope.study);
    if (!holders) this.#studies.set(scope.study, (holders = new Set()));
    const earlier = [...holders].filter((h) => (exclusive || h.exclusive) && overlaps(h.scope, scope)).map((h) => h.done);
    const result = earlier.length ? Promise.all(earlier).then(task) : task();
    const holder: Holder = { scope, exclusive, done: result.catch(() => undefined) };
    holders.add(holder);
    void holder.done.then(() => {
      holders.delete(holder);
      if (holders.size === 0 && this.#studies.get(scope.study) === holders) this.#studies.delete(scope.study);
    });
    return result;
  }
}

/** The archive's write locks: stores of the same SOP Instance one at a time, deletes exclusive over their scope. */
class WriteLocks {
  readonly #instances = new KeyedLock();
  readonly #scopes = new ScopeLock();

  /** Runs the store (index and file) of the instance `record` names. */
  store<T>(record: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }, task: () => Promise<T>): Promise<T> {
    const scope = { study: record.studyInstanceUID, series: record.seriesInstanceUID, instance: record.sopInstanceUID };
    return this.#instances.run(record.sopInstanceUID, () => this.#scopes.run(scope, false, task));
  }

  /** Runs the delete of the instances in `scope` (index rows and files). */
  delete<T>(scope: InstanceScope, task: () => Promise<T>): Promise<T> {
    return this.#scopes.run(scope, true, task);
  }
}

/** The write locks of the process (one archive's data folder per process; tests share them harmlessly). */
export const writeLocks = new WriteLocks();
