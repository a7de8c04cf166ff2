// Interrupted replacements (--on-duplicate overwrite) and deletes: the index commit fails (as a crash
// would leave it) after the new file was renamed into place, or a delete stops after its intent was
// journaled; start-up repair rolls the write forward from the journal, and the rows match the files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storageKeyOf } from '../src/index.js';
import { journalOf } from '../src/ingest/write-journal.js';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';

const study = '1.2.826.0.1.3680043.10.5680';
const sop = `${study}.1.1`;
const v1 = syntheticInstance({ study, series: `${study}.1`, sop, patientName: 'First^Version' });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const journalEntries = (data: string) => (existsSync(join(data, 'journal')) ? readdirSync(join(data, 'journal')) : []);

/** Stores `replacement` over v1 with the index commit failing, as a crash between rename and commit leaves it; resolves to the data folder. */
async function interruptedReplacement(replacement: Uint8Array): Promise<string> {
  const first = await startArchive({ onDuplicate: 'overwrite' });
  expect((await stow(first.url, [v1])).status).toBe(200);
  const index = first.server.context.index;
  index.insertInstance = () => Promise.reject(new Error('simulated crash before the index commit'));
  expect((await stow(first.url, [replacement])).status).not.toBe(200);
  expect((await index.getInstance(sop))!.sha256).toBe(sha256(v1));
  expect(journalEntries(first.data)).toHaveLength(1);
  await first.server.close();
  return first.data;
}

/** The archive restarted on `data`, its index row of `sop`, and the file under the row's key. */
async function restart(data: string) {
  const archive = await startArchive({ data, onDuplicate: 'overwrite' });
  const row = (await archive.server.context.index.getInstance(sop))!;
  return { archive, row, file: readFileSync(join(data, row.storageKey)) };
}

async function frameStatus(archive: TestArchive, series: string, frame: number): Promise<number> {
  const url = `${archive.url}/dicomweb/studies/${study}/series/${series}/instances/${sop}/frames/${frame}`;
  const res = await fetch(url, { headers: { Accept: 'multipart/related; type="application/octet-stream"' } });
  await res.arrayBuffer();
  return res.status;
}

describe('start-up repair of interrupted replacements', () => {
  it('re-indexes the file renamed over the old one when the index kept the old row', async () => {
    const v2 = syntheticInstance({ study, series: `${study}.1`, sop, patientName: 'Second^Version', frames: 3, rows: 8, columns: 8 });
    const data = await interruptedReplacement(v2);
    const { archive, row, file } = await restart(data);
    try {
      expect(archive.server.repair.rolledForward).toEqual([row.storageKey]);
      expect(sha256(file)).toBe(sha256(v2));
      expect(row).toMatchObject({ sha256: sha256(v2), size: v2.length, numberOfFrames: 3, rows: 8 });
      expect(JSON.stringify(row.metadata)).toContain('Second^Version');
      expect(await frameStatus(archive, `${study}.1`, 3)).toBe(200);
      expect(journalEntries(data)).toEqual([]);
    } finally {
      await archive.close();
    }
  });

  it('moves the row to the new key of a replacement in another series and removes the old file', async () => {
    const v2 = syntheticInstance({ study, series: `${study}.2`, sop, patientName: 'Moved^Version' });
    const data = await interruptedReplacement(v2);
    const oldKey = storageKeyOf(study, `${study}.1`, sop);
    expect(existsSync(join(data, oldKey))).toBe(true);
    const { archive, row, file } = await restart(data);
    try {
      expect(row.storageKey).toBe(storageKeyOf(study, `${study}.2`, sop));
      expect(sha256(file)).toBe(row.sha256);
      expect(row.sha256).toBe(sha256(v2));
      expect(existsSync(join(data, oldKey))).toBe(false);
      expect(archive.server.repair).toMatchObject({ rolledForward: [row.storageKey], reindexed: [], unindexable: [], missingFilesRemoved: [] });
      const series = (await (await fetch(`${archive.url}/dicomweb/studies/${study}/series`)).json()) as Record<string, { Value: unknown[] }>[];
      expect(series.map((s) => s['0020000E']!.Value[0])).toEqual([`${study}.2`]);
    } finally {
      await archive.close();
    }
  });

  it('keeps the old row and file when the crash came before the rename', async () => {
    const first = await startArchive({ onDuplicate: 'overwrite' });
    expect((await stow(first.url, [v1])).status).toBe(200);
    await first.server.close();
    const key = storageKeyOf(study, `${study}.1`, sop);
    await journalOf(first.data).record({ kind: 'replace', sopInstanceUID: sop, from: key, to: key });
    const { archive, row, file } = await restart(first.data);
    try {
      expect(row.sha256).toBe(sha256(v1));
      expect(sha256(file)).toBe(sha256(v1));
      expect(journalEntries(first.data)).toEqual([]);
    } finally {
      await archive.close();
    }
  });

  it('journals nothing once a replacement completed, and removes the file at the old key', async () => {
    const archive = await startArchive({ onDuplicate: 'overwrite' });
    try {
      expect((await stow(archive.url, [v1])).status).toBe(200);
      const v2 = syntheticInstance({ study, series: `${study}.2`, sop, patientName: 'Moved^Version' });
      expect((await stow(archive.url, [v2])).status).toBe(200);
      const row = (await archive.server.context.index.getInstance(sop))!;
      expect(sha256(readFileSync(join(archive.data, row.storageKey)))).toBe(sha256(v2));
      expect(existsSync(join(archive.data, storageKeyOf(study, `${study}.1`, sop)))).toBe(false);
      expect(journalEntries(archive.data)).toEqual([]);
    } finally {
      await archive.close();
    }
  });
});

describe('replacements while the instance is read', () => {
  it('serves the old file with the old row until the new row is committed, then the new one; the old file is removed', async () => {
    const archive = await startArchive({ onDuplicate: 'overwrite' });
    const instanceUrl = `${archive.url}/dicomweb/studies/${study}/series/${study}.1/instances/${sop}`;
    const retrieve = async () => {
      const res = await fetch(instanceUrl, { headers: { Accept: 'multipart/related; type="application/dicom"' } });
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
    };
    const contains = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).includes(Buffer.from(needle));
    let release = () => {};
    try {
      expect((await stow(archive.url, [v1])).status).toBe(200);
      const oldRow = (await archive.server.context.index.getInstance(sop))!;
      // Same study, series and SOP Instance, other bytes: the index commit is held back.
      const v2 = syntheticInstance({ study, series: `${study}.1`, sop, patientName: 'Second^Version', frames: 2, rows: 8, columns: 8 });
      const index = archive.server.context.index;
      const insert = index.insertInstance.bind(index);
      const held = new Promise<void>((r) => (release = r));
      let reached!: () => void;
      const atCommit = new Promise<void>((r) => (reached = r));
      index.insertInstance = async (...args) => {
        reached();
        await held;
        return insert(...args);
      };
      const stored = stow(archive.url, [v2]);
      await atCommit;
      // The new file is durable at a key of its own; the old row still names the old file, whole.
      const during = await retrieve();
      expect(during.status).toBe(200);
      expect(contains(during.body, v1)).toBe(true);
      expect(sha256(readFileSync(join(archive.data, oldRow.storageKey)))).toBe(oldRow.sha256);
      release();
      expect((await stored).status).toBe(200);
      const newRow = (await index.getInstance(sop))!;
      expect(newRow.storageKey).not.toBe(oldRow.storageKey);
      expect(newRow.storageKey.startsWith(`instances/${study}/${study}.1/${sop}.`)).toBe(true);
      expect(contains((await retrieve()).body, v2)).toBe(true);
      expect(existsSync(join(archive.data, oldRow.storageKey))).toBe(false);
      expect(journalEntries(archive.data)).toEqual([]);
      // And back: the next replacement of the versioned file gets a key of its own again, the old one removed.
      index.insertInstance = insert;
      expect((await stow(archive.url, [v1])).status).toBe(200);
      const third = (await index.getInstance(sop))!;
      expect(third.sha256).toBe(sha256(v1));
      expect(existsSync(join(archive.data, newRow.storageKey))).toBe(false);
      expect(sha256(readFileSync(join(archive.data, third.storageKey)))).toBe(sha256(v1));
    } finally {
      // A failed expectation must not leave the store waiting (closing waits for stores in flight).
      release();
      await archive.close();
    }
  });
});

describe('start-up repair of interrupted deletes', () => {
  it('completes a delete whose intent was journaled: rows and files gone', async () => {
    const first = await startArchive();
    const other = syntheticInstance({ study, series: `${study}.1`, sop: `${study}.1.2` });
    expect((await stow(first.url, [v1, other])).status).toBe(200);
    await first.server.close();
    const keys = [storageKeyOf(study, `${study}.1`, sop), storageKeyOf(study, `${study}.1`, `${study}.1.2`)];
    await journalOf(first.data).record({ kind: 'delete', keys });
    const archive = await startArchive({ data: first.data });
    try {
      expect(archive.server.repair).toMatchObject({ rolledForward: keys, reindexed: [], missingFilesRemoved: [] });
      expect(keys.map((k) => existsSync(join(first.data, k)))).toEqual([false, false]);
      expect(await (await fetch(`${archive.url}/dicomweb/studies?StudyInstanceUID=${study}`)).json()).toEqual([]);
      expect(journalEntries(first.data)).toEqual([]);
    } finally {
      await archive.close();
    }
  });

  it('journals nothing once a DELETE completed', async () => {
    const archive = await startArchive();
    try {
      expect((await stow(archive.url, [v1])).status).toBe(200);
      expect((await fetch(`${archive.url}/dicomweb/studies/${study}`, { method: 'DELETE' })).status).toBe(204);
      expect(journalEntries(archive.data)).toEqual([]);
      expect(existsSync(join(archive.data, storageKeyOf(study, `${study}.1`, sop)))).toBe(false);
    } finally {
      await archive.close();
    }
  });
});
