// Native Pixel Data: frame slicing, bit-packed frames, byte order, planar and 4:2:2 layouts, masking.
import { describe, expect, test } from 'vitest';
import { PixelDataError, decodeFrame, decodePixelArray, frameBytes, imagePixelDescription } from '@dcmkit/pixel';
import { CountingSource, EXPLICIT_BE, dataSet, nativePixelData, parse, readDeferred } from './decode-fixtures.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const u16le = (...values: number[]) => new Uint8Array(new Uint16Array(values).buffer);
const u16be = (...values: number[]) => new Uint8Array(values.flatMap((v) => [(v >> 8) & 0xff, v & 0xff]));

describe('native frames', () => {
  test('an 8-bit frame is a view of the file bytes', async () => {
    const file = parse(dataSet({ rows: 2, columns: 2, bitsAllocated: 8, pixelRepresentation: 0 }, nativePixelData(bytes(1, 2, 3, 4), 'OB')));
    const frame = await decodeFrame(file, 0);
    expect(frame).toMatchObject({ dtype: 'uint8', rows: 2, columns: 2, samplesPerPixel: 1, index: 0, photometricInterpretation: 'MONOCHROME2' });
    expect([...frame.data]).toEqual([1, 2, 3, 4]);
    expect(frame.data.buffer).toBe(file.dataset.element('PixelData')!.chunk!.bytes!.buffer);
  });

  test('multi-frame signed 16-bit: frames slice by index, the array gets a frames axis', async () => {
    const px = u16le(1, 0xffff, 3, 0x8000, 5, 6, 7, 8);
    const file = parse(dataSet({ rows: 1, columns: 2, bitsAllocated: 16, pixelRepresentation: 1, numberOfFrames: 4 }, nativePixelData(px)));
    expect([...(await frameBytes(file, 1))]).toEqual([3, 0, 0, 0x80]);
    expect([...(await decodeFrame(file, 1)).data]).toEqual([3, -32768]);
    const all = await decodePixelArray(file);
    expect(all.shape).toEqual([4, 1, 2]);
    expect(all.dtype).toBe('int16');
    expect([...all.data]).toEqual([1, -1, 3, -32768, 5, 6, 7, 8]);
  });

  test('Bits Allocated 1: frames are contiguous in the bit stream, unpacked least significant bit first', async () => {
    // Three 3x3 frames = 27 bits: frame 1 starts at bit 9, frame 2 at bit 18.
    const bits = [1, 0, 0, 0, 1, 0, 0, 0, 1, /**/ 0, 1, 0, 1, 1, 1, 0, 1, 0, /**/ 1, 1, 1, 1, 0, 1, 1, 1, 1];
    const packed = new Uint8Array(4);
    bits.forEach((b, i) => (packed[i >> 3]! |= b << (i & 7)));
    const file = parse(dataSet({ rows: 3, columns: 3, bitsAllocated: 1, pixelRepresentation: 0, numberOfFrames: 3 }, nativePixelData(packed, 'OB')));
    for (let f = 0; f < 3; f++) expect([...(await decodeFrame(file, f)).data]).toEqual(bits.slice(f * 9, f * 9 + 9));
    // frameBytes re-packs a frame from bit 0, without the next frame's bits.
    expect([...(await frameBytes(file, 0))]).toEqual([0b00010001, 0b1]);
    expect([...(await frameBytes(file, 1))]).toEqual([0b10111010, 0b0]);
    const all = await decodePixelArray(file);
    expect(all).toMatchObject({ dtype: 'uint8', shape: [3, 3, 3] });
    expect([...all.data]).toEqual(bits);
  });

  test('Planar Configuration 1 comes out colour-by-pixel, per frame', async () => {
    const planar = bytes(1, 2, 10, 20, 100, 200, /* frame 1 */ 3, 4, 30, 40, 130, 140);
    const m = { rows: 1, columns: 2, samplesPerPixel: 3, bitsAllocated: 8, pixelRepresentation: 0, photometricInterpretation: 'RGB', planarConfiguration: 1, numberOfFrames: 2 };
    const file = parse(dataSet(m, nativePixelData(planar, 'OB')));
    const all = await decodePixelArray(file);
    expect(all.shape).toEqual([2, 1, 2, 3]);
    expect([...all.data]).toEqual([1, 10, 100, 2, 20, 200, 3, 30, 130, 4, 40, 140]);
    expect([...(await decodeFrame(file, 1)).data]).toEqual([3, 30, 130, 4, 40, 140]);
  });

  test('native YBR_FULL_422 is upsampled by repeating each Cb/Cr pair, and stays YCbCr', async () => {
    const m = { rows: 1, columns: 4, samplesPerPixel: 3, bitsAllocated: 8, pixelRepresentation: 0, photometricInterpretation: 'YBR_FULL_422', planarConfiguration: 0 };
    const file = parse(dataSet(m, nativePixelData(bytes(10, 11, 128, 129, 20, 21, 130, 131), 'OB')));
    const frame = await decodeFrame(file, 0);
    expect([...frame.data]).toEqual([10, 128, 129, 11, 128, 129, 20, 130, 131, 21, 130, 131]);
    expect(frame.photometricInterpretation).toBe('YBR_FULL');
    expect(await frameBytes(file, 0)).toHaveLength(8);
  });

  test('YBR_FULL_422 data already at full size is read as it is', async () => {
    const m = { rows: 1, columns: 2, samplesPerPixel: 3, bitsAllocated: 8, pixelRepresentation: 0, photometricInterpretation: 'YBR_FULL_422', planarConfiguration: 0 };
    const file = parse(dataSet(m, nativePixelData(bytes(10, 128, 129, 11, 128, 129), 'OB')));
    expect([...(await decodeFrame(file, 0)).data]).toEqual([10, 128, 129, 11, 128, 129]);
  });
});

describe('big endian (PS3.5 A.3)', () => {
  test('16-bit samples are swapped', async () => {
    const file = parse(dataSet({ rows: 1, columns: 3, bitsAllocated: 16, pixelRepresentation: 1 }, nativePixelData(u16be(1, 0xfffe, 0x1234), 'OW', false), { le: false }), EXPLICIT_BE);
    expect([...(await decodeFrame(file, 0)).data]).toEqual([1, -2, 0x1234]);
  });

  test('8-bit OW is swapped back in 16-bit words, with an odd-length frame', async () => {
    // 3 samples in a padded 4-byte OW value, written as 16-bit words: 0x0201, 0x0003.
    const file = parse(dataSet({ rows: 1, columns: 3, bitsAllocated: 8, pixelRepresentation: 0 }, nativePixelData(bytes(2, 1, 0, 3), 'OW', false), { le: false }), EXPLICIT_BE);
    expect([...(await decodeFrame(file, 0)).data]).toEqual([1, 2, 3]);
    expect([...(await frameBytes(file, 0))]).toEqual([1, 2, 3]);
  });

  test('8-bit OB is not swapped', async () => {
    const file = parse(dataSet({ rows: 1, columns: 3, bitsAllocated: 8, pixelRepresentation: 0 }, nativePixelData(bytes(1, 2, 3, 0), 'OB', false), { le: false }), EXPLICIT_BE);
    expect([...(await decodeFrame(file, 0)).data]).toEqual([1, 2, 3]);
  });

  test('odd frames of 8-bit OW straddle swapped words', async () => {
    const file = parse(
      dataSet({ rows: 1, columns: 3, bitsAllocated: 8, pixelRepresentation: 0, numberOfFrames: 2 }, nativePixelData(bytes(2, 1, 4, 3, 6, 5), 'OW', false), { le: false }),
      EXPLICIT_BE,
    );
    expect([...(await decodeFrame(file, 1)).data]).toEqual([4, 5, 6]);
  });

  test('Float Pixel Data is swapped in 32-bit units', async () => {
    const px = new Uint8Array(8);
    const view = new DataView(px.buffer);
    view.setFloat32(0, 1.5, false);
    view.setFloat32(4, -2.25, false);
    const file = parse(dataSet({ rows: 1, columns: 2, bitsAllocated: 32 }, nativePixelData(px, 'OF', false, 0x7fe00008), { le: false }), EXPLICIT_BE);
    const frame = await decodeFrame(file, 0);
    expect(frame.dtype).toBe('float32');
    expect([...frame.data]).toEqual([1.5, -2.25]);
  });
});

describe('Float and Double Float Pixel Data (PS3.3 C.7.6.24-25)', () => {
  test('Double Float Pixel Data decodes to float64', async () => {
    const file = parse(dataSet({ rows: 1, columns: 2, bitsAllocated: 64 }, nativePixelData(new Uint8Array(new Float64Array([0.1, -1e300]).buffer), 'OD', true, 0x7fe00009)));
    const all = await decodePixelArray(file);
    expect(all).toMatchObject({ dtype: 'float64', shape: [1, 2] });
    expect([...all.data]).toEqual([0.1, -1e300]);
  });

  test('Float Pixel Data needs Bits Allocated 32', () => {
    const file = parse(dataSet({ rows: 1, columns: 1, bitsAllocated: 16 }, nativePixelData(new Uint8Array(4), 'OF', true, 0x7fe00008)));
    expect(() => imagePixelDescription(file.dataset, 'f.dcm')).toThrow(/Bits Allocated 16 with Float Pixel Data/);
  });
});

describe('masking to Bits Stored (PS3.5 8.1.1)', () => {
  test('default: the whole container; maskToBitsStored: the stored bits, sign-extended', async () => {
    // 12 bits stored at bits 0-11 of signed 16-bit containers, with junk (overlay) bits above.
    const file = parse(dataSet({ rows: 1, columns: 3, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 }, nativePixelData(u16le(0xf7ff, 0x1800, 0x2005))));
    expect([...(await decodeFrame(file, 0)).data]).toEqual([-2049, 0x1800, 0x2005]);
    expect([...(await decodeFrame(file, 0, { maskToBitsStored: true })).data]).toEqual([2047, -2048, 5]);
  });

  test('High Bit above Bits Stored - 1 shifts the stored bits down', async () => {
    const file = parse(dataSet({ rows: 1, columns: 2, bitsAllocated: 16, bitsStored: 12, highBit: 15, pixelRepresentation: 0 }, nativePixelData(u16le(0xfff0, 0x001f))));
    expect([...(await decodeFrame(file, 0, { maskToBitsStored: true })).data]).toEqual([0xfff, 1]);
  });

  test('masking never writes into the file bytes', async () => {
    const file = parse(dataSet({ rows: 1, columns: 1, bitsAllocated: 8, bitsStored: 4, pixelRepresentation: 0 }, nativePixelData(bytes(0xff, 0), 'OB')));
    await decodeFrame(file, 0, { maskToBitsStored: true });
    expect([...(await decodeFrame(file, 0)).data]).toEqual([0xff]);
  });
});

describe('deferred Pixel Data', () => {
  test('decoding frame N reads only that frame from the source', async () => {
    const frames = 8;
    const px = new Uint8Array(4 * 4 * 2 * frames).map((_, i) => i & 0xff);
    const source = new CountingSource(dataSet({ rows: 4, columns: 4, bitsAllocated: 16, pixelRepresentation: 0, numberOfFrames: frames }, nativePixelData(px)));
    const file = await readDeferred(source);
    const el = file.dataset.element('PixelData')!;
    expect(el.deferred).toBe(true);
    source.reads.length = 0;
    const frame = await decodeFrame(file, 5);
    expect(source.reads).toEqual([[el.offset + 5 * 32, 32]]);
    expect([...new Uint8Array(frame.data.buffer, frame.data.byteOffset, 32)]).toEqual([...px.subarray(160, 192)]);
  });
});

describe('errors name the file, the frame and the reason', () => {
  test('a missing Image Pixel attribute', async () => {
    const file = parse(dataSet({ rows: 1, columns: 1, bitsAllocated: 8 }, nativePixelData(bytes(1, 0), 'OB')));
    await expect(decodeFrame(file, 0)).rejects.toMatchObject({ name: 'PixelDataError', kind: 'missing', file: 'fixture.dcm', reason: 'no PixelRepresentation' });
  });

  test('no Pixel Data', () => {
    expect(() => imagePixelDescription(parse(dataSet({ rows: 1, columns: 1, bitsAllocated: 8 }, new Uint8Array(0))).dataset)).toThrow(PixelDataError);
  });

  test('a frame number out of range', async () => {
    const file = parse(dataSet({ rows: 1, columns: 1, bitsAllocated: 8, pixelRepresentation: 0 }, nativePixelData(bytes(1, 0), 'OB')));
    await expect(decodeFrame(file, 1)).rejects.toMatchObject({ kind: 'invalid', frame: 1, message: 'fixture.dcm, frame 1: frame number out of range: Number of Frames is 1' });
  });

  test('inconsistent bit depths and unsupported containers', () => {
    const desc = (m: Parameters<typeof dataSet>[0]) => () => imagePixelDescription(parse(dataSet(m, nativePixelData(new Uint8Array(8)))).dataset);
    expect(desc({ rows: 1, columns: 1, bitsAllocated: 8, bitsStored: 9, pixelRepresentation: 0 })).toThrow(/Bits Stored 9 with Bits Allocated 8/);
    expect(desc({ rows: 1, columns: 1, bitsAllocated: 12, pixelRepresentation: 0 })).toThrow(expect.objectContaining({ kind: 'unsupported' }));
    expect(desc({ rows: 1, columns: 1, bitsAllocated: 16, bitsStored: 12, highBit: 3, pixelRepresentation: 0 })).toThrow(/High Bit 3/);
    expect(desc({ rows: 0, columns: 1, bitsAllocated: 8, pixelRepresentation: 0 })).toThrow(/0 Rows/);
    expect(desc({ rows: 1, columns: 1, bitsAllocated: 8, pixelRepresentation: 0, samplesPerPixel: 1, photometricInterpretation: 'YBR_FULL_422' })).toThrow(/YBR_FULL_422/);
  });

  test('a truncated frame fails alone: the frames before it still decode', async () => {
    const file = parse(dataSet({ rows: 1, columns: 2, bitsAllocated: 16, pixelRepresentation: 0, numberOfFrames: 2 }, nativePixelData(u16le(1, 2, 3, 4).subarray(0, 6))));
    expect([...(await decodeFrame(file, 0)).data]).toEqual([1, 2]);
    await expect(decodeFrame(file, 1)).rejects.toMatchObject({ kind: 'truncated', frame: 1 });
    await expect(decodePixelArray(file)).rejects.toMatchObject({ kind: 'truncated' });
  });
});
