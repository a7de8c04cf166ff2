// Start-up repair: the store and the index agree again after a crash.
import { createHash } from 'node:crypto';
import { describeInstance } from '../ingest/describe.js';
import type { ArchiveIndex } from '../index/types.js';
import type { InstanceStore } from '../store/instance-store.js';

export interface RepairReport {
  /** Temporary files of interrupted writes, removed. */
  temporaryFilesRemoved: number;
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
 * Removes temporary files, indexes files that have no row (a crash between rename and commit),
 * and removes rows whose file is gone.
 */
export async function repairArchive(store: InstanceStore, index: RepairableIndex): Promise<RepairReport> {
  const report: RepairReport = { temporaryFilesRemoved: await store.removeTemporaryFiles(), reindexed: [], unindexable: [], missingFilesRemoved: [] };
  const indexed = new Set<string>();
  for await (const key of index.storageKeys()) indexed.add(key);
  for await (const key of store.list()) {
    if (indexed.delete(key)) continue;
    try {
      const record = await reindex(store, key);
      if (record.storageKey !== key) throw new Error(`its UIDs belong at ${record.storageKey}`);
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

async function reindex(store: InstanceStore, key: string) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of store.stream(key)) {
    hash.update(chunk);
    size += chunk.length;
  }
  const source = await store.open(key);
  try {
    return await describeInstance(source, { size, sha256: hash.digest('hex') });
  } finally {
    await source.close?.();
  }
}
