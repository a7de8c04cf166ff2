// DELETE against concurrent STOW-RS of the same instances: round after round, stores and deletes of a study,
// its series and its instances race; afterwards the index and the files agree one to one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';

const ROUNDS = 40;
const root = '1.2.826.0.1.3680043.10.5679';
let archive: TestArchive;

beforeAll(async () => {
  archive = await startArchive();
});
afterAll(() => archive.close());

const del = async (path: string) => (await fetch(`${archive.url}/dicomweb/studies/${path}`, { method: 'DELETE' })).status;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Storage keys of the files under the data folder. */
const storedKeys = (): string[] =>
  readdirSync(join(archive.data, 'instances'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(archive.data, join(e.parentPath, e.name)).split(sep).join('/'));

it('keeps index rows and files in agreement while deletes race with stores of the same instances', async () => {
  const studies: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const study = `${root}.${round}`;
    studies.push(study);
    const series = [`${study}.1`, `${study}.2`];
    const files = Array.from({ length: 6 }, (_, n) => syntheticInstance({ study, series: series[n % 2]!, sop: `${study}.${n % 2 + 1}.${n}`, instanceNumber: n }));
    expect((await stow(archive.url, files)).status).toBe(200);
    // Clients re-send every instance one by one while the instance, one series and the study are deleted.
    const stores = Array.from({ length: 3 }, async (_, client) => {
      for (let n = 0; n < files.length; n++) await stow(archive.url, [files[(n + client * 2) % files.length]!]);
    });
    const deletes = (async () => {
      await new Promise((r) => setTimeout(r, round % 4));
      const statuses = [await del(`${study}/series/${series[0]}/instances/${study}.1.0`), await del(`${study}/series/${series[1]}`), await del(study)];
      expect(statuses.every((s) => s === 204 || s === 404)).toBe(true);
    })();
    await Promise.all([...stores, deletes]);
  }

  const index = archive.server.context.index;
  const rows = (await Promise.all(studies.map((study) => index.listInstances({ study })))).flat();
  expect(rows.map((r) => r.storageKey).sort()).toEqual(storedKeys().sort());
  for (const row of rows) {
    const res = await fetch(`${archive.url}/dicomweb/studies/${row.studyInstanceUID}/series/${row.seriesInstanceUID}/instances/${row.sopInstanceUID}`, {
      headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    });
    expect(res.status, row.sopInstanceUID).toBe(200);
    await res.arrayBuffer();
    expect(sha256(readFileSync(join(archive.data, row.storageKey))), row.sopInstanceUID).toBe(row.sha256);
  }
}, 120_000);
