// Every corpus file in a native Transfer Syntax, written in each of the four native syntaxes and back:
// the values survive (Pixel Data compared after normalising byte order), and the bytes come back as
// they were except where implicit VR drops what explicit VR said (PS3.5 A.1: no VR is written).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TransferSyntax, parseDicom, transferSyntaxInfo, writeDataSet, writeDicom, type DicomFile } from '@dcmkit/core';
import { valueDifferences } from './write-equal.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

const NATIVE: string[] = [
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
];

const manifest: { path: string; transferSyntaxUID: string | null; readableBy: { dcmtk: boolean } }[] = JSON.parse(
  readFileSync(path.join(corpus, 'manifest.json'), 'utf8'),
);
const natives = manifest.filter((r) => NATIVE.includes(r.transferSyntaxUID ?? '') && r.readableBy.dcmtk).map((r) => r.path);

const read = (bytes: Uint8Array, name?: string): DicomFile => parseDicom(bytes, { name });
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe.each(natives)('%s', (rel) => {
  const file = read(new Uint8Array(readFileSync(path.join(corpus, 'files', rel))), rel);

  it.each(NATIVE)('-> %s -> back', (target) => {
    const there = read(writeDicom(file, { transferSyntax: target }));
    expect(there.transferSyntax).toBe(target);
    expect(valueDifferences(file.dataset, there.dataset)).toEqual([]);
    const back = read(writeDicom(there, { transferSyntax: file.transferSyntax }));
    expect(valueDifferences(file.dataset, back.dataset)).toEqual([]);
    const lossy = transferSyntaxInfo(file.transferSyntax).explicitVR && !transferSyntaxInfo(target).explicitVR;
    if (!lossy) {
      const original = writeDataSet(file.dataset, file.transferSyntax);
      expect(same(writeDataSet(back.dataset, file.transferSyntax), original)).toBe(true);
    }
  });
});

it('covers the native files of the corpus', () => {
  expect(natives.length).toBeGreaterThan(100);
});
