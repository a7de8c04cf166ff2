// Writing files read window by window: deferred values and fragments, writeDicomAsync, writeDicomFile.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomWriteError, TransferSyntax, readDicom, writeDicom, writeDicomAsync } from '@dcmkit/core';
import { readDicomFile, writeDicomFile } from '@dcmkit/core/node';
import { concat, element, encapsulatedPixelData, nums, part10, sequence, str } from './fixtures/builder.js';

const dir = mkdtempSync(join(tmpdir(), 'dcmkit-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bulk = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * seed) & 0xff);
const native = part10(
  TransferSyntax.ExplicitVRLittleEndian,
  concat(
    element(0x00100010, 'PN', str('Doe^Jane')),
    sequence(0x00540016, [element(0x00181074, 'DS', str('123.5'))], { undefinedLength: true }),
    element(0x7fe00010, 'OW', bulk(4096, 7)),
  ),
);
const encapsulated = part10(
  TransferSyntax.JPEGBaseline8Bit,
  concat(element(0x00280010, 'US', nums('u16', [16])), encapsulatedPixelData([bulk(3000, 3), bulk(2000, 5)], [0, 3008])),
);
/** Small windows and bulk threshold: most values and every fragment stay in the source. */
const windowed = { windowSize: 256, bulkThreshold: 64 };

describe('writeDicomAsync', () => {
  it.each([
    ['native', native],
    ['encapsulated', encapsulated],
  ])('rewrites a %s file read window by window byte for byte', async (_, bytes) => {
    const file = await readDicom(new Blob([bytes]), windowed);
    expect(await writeDicomAsync(file)).toEqual(bytes);
  });

  it('is needed for values still in the source: writeDicom says so with a typed error', async () => {
    const file = await readDicom(new Blob([native]), windowed);
    expect(file.dataset.element(0x7fe00010)!.deferred).toBe(true);
    expect(() => writeDicom(file)).toThrow(DicomWriteError);
    expect(() => writeDicom(file)).toThrow(/\(7FE0,0010\).*writeDicomAsync/);
    const jpeg = await readDicom(new Blob([encapsulated]), windowed);
    expect(() => writeDicom(jpeg)).toThrow(/fragment at offset .*writeDicomAsync/);
  });

  it('transcodes deferred values: OW swapped for big endian', async () => {
    const file = await readDicom(new Blob([native]), windowed);
    const be = await readDicom(await writeDicomAsync(file, { transferSyntax: TransferSyntax.ExplicitVRBigEndian }));
    const pixels = be.dataset.get('PixelData') as Uint8Array;
    expect(pixels[0]).toBe(bulk(4096, 7)[1]);
    expect(pixels[1]).toBe(bulk(4096, 7)[0]);
  });
});

describe('writeDicomFile (atomic: temporary file, fsync, rename)', () => {
  it('writes the file and leaves nothing else in the directory', async () => {
    const path = join(dir, 'out.dcm');
    await writeDicomFile(path, await readDicom(encapsulated));
    expect(new Uint8Array(readFileSync(path))).toEqual(encapsulated);
    expect(readdirSync(dir)).toEqual(['out.dcm']);
    rmSync(path);
  });

  it('overwrites the file it was read from, reading its deferred values first', async () => {
    const path = join(dir, 'self.dcm');
    writeFileSync(path, native);
    const file = await readDicomFile(path, windowed);
    file.dataset.set('PatientID', 'ID-1');
    await writeDicomFile(path, file);
    await file.source.close?.();
    const back = await readDicomFile(path);
    expect(back.dataset.getString('PatientID')).toBe('ID-1');
    expect(back.dataset.get('PixelData')).toEqual(bulk(4096, 7));
    await back.source.close?.();
    rmSync(path);
  });

  it('leaves the old file whole and no temporary file when writing fails', async () => {
    const path = join(dir, 'keep.dcm');
    writeFileSync(path, native);
    const file = await readDicom(native);
    file.dataset.set('Rows', 70000);
    await expect(writeDicomFile(path, file)).rejects.toThrow(DicomWriteError);
    expect(new Uint8Array(readFileSync(path))).toEqual(native);
    expect(readdirSync(dir)).toEqual(['keep.dcm']);
    await expect(writeDicomFile(join(dir, 'missing', 'x.dcm'), await readDicom(native))).rejects.toThrow(/ENOENT/);
    rmSync(path);
    // The rename fails (the target is a directory) after the temporary file was written: it is removed.
    mkdirSync(join(dir, 'taken', 'inside'), { recursive: true });
    await expect(writeDicomFile(join(dir, 'taken'), await readDicom(native))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    rmSync(join(dir, 'taken'), { recursive: true });
  });
});
