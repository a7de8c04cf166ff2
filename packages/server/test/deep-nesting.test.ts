// An instance with sequences nested 20,000 deep (a damaged or hostile file; real ones nest a handful):
// stored, its metadata kept and served, found by QIDO-RS with all its attributes, never a stack overflow.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { concatBytes } from '@dcmkit/core';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';

const DEPTH = 20_000;
const study = '1.2.826.0.1.3680043.10.5690';
const series = `${study}.1`;
const sop = `${series}.1`;

/** The synthetic instance followed by DEPTH levels of Digital Signatures Sequence (FFFA,FFFA), the last tag a data set may have. */
function deepInstance(): Uint8Array {
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const open = Uint8Array.from([...u16(0xfffa), ...u16(0xfffa), 0x53, 0x51, 0, 0, ...u32(0xffffffff), ...u16(0xfffe), ...u16(0xe000), ...u32(0xffffffff)]);
  const close = Uint8Array.from([...u16(0xfffe), ...u16(0xe00d), 0, 0, 0, 0, ...u16(0xfffe), ...u16(0xe0dd), 0, 0, 0, 0]);
  const leaf = Uint8Array.from([...u16(0x0010), ...u16(0x0010), 0x50, 0x4e, ...u16(10), ...new TextEncoder().encode('Deep^Down ')]);
  return concatBytes([syntheticInstance({ study, series, sop, patientId: 'DEEP' }), ...Array<Uint8Array>(DEPTH).fill(open), leaf, ...Array<Uint8Array>(DEPTH).fill(close)]);
}

let archive: TestArchive;
const bytes = deepInstance();
beforeAll(async () => {
  archive = await startArchive();
});
afterAll(() => archive.close());

it('stores it, serves its metadata whole, and answers QIDO-RS includefield=all', async () => {
  expect((await stow(archive.url, [bytes])).status).toBe(200);
  const instance = `${archive.url}/dicomweb/studies/${study}/series/${series}/instances/${sop}`;
  const metadata = await fetch(`${instance}/metadata`, { headers: { Accept: 'application/dicom+json' } });
  expect(metadata.status).toBe(200);
  // Checked as text: toEqual recurses too.
  const served = await metadata.text();
  expect(JSON.parse(served)[0].FFFAFFFA.vr).toBe('SQ');
  expect(served.split('"FFFAFFFA"').length - 1).toBe(DEPTH);
  expect(served).toContain('"00100010":{"vr":"PN","Value":[{"Alphabetic":"Deep^Down"}]}');
  const found = await fetch(`${archive.url}/dicomweb/instances?PatientID=DEEP&includefield=all`);
  expect(found.status).toBe(200);
  const text = await found.text();
  expect(text.split('"FFFAFFFA"').length - 1).toBe(DEPTH);
});
