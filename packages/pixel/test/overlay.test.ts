// Overlay planes (PS3.3 C.9.2, C.9.3): packed Overlay Data, multi-frame overlays, overlays in the
// Pixel Data's high bits, big-endian OW, typed errors; the corpus's overlay burnt into its render
// (looked at when recorded: a white circle around the liver lesion, "Tra" top right, a box bottom right).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DataSet, makeTag, parseDicom, TransferSyntax, writeDicom, type DicomFile } from '@dcmkit/core';
import { burnOverlays, decodeFrame, decodeOverlays, overlayGroups, PixelDataError, renderFrame, sha256Hex } from '@dcmkit/pixel';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');

/** LSB-first packing of 0/1 values (PS3.5 8.1.2). */
function pack(bits: number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits.length / 16) * 2);
  bits.forEach((b, i) => {
    if (b) out[i >> 3] |= 1 << (i & 7);
  });
  return out;
}

const overlay = (group: number, element: number) => makeTag(group, element);

/** A 16-bit image of `rows` x `columns` x `frames`, stored values from `value`, written in `syntax` and parsed back. */
function image(rows: number, columns: number, frames: number, value: (i: number) => number, extra: (ds: DataSet) => void, syntax: string = TransferSyntax.ExplicitVRLittleEndian): DicomFile {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7');
  ds.set('SOPInstanceUID', '1.2.3.4.5');
  ds.set('SamplesPerPixel', 1);
  ds.set('PhotometricInterpretation', 'MONOCHROME2');
  if (frames > 1) ds.set('NumberOfFrames', frames);
  ds.set('Rows', rows);
  ds.set('Columns', columns);
  ds.set('BitsAllocated', 16);
  ds.set('BitsStored', 12);
  ds.set('HighBit', 11);
  ds.set('PixelRepresentation', 0);
  ds.set('PixelData', Uint16Array.from({ length: rows * columns * frames }, (_, i) => value(i)), 'OW');
  extra(ds);
  return parseDicom(writeDicom({ dataset: ds }, { transferSyntax: syntax }), { name: 'generated.dcm' });
}

/** Overlay Plane Module attributes of group `g`. */
function overlayPlane(ds: DataSet, g: number, rows: number, columns: number, origin: [number, number], data?: Uint8Array): void {
  ds.set(overlay(g, 0x0010), rows, 'US');
  ds.set(overlay(g, 0x0011), columns, 'US');
  ds.set(overlay(g, 0x0040), 'G', 'CS');
  ds.set(overlay(g, 0x0050), origin, 'SS');
  ds.set(overlay(g, 0x0100), data ? 1 : 16, 'US');
  ds.set(overlay(g, 0x0102), data ? 0 : 14, 'US');
  if (data) ds.set(overlay(g, 0x3000), data, 'OW');
}

describe('packed Overlay Data', () => {
  // 3 overlay frames of 4 x 5 = 20 bits each: frames start mid-byte (bits 20 and 40).
  const frameBits = (f: number) => Array.from({ length: 20 }, (_, i) => Number((i + f) % 3 === 0));
  const multiFrame = (syntax?: string) =>
    image(6, 8, 4, () => 100, (ds) => {
      overlayPlane(ds, 0x6002, 4, 5, [2, 3], pack([0, 1, 2].flatMap(frameBits)));
      ds.set(overlay(0x6002, 0x0015), 3, 'IS');
      ds.set(overlay(0x6002, 0x0051), 2, 'US');
      ds.set(overlay(0x6002, 0x1500), 'marks', 'LO');
    }, syntax);

  test('multi-frame overlays apply one to one from Image Frame Origin', async () => {
    const file = multiFrame();
    expect(overlayGroups(file.dataset)).toEqual([0x6002]);
    expect(await decodeOverlays(file, 0)).toEqual([]);
    for (const f of [1, 2, 3]) {
      const [plane] = await decodeOverlays(file, f);
      expect(plane).toMatchObject({ group: 0x6002, rows: 4, columns: 5, type: 'G', label: 'marks', origin: [2, 3], overlayFrame: f - 1, embedded: false });
      expect([...plane!.bitmap]).toEqual(frameBits(f - 1));
    }
  });

  test('OW Overlay Data in Explicit VR Big Endian reads the same', async () => {
    const big = multiFrame(TransferSyntax.ExplicitVRBigEndian);
    expect(big.transferSyntax).toBe(TransferSyntax.ExplicitVRBigEndian);
    expect([...(await decodeOverlays(big, 2))[0]!.bitmap]).toEqual(frameBits(1));
  });

  test('burnOverlays places the bitmap by Overlay Origin (1\\1 = first pixel), clipped to the image', async () => {
    const file = multiFrame();
    const [plane] = await decodeOverlays(file, 1);
    const rendered = { rgba: new Uint8ClampedArray(6 * 8 * 4), width: 8, height: 6 };
    burnOverlays(rendered, [{ ...plane!, origin: [4, 6] }], [255, 0, 0]);
    const set: string[] = [];
    for (let p = 0; p < 48; p++) if (rendered.rgba[4 * p] === 255) set.push(`${p % 8},${Math.floor(p / 8)}`);
    // Overlay (column, row) = image (column - 5, row - 3); only columns 0-2 and rows 0-2 of the overlay fit.
    const expected = frameBits(0).flatMap((b, i) => (b && i % 5 < 3 && Math.floor(i / 5) < 3 ? [`${(i % 5) + 5},${Math.floor(i / 5) + 3}`] : []));
    expect(set).toEqual(expected);
    expect(set.length).toBeGreaterThan(0);
  });

  test('a single-frame overlay without Image Frame Origin applies to every frame', async () => {
    const file = image(2, 2, 3, () => 0, (ds) => overlayPlane(ds, 0x6000, 2, 2, [1, 1], pack([1, 0, 0, 1])));
    for (const f of [0, 2]) expect([...(await decodeOverlays(file, f))[0]!.bitmap]).toEqual([1, 0, 0, 1]);
  });
});

describe('overlays in the Pixel Data (retired)', () => {
  // Stored values 0-4095 in bits 0-11; bit 14 carries the overlay.
  const value = (i: number) => ((i * 97) % 4096) | (i % 7 === 0 ? 1 << 14 : 0);
  const file = () => image(5, 9, 1, value, (ds) => overlayPlane(ds, 0x6000, 5, 9, [1, 1]));

  test('are read from bit Overlay Bit Position of the stored values', async () => {
    const [plane] = await decodeOverlays(file());
    expect(plane).toMatchObject({ rows: 5, columns: 9, embedded: true });
    expect([...plane!.bitmap]).toEqual(Array.from({ length: 45 }, (_, i) => Number(i % 7 === 0)));
  });

  test('take a given unmasked frame; a bare data set needs one', async () => {
    const f = file();
    const frame = await decodeFrame(f, 0);
    expect((await decodeOverlays(f.dataset, 0, frame))[0]!.bitmap).toEqual((await decodeOverlays(f))[0]!.bitmap);
    await expect(decodeOverlays(f.dataset)).rejects.toThrow('overlay 6000: (6000,0102) points into the Pixel Data: pass the file or its decoded frame');
    // Masked to Bits Stored, the rendered values carry no overlay bit.
    const masked = await decodeFrame(f, 0, { maskToBitsStored: true });
    expect(Math.max(...masked.data)).toBeLessThan(4096);
  });
});

describe('typed errors', () => {
  test.each([
    ['Overlay Rows missing', (ds: DataSet) => ds.delete(overlay(0x6000, 0x0010)), 'missing', 'overlay 6000: (6000,0010) is missing'],
    ['Overlay Type missing', (ds: DataSet) => ds.delete(overlay(0x6000, 0x0040)), 'missing', 'overlay 6000: (6000,0040) is missing'],
    ['Overlay Origin of one value', (ds: DataSet) => ds.set(overlay(0x6000, 0x0050), [1], 'SS'), 'invalid', 'overlay 6000: (6000,0050) is 1, expected row\\column'],
    ['Overlay Data too short', (ds: DataSet) => ds.set(overlay(0x6000, 0x3000), new Uint8Array(2), 'OW'), 'truncated', 'overlay 6000: (6000,3000) has 2 bytes, overlay frame 0 of 6x8 needs 6'],
    ['no Overlay Data with Overlay Bits Allocated 1', (ds: DataSet) => ds.delete(overlay(0x6000, 0x3000)), 'missing', 'overlay 6000: (6000,3000) is missing (Overlay Bits Allocated is 1)'],
  ])('%s', async (_, change, kind, message) => {
    const ds = image(6, 8, 1, () => 0, (d) => overlayPlane(d, 0x6000, 6, 8, [1, 1], pack(new Array(48).fill(1)))).dataset;
    change(ds);
    const error = await decodeOverlays(ds).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PixelDataError);
    expect(error).toMatchObject({ kind, message });
  });
});

describe.runIf(existsSync(files))('examples_overlay.dcm', () => {
  const file = () => parseDicom(readFileSync(path.join(files, 'examples_overlay.dcm')), { name: 'examples_overlay.dcm' });

  test('its one graphics overlay, bit for bit as numpy.unpackbits(bitorder="little") reads it', async () => {
    const planes = await decodeOverlays(file());
    expect(planes).toHaveLength(1);
    expect(planes[0]).toMatchObject({ group: 0x6000, rows: 300, columns: 484, type: 'G', description: 'Siemens MedCom Object Graphics', origin: [1, 1], embedded: false });
    const bitmap = planes[0]!.bitmap;
    expect(bitmap.reduce((n, b) => n + b, 0)).toBe(222);
    expect(await sha256Hex(bitmap)).toBe('e71eac1bb818cffd38a434bbb97d8435a8aa2cf27a92c7008010ed04d466c211');
  });

  test('burnt into the rendered frame in white (golden RGBA)', async () => {
    const f = file();
    const rendered = renderFrame(await decodeFrame(f, 0, { maskToBitsStored: true }), f.dataset);
    const planes = await decodeOverlays(f);
    burnOverlays(rendered, planes);
    planes[0]!.bitmap.forEach((b, i) => {
      if (b) expect([...rendered.rgba.subarray(4 * i, 4 * i + 4)]).toEqual([255, 255, 255, 255]);
    });
    expect(await sha256Hex(new Uint8Array(rendered.rgba.buffer, rendered.rgba.byteOffset, rendered.rgba.length))).toBe('c90320b5a60b73277f3d3e0b129bc6de8143c16bba0a3f38549e44a981c5e9d0');
  });
});
