// The file store and start-up repair: atomic writes, temporary files removed, index and files reconciled.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore, storageKeyOf } from '../src/index.js';
import { startArchive, stow } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';

const uid = '1.2.826.0.1.3680043.10.5';
const instance = (n: number) => syntheticInstance({ study: uid, series: `${uid}.1`, sop: `${uid}.1.${n}`, instanceNumber: n });

describe('storage keys', () => {
  it('are built from UIDs valid by PS3.5 9.1 only', () => {
    expect(storageKeyOf('1.2', '1.2.3', '1.2.3.4')).toBe('instances/1.2/1.2.3/1.2.3.4.dcm');
    expect(() => storageKeyOf('1.2', '../etc', '1.2.3')).toThrow(/not a valid UID/);
    expect(() => storageKeyOf('1.2', '1.2', '1.2.' + '9'.repeat(70))).toThrow(/not a valid UID/);
  });
});

describe('FileStore', () => {
  it('writes to a temporary file and renames it into place on commit', async () => {
    const archive = await startArchive();
    try {
      const store = new FileStore(archive.data);
      const pending = await store.begin();
      await pending.write(new Uint8Array([1, 2, 3]));
      await pending.write(new Uint8Array([4]));
      await pending.close();
      expect(pending.size).toBe(4);
      expect(pending.sha256).toBe('9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a');
      expect(readdirSync(join(archive.data, 'tmp'))).toHaveLength(1);
      const key = storageKeyOf('1.2', '1.2.3', '1.2.3.4');
      await pending.commit(key);
      expect(readdirSync(join(archive.data, 'tmp'))).toHaveLength(0);
      const chunks: Uint8Array[] = [];
      for await (const c of store.stream(key, { start: 1, end: 3 })) chunks.push(c);
      expect(Buffer.concat(chunks)).toEqual(Buffer.from([2, 3]));
      const source = await store.open(key);
      expect(await source.read(2, 10)).toEqual(new Uint8Array([3, 4]));
      await source.close?.();
      const keys: string[] = [];
      for await (const k of store.list()) keys.push(k);
      expect(keys).toEqual([key]);
      await expect(store.open('../../etc/passwd')).rejects.toThrow(/not a storage key/);
    } finally {
      await archive.close();
    }
  });
});

describe('start-up repair', () => {
  it('removes temporary files and stale rows, and indexes files without rows', async () => {
    const first = await startArchive();
    const data = first.data;
    expect((await stow(first.url, [instance(1), instance(2), instance(3)])).status).toBe(200);
    await first.server.close();

    // A crash left: a temporary file, a file without an index row, an index row without a file, and junk.
    writeFileSync(join(data, 'tmp', 'x.part'), 'half a file');
    const orphan = storageKeyOf(uid, `${uid}.1`, `${uid}.1.4`);
    mkdirSync(join(data, 'instances', uid, `${uid}.1`), { recursive: true });
    writeFileSync(join(data, orphan), instance(4));
    const misplaced = storageKeyOf(uid, `${uid}.1`, `${uid}.1.5`);
    writeFileSync(join(data, misplaced), instance(6));
    rmSync(join(data, storageKeyOf(uid, `${uid}.1`, `${uid}.1.2`)));

    const second = await startArchive({ data });
    try {
      expect(second.server.repair).toEqual({
        temporaryFilesRemoved: 1,
        rolledForward: [],
        reindexed: [orphan],
        unindexable: [{ key: misplaced, reason: expect.stringMatching(/belong at/) }],
        missingFilesRemoved: [storageKeyOf(uid, `${uid}.1`, `${uid}.1.2`)],
      });
      const found = (await (await fetch(`${second.url}/dicomweb/studies/${uid}/instances`)).json()) as Record<string, { Value: string[] }>[];
      expect(found.map((m) => m['00080018']!.Value[0]).sort()).toEqual([`${uid}.1.1`, `${uid}.1.3`, `${uid}.1.4`]);
      const [study] = (await (await fetch(`${second.url}/dicomweb/studies?StudyInstanceUID=${uid}`)).json()) as Record<string, { Value: number[] }>[];
      expect(study!['00201208']!.Value).toEqual([3]);
      expect(existsSync(join(data, 'tmp', 'x.part'))).toBe(false);
    } finally {
      await second.close();
    }
  });
});
