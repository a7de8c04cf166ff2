// Start-up repair: the store and the index agree again after a crash.
import { createHash } from 'node:crypto';
import { describeInstance } from '../ingest/describe.js';
import type { Intent, WriteJournal } from '../ingest/write-journal.js';
import type { ArchiveIndex, InstanceRecord } from '../index/types.js';
import { isStorageKeyOf, type InstanceStore, type StorageKey } from '../store/instance-store.js';

export interface RepairReport {
  /** Temporary files of interrupted writes, removed. */
  temporaryFilesRemoved: number;
  /** Storage keys of interrupted replacements and deletes (see WriteJournal), completed. */
  rolledForward: string[];
  /** Stored files that had no index row and were indexed. */
  reindexed: string[];
  /** Stored files without an index row that could not be indexed (left in place). */
  unindexable: { key: string; reason: string }[];
  /** Index rows whose file was missing, removed. */
  missingFilesRemoved: string[];
}

/** What a file-backed index needs beyond ArchiveIndex to remove rows by storage key. */
interface RepairableIndex extends ArchiveIndex {
  removeStorageKeys(keys: string[]): Promise<void>;
}

/**
 * Removes temporary files, completes the journaled writes a crash interrupted, indexes files that have
 * no row (a crash between rename and commit), and removes rows whose file is gone. Only the files of
 * journaled writes and of files without rows are read: the cost does not grow with the archive. A shared
 * store (see InstanceStore.shared) is listed only with `listShared` (`dcmkit repair`): at start-up only its
 * temporary files and the journal are repaired.
 */
export async function repairArchive(store: InstanceStore, index: RepairableIndex, journal: WriteJournal, { listShared = false } = {}): Promise<RepairReport> {
  const report: RepairReport = { temporaryFilesRemoved: await store.removeTemporaryFiles(), rolledForward: [], reindexed: [], unindexable: [], missingFilesRemoved: [] };
  for (const entry of await journal.pending()) {
    await rollForward(store, index, entry.intent, report);
    await entry.done();
  }
  if (store.shared && !listShared) return report;
  const indexed = new Set<string>();
  for await (const key of index.storageKeys()) indexed.add(key);
  for await (const key of store.list()) {
    if (indexed.delete(key)) continue;
    try {
      const record = await reindex(store, key);
      // A second file of an indexed instance is left alone: indexing it would orphan the first.
      const other = (await index.getInstance(record.sopInstanceUID))?.storageKey;
      if (other !== undefined && (await store.exists(other))) throw new Error(`its SOP Instance is indexed at ${other}`);
      await index.insertInstance(record, { overwrite: true });
      report.reindexed.push(key);
    } catch (e) {
      report.unindexable.push({ key, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  report.missingFilesRemoved = [...indexed];
  if (indexed.size) await index.removeStorageKeys([...indexed]);
  return report;
}

/**
 * Completes an interrupted write: a replacement is indexed from the file now at its key (the row may
 * still describe the previous file) and the previous file removed; a delete removes its rows and files.
 */
async function rollForward(store: InstanceStore, index: RepairableIndex, intent: Intent, report: RepairReport): Promise<void> {
  if (intent.kind === 'delete') {
    await index.removeStorageKeys(intent.keys);
    await Promise.all(intent.keys.map((key) => store.delete(key)));
    report.rolledForward.push(...intent.keys);
    return;
  }
  // Not renamed into place yet: the previous file and its row are untouched.
  if (!(await store.exists(intent.to))) return;
  try {
    const record = await reindex(store, intent.to);
    if (record.sopInstanceUID !== intent.sopInstanceUID) throw new Error(`it holds SOP Instance ${record.sopInstanceUID}, not ${intent.sopInstanceUID}`);
    await index.insertInstance(record, { overwrite: true });
    if (intent.from !== intent.to) await store.delete(intent.from);
    report.rolledForward.push(intent.to);
  } catch (e) {
    report.unindexable.push({ key: intent.to, reason: e instanceof Error ? e.message : String(e) });
  }
}

/** Describes a stored file from its bytes (hashed as they are read); its UIDs must be those of its key. */
async function reindex(store: InstanceStore, key: StorageKey): Promise<InstanceRecord> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of store.stream(key)) {
    hash.update(chunk);
    size += chunk.length;
  }
  const source = await store.open(key);
  let record: InstanceRecord;
  try {
    record = await describeInstance(source, { size, sha256: hash.digest('hex') });
  } finally {
    await source.close?.();
  }
  if (!isStorageKeyOf(key, record.studyInstanceUID, record.seriesInstanceUID, record.sopInstanceUID)) throw new Error(`its UIDs belong at ${record.storageKey}`);
  return { ...record, storageKey: key };
}
