// The write journal: an intent made durable before a write that changes both a file and its index row
// (replacing an instance, deleting instances), removed once both changed. Start-up repair rolls forward
// what a crash left half done (see ops/repair.ts), so a row never describes another file than its own.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ServerContext } from '../context.js';
import type { InstanceRecord } from '../index/types.js';
import type { StorageKey } from '../store/instance-store.js';
import { TMP } from '../store/spooled-write.js';
import { fileWriter } from '../store/file-writer.js';

/** What was under way. */
export type Intent =
  /** The file of an indexed instance replaced by other bytes at `to` (the same key as `from`, or its new one). */
  | { kind: 'replace'; sopInstanceUID: string; from: StorageKey; to: StorageKey }
  /** Instances deleted: their rows, then their files. */
  | { kind: 'delete'; keys: StorageKey[] };

/** A durable intent: `done` removes it (durably) once the write is complete. */
export interface JournalEntry {
  intent: Intent;
  done(): Promise<void>;
}

/**
 * Intents as one small file each in a folder of the data folder, written as instances are (see
 * FileWriter): a temporary file, fdatasynced, renamed into the journal, the journal folder fsynced.
 */
export class WriteJournal {
  constructor(
    readonly folder: string,
    /** Where an intent is written before it is renamed into the journal (the store's temporary folder). */
    readonly temporaries: string,
  ) {}

  /** Resolves once `intent` is durable. */
  async record(intent: Intent): Promise<JournalEntry> {
    // Named by time first, so that entries are rolled forward in the order they were made.
    const name = `${Date.now().toString(36).padStart(10, '0')}-${randomUUID()}.json`;
    const temporary = join(this.temporaries, `${name}.part`);
    await fileWriter().write(temporary, [new TextEncoder().encode(JSON.stringify(intent))]);
    const path = join(this.folder, name);
    // The journal folder itself durable in the data folder, the first time.
    await (await fileWriter().place(temporary, path, dirname(this.folder))).durable;
    return this.#entry(path, intent);
  }

  /** The entries left by writes that did not complete, oldest first. */
  async pending(): Promise<JournalEntry[]> {
    const names = (await readdir(this.folder).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    const entries: JournalEntry[] = [];
    for (const name of names) {
      const path = join(this.folder, name);
      const intent = parseIntent(await readFile(path, 'utf8'));
      // An entry that cannot be read (a damaged file) says nothing that could be completed.
      if (intent) entries.push(this.#entry(path, intent));
      else await this.#remove(path);
    }
    return entries;
  }

  #entry(path: string, intent: Intent): JournalEntry {
    return { intent, done: () => this.#remove(path) };
  }

  async #remove(path: string): Promise<void> {
    await (await fileWriter().remove(path)).durable;
  }
}

function parseIntent(text: string): Intent | undefined {
  try {
    return JSON.parse(text) as Intent;
  } catch {
    return undefined;
  }
}

/** The journal of an archive's data folder. */
export const journalOf = (data: string) => new WriteJournal(join(data, 'journal'), join(data, TMP));

/**
 * Starts replacing the stored `existing` by `record` (overwrite policy): the intent is durable before
 * the new file is renamed into place. Call `finish` once the new row is committed: the old file, if
 * at another key, is removed, then the intent.
 */
export async function beginReplacement(context: ServerContext, existing: InstanceRecord, record: InstanceRecord): Promise<{ finish(): Promise<void> }> {
  const entry = await journalOf(context.config.data).record({ kind: 'replace', sopInstanceUID: record.sopInstanceUID, from: existing.storageKey, to: record.storageKey });
  return {
    async finish() {
      if (existing.storageKey !== record.storageKey) await context.store.delete(existing.storageKey);
      await entry.done();
    },
  };
}
