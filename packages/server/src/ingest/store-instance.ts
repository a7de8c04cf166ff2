// Storing one instance: bytes to a durable temporary file, described, renamed into place, then indexed.
import type { ServerContext } from '../context.js';
import { DuplicateInstanceError, type InstanceRecord } from '../index/types.js';
import { storageKeyOf, type PendingWrite } from '../store/instance-store.js';
import { describeInstance, InvalidInstanceError } from './describe.js';
import { beginReplacement } from './write-journal.js';
import { writeLocks } from './write-locks.js';

/** Failure Reason (0008,1197) values of STOW-RS (PS3.18 10.5.3, PS3.7 Annex C). */
export const FailureReason = {
  /** Processing failure. */
  processingFailure: 0x0110,
  /** Duplicate SOP Instance (a general DIMSE status, PS3.7 Annex C): the UID is stored with other content. */
  duplicateSopInstance: 0x0111,
  /** Out of resources (the request was too large). */
  outOfResources: 0xa700,
  /** Data Set does not match SOP Class: no valid Study, Series or SOP Instance UID, or not the study of the request path. */
  dataSetDoesNotMatch: 0xa900,
  /** Cannot understand: not a readable DICOM Part 10 file. */
  cannotUnderstand: 0xc000,
} as const;

/** The outcome of one part. */
export type StoreOutcome =
  | { ok: true; record: InstanceRecord; outcome: 'inserted' | 'unchanged' | 'replaced' }
  | { ok: false; reason: number; message: string; sopClassUID?: string; sopInstanceUID?: string };

/**
 * Closes the write and describes it, checks it against `study` (the request path's, if any),
 * then renames it into place and indexes it. An instance is acknowledged ('ok') only once its file and
 * its index row are durable. Writes of the same SOP Instance UID, and deletes of it, are serialised
 * (see writeLocks). With `after` (the previous part of a request), the renaming and indexing wait for it,
 * so that the first part received is the first indexed (its Patient and Study attributes are the study's).
 */
export async function storeInstance(context: ServerContext, pending: PendingWrite, study?: string, after?: Promise<unknown>): Promise<StoreOutcome> {
  let record: InstanceRecord;
  // The temporary file is written and fsynced while the bytes are described.
  const written = pending.close();
  const source = await pending.source();
  try {
    record = await describeInstance(source, { size: pending.size, sha256: pending.sha256 });
    await written;
  } catch (e) {
    await pending.discard();
    if (e instanceof InvalidInstanceError) {
      return { ok: false, reason: e.kind === 'unreadable' ? FailureReason.cannotUnderstand : FailureReason.dataSetDoesNotMatch, message: e.message };
    }
    throw e;
  } finally {
    await source.close?.();
  }
  const ids = { sopClassUID: record.sopClassUID, sopInstanceUID: record.sopInstanceUID };
  if (study !== undefined && record.studyInstanceUID !== study) {
    await pending.discard();
    return { ok: false, reason: FailureReason.dataSetDoesNotMatch, message: `Study Instance UID ${record.studyInstanceUID} is not the study of the request (${study})`, ...ids };
  }
  const overwrite = context.config.onDuplicate === 'overwrite';
  await after?.catch(() => undefined);
  return writeLocks.store(record, async (): Promise<StoreOutcome> => {
    const existing = await context.index.getInstance(record.sopInstanceUID);
    if (existing && existing.sha256 === record.sha256) {
      await pending.discard();
      return { ok: true, record: existing, outcome: 'unchanged' };
    }
    if (existing && !overwrite) {
      await pending.discard();
      return { ok: false, reason: FailureReason.duplicateSopInstance, message: `SOP Instance ${record.sopInstanceUID} is already stored with different content`, ...ids };
    }
    // A replacement at the key of the file it replaces would be served under the old row until the commit,
    // and on a store shared with other archives one of them may be writing this SOP Instance right now:
    // such a write gets a key of its own, named by its content.
    if (context.store.shared || existing?.storageKey === record.storageKey) {
      record = { ...record, storageKey: storageKeyOf(record.studyInstanceUID, record.seriesInstanceUID, record.sopInstanceUID, record.sha256.slice(0, 16)) };
    }
    let replacement, durable;
    try {
      replacement = existing && (await beginReplacement(context, existing, record));
      ({ durable } = await pending.commit(record.storageKey));
    } catch (e) {
      await pending.discard();
      throw e;
    }
    // Indexed while the rename is made durable: acknowledged once both are.
    try {
      const [outcome] = await Promise.all([context.index.insertInstance(record, { overwrite }), durable]);
      await replacement?.finish();
      return { ok: true, record, outcome };
    } catch (e) {
      if (!(e instanceof DuplicateInstanceError)) throw e;
      // Another archive sharing the store indexed this SOP Instance first: the same bytes are stored, other bytes are not (and their object goes).
      const first = await context.index.getInstance(record.sopInstanceUID);
      if (first?.sha256 === record.sha256) return { ok: true, record: first, outcome: 'unchanged' };
      if (first?.storageKey !== record.storageKey) await context.store.delete(record.storageKey);
      return { ok: false, reason: FailureReason.duplicateSopInstance, message: e.message, ...ids };
    }
  });
}
