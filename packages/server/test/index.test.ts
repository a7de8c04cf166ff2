// The index API that every route uses: group commit, aggregates, listing and deleting, duplicates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySource } from '@dcmkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeInstance, DuplicateInstanceError, openIndex, resolveConfig, type InstanceRecord } from '../src/index.js';
import type { SqlIndex } from '../src/index/sql-index.js';
import { dropSchema, freshSchema, postgresReachable } from './support/postgres.js';
import { syntheticInstance, type SyntheticInstance } from './support/synthetic.js';

const uid = '1.2.826.0.1.3680043.10.6';
const record = (o: Partial<SyntheticInstance> & { n: number; series?: string }, sha = `sha-${o.n}`): Promise<InstanceRecord> =>
  describeInstance(new MemorySource(syntheticInstance({ study: uid, series: o.series ?? `${uid}.1`, sop: `${uid}.1.${o.n}`, instanceNumber: o.n, ...o })), { size: 100, sha256: sha });

let data: string;
let index: SqlIndex;
beforeEach(async () => {
  data = mkdtempSync(join(tmpdir(), 'dcmkit-index-'));
  index = await openIndex(resolveConfig({ data, groupCommitMs: 20 }));
});
afterEach(async () => {
  await index.close();
  rmSync(data, { recursive: true, force: true });
});

const studyCounts = async () => {
  const [study] = (await index.query({ level: 'study', match: new Map(), includeFields: [], fuzzyMatching: false, offset: 0 })).matches;
  return study && [study['00201206']!.Value![0], study['00201208']!.Value![0], study['00080061']!.Value];
};

describe('the archive index', () => {
  it('commits concurrent inserts together and keeps the aggregates', async () => {
    const records = await Promise.all([1, 2, 3, 4].map((n) => record({ n, series: n < 4 ? `${uid}.1` : `${uid}.2`, modality: n < 4 ? 'CT' : 'SR' })));
    let transactions = 0;
    const original = index.statements.transaction.bind(index.statements);
    index.statements.transaction = (steps) => (transactions++, original(steps));
    expect(await Promise.all(records.map((r) => index.insertInstance(r)))).toEqual(['inserted', 'inserted', 'inserted', 'inserted']);
    expect(transactions).toBe(1);
    expect(await studyCounts()).toEqual([2, 4, ['CT', 'SR']]);
  });

  it('gets and lists instances with their frames, bulk data and metadata', async () => {
    const r = await record({ n: 1, frames: 3 });
    await index.insertInstance(r);
    await index.insertInstance(await record({ n: 2 }));
    const got = await index.getInstance(r.sopInstanceUID);
    expect(got).toMatchObject({ sopInstanceUID: r.sopInstanceUID, numberOfFrames: 3, rows: 4, columns: 4, bitsAllocated: 16, transferSyntaxUID: '1.2.840.10008.1.2.1' });
    // Native frames: consecutive 32-byte slices of the Pixel Data value.
    const [first, second] = got!.frames;
    expect(second!.parts[0]![0] - first!.parts[0]![0]).toBe(32);
    expect(got!.bulkData['7FE00010']).toEqual([first!.parts[0]![0], 96]);
    expect(got!.metadata['7FE00010']!.BulkDataURI).toBe(`/dicomweb/studies/${uid}/series/${uid}.1/instances/${uid}.1.1/bulk/7FE00010`);
    expect((await index.listInstances({ study: uid })).map((i) => i.instanceNumber)).toEqual([1, 2]);
    expect(await index.listInstances({ study: uid, series: `${uid}.1`, instance: `${uid}.1.2` })).toHaveLength(1);
    expect(await index.getInstance('1.2.3')).toBeUndefined();
  });

  it('refuses other bytes under a known SOP Instance UID unless overwriting', async () => {
    await index.insertInstance(await record({ n: 1 }));
    expect(await index.insertInstance(await record({ n: 1 }))).toBe('unchanged');
    await expect(index.insertInstance(await record({ n: 1 }, 'other'))).rejects.toThrow(DuplicateInstanceError);
    expect(await index.insertInstance(await record({ n: 1, frames: 2 }, 'other'), { overwrite: true })).toBe('replaced');
    expect((await index.getInstance(`${uid}.1.1`))!.numberOfFrames).toBe(2);
    expect(await studyCounts()).toEqual([1, 1, ['CT']]);
  });

  it('deletes instances, series and studies, removing emptied rows', async () => {
    for (const n of [1, 2, 3]) await index.insertInstance(await record({ n, series: n === 3 ? `${uid}.2` : `${uid}.1`, modality: n === 3 ? 'MR' : 'CT' }));
    expect((await index.deleteInstances({ study: uid, series: `${uid}.1`, instance: `${uid}.1.1` })).map((r) => r.sopInstanceUID)).toEqual([`${uid}.1.1`]);
    expect(await studyCounts()).toEqual([2, 2, ['CT', 'MR']]);
    expect(await index.deleteInstances({ study: uid, series: `${uid}.2` })).toHaveLength(1);
    expect(await studyCounts()).toEqual([1, 1, ['CT']]);
    expect(await index.deleteInstances({ study: uid })).toHaveLength(1);
    expect(await studyCounts()).toBeUndefined();
    expect(await index.deleteInstances({ study: uid })).toEqual([]);
  });
});

describe.each([
  ['SQLite', async () => ({ db: 'sqlite', drop: async () => undefined })],
  ...((await postgresReachable())
    ? [['PostgreSQL', async () => {
        const { schema, url } = freshSchema();
        return { db: url, drop: () => dropSchema(schema) };
      }] as const]
    : []),
])('group commit on %s', (_name, backend) => {
  it('keeps every aggregate through new studies and series, a replacement and duplicates in one transaction', async () => {
    const { db, drop } = await backend();
    const dir = mkdtempSync(join(tmpdir(), 'dcmkit-index-'));
    const idx = await openIndex(resolveConfig({ data: dir, db, groupCommitMs: 20 }));
    try {
      const other = `${uid}.9`;
      const add = (n: number, o: Partial<SyntheticInstance> = {}, sha?: string) =>
        describeInstance(new MemorySource(syntheticInstance({ study: uid, series: `${uid}.1`, sop: `${uid}.1.${n}`, instanceNumber: n, ...o })), { size: 100, sha256: sha ?? `sha-${n}` });
      expect(await idx.insertInstance(await add(1))).toBe('inserted');
      const batch = [
        [await add(2), {}],
        [await add(3, { series: `${uid}.2`, modality: 'MR' }), {}],
        [await add(4, { study: other, series: `${other}.1`, modality: 'US' }), {}],
        [await add(1, {}, 'sha-1b'), { overwrite: true }],
        [await add(2), {}],
        [await add(2, {}, 'sha-2b'), {}],
      ] as const;
      let transactions = 0;
      const original = idx.statements.transaction.bind(idx.statements);
      idx.statements.transaction = (steps) => (transactions++, original(steps));
      const outcomes = await Promise.all(batch.map(([r, o]) => idx.insertInstance(r, o).catch((e: Error) => e.name)));
      expect(transactions).toBe(1);
      expect(outcomes).toEqual(['inserted', 'inserted', 'inserted', 'replaced', 'unchanged', 'DuplicateInstanceError']);
      const all = { match: new Map(), includeFields: [], fuzzyMatching: false, offset: 0 };
      const studies = (await idx.query({ level: 'study', ...all })).matches.map((s) => [s['0020000D']!.Value![0], s['00201206']!.Value![0], s['00201208']!.Value![0], s['00080061']!.Value]);
      expect(studies).toEqual([
        [uid, 2, 3, ['CT', 'MR']],
        [other, 1, 1, ['US']],
      ]);
      const series = (await idx.query({ level: 'series', ...all })).matches.map((s) => [s['0020000E']!.Value![0], s['00201209']!.Value![0]]);
      expect(series.sort()).toEqual([[`${uid}.1`, 2], [`${uid}.2`, 1], [`${other}.1`, 1]]);
    } finally {
      await idx.close();
      rmSync(dir, { recursive: true, force: true });
      await drop();
    }
  });
});
