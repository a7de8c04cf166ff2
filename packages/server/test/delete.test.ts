// DELETE of instances, series and studies: 204, the files and index rows gone (and the study's and series'
// aggregates updated), 404 for what is not there, 400 for malformed UIDs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';
import { wadoClient } from './support/wado.js';

const study = '1.2.826.0.1.3680043.10.5678.1';
const other = '1.2.826.0.1.3680043.10.5678.2';
const series = [`${study}.1`, `${study}.2`];
const sops = [`${study}.1.1`, `${study}.1.2`, `${study}.2.1`, `${study}.2.2`];

let archive: TestArchive;

beforeAll(async () => {
  archive = await startArchive();
  const files = sops.map((sop, n) => syntheticInstance({ study, series: series[n >> 1]!, sop, instanceNumber: n + 1 }));
  files.push(syntheticInstance({ study: other, series: `${other}.1`, sop: `${other}.1.1` }));
  expect((await stow(archive.url, files)).status).toBe(200);
});
afterAll(() => archive.close());

const del = async (path: string) => (await fetch(`${archive.url}/dicomweb/studies/${path}`, { method: 'DELETE' })).status;
const fileOf = async (sop: string) => join(archive.data, (await archive.server.context.index.getInstance(sop))!.storageKey);

/** NumberOfStudyRelatedSeries and NumberOfStudyRelatedInstances of the study from QIDO-RS, or undefined when it is not found. */
async function studyCounts(uid: string): Promise<[unknown, unknown] | undefined> {
  const res = await fetch(`${archive.url}/dicomweb/studies?StudyInstanceUID=${uid}&includefield=00201206,00201208`);
  if (res.status === 204) return undefined;
  const [match] = (await res.json()) as Record<string, { Value?: unknown[] }>[];
  return match ? [match['00201206']?.Value?.[0], match['00201208']?.Value?.[0]] : undefined;
}

describe('DELETE', () => {
  it('removes an instance: its file, its row, and it from the aggregates', async () => {
    const path = await fileOf(sops[0]!);
    expect(existsSync(path)).toBe(true);
    expect(await studyCounts(study)).toEqual([2, 4]);
    expect(await del(`${study}/series/${series[0]}/instances/${sops[0]}`)).toBe(204);
    expect(existsSync(path)).toBe(false);
    expect(await archive.server.context.index.getInstance(sops[0]!)).toBeUndefined();
    expect((await fetch(`${archive.url}/dicomweb/studies/${study}/series/${series[0]}/instances/${sops[0]}`)).status).toBe(404);
    expect(await studyCounts(study)).toEqual([2, 3]);
    expect(await del(`${study}/series/${series[0]}/instances/${sops[0]}`)).toBe(404);
  });

  it('removes a series, and the study keeps its other series', async () => {
    const paths = await Promise.all([sops[2]!, sops[3]!].map(fileOf));
    expect(await del(`${study}/series/${series[1]}`)).toBe(204);
    expect(paths.map((p) => existsSync(p))).toEqual([false, false]);
    expect(await studyCounts(study)).toEqual([1, 1]);
    const metadata = (await wadoClient(archive.url).retrieveStudyMetadata({ studyInstanceUID: study })) as Record<string, { Value: string[] }>[];
    expect(metadata.map((m) => m['00080018']!.Value[0])).toEqual([sops[1]]);
  });

  it('removes a study and nothing else', async () => {
    const path = await fileOf(sops[1]!);
    expect(await del(study)).toBe(204);
    expect(existsSync(path)).toBe(false);
    expect(await studyCounts(study)).toBeUndefined();
    expect((await fetch(`${archive.url}/dicomweb/studies/${study}/metadata`)).status).toBe(404);
    expect(await studyCounts(other)).toEqual([1, 1]);
    expect(await del(study)).toBe(404);
  });

  it('answers 404 for an instance under another study, 400 for malformed UIDs', async () => {
    expect(await del(`${study}/series/${other}.1/instances/${other}.1.1`)).toBe(404);
    expect(await archive.server.context.index.getInstance(`${other}.1.1`)).toBeDefined();
    expect(await del('1.2.x')).toBe(400);
    expect(await del(`${other}/series/..%2F..%2Findex.sqlite`)).toBe(400);
  });
});
