// Encapsulated Pixel Data: splitting fragments into frames (PS3.5 A.4) and decoding through the registry.
import { describe, expect, test } from 'vitest';
import { concatBytes } from '@dcmkit/core';
import { CodecRegistry, decodeFrame, decodePixelArray, frameBytes, type Codec } from '@dcmkit/pixel';
import {
  CountingSource,
  JPEG_BASELINE,
  dataSet,
  encapsulatedPixelData,
  itemOffsets,
  ov,
  parse,
  readDeferred,
} from './decode-fixtures.js';

const SOI = [0xff, 0xd8];
/** A stand-in codestream: SOI, then the frame's samples as they are. */
const stream = (...samples: number[]) => new Uint8Array([...SOI, ...samples]);

/** Decodes stand-in codestreams; refuses any holding 0xEE, as a codec rejects corrupt data. */
const passThrough: Codec = {
  name: 'pass-through',
  transferSyntaxes: [JPEG_BASELINE],
  async decode(encoded) {
    if (encoded.includes(0xee)) throw new Error('corrupt entropy-coded data');
    return { pixels: encoded.slice(2), planarConfiguration: 0, photometricInterpretation: 'MONOCHROME2' };
  },
};
const registry = new CodecRegistry().register(passThrough);

const module = (frames: number) => ({ rows: 1, columns: 2, bitsAllocated: 8, pixelRepresentation: 0, numberOfFrames: frames });
const file = (frames: number, fragments: Uint8Array[], basicOffsetTable: number[] = [], extra: Parameters<typeof dataSet>[2] = {}) =>
  parse(dataSet(module(frames), encapsulatedPixelData(fragments, basicOffsetTable), extra), JPEG_BASELINE);

async function allFrames(f: ReturnType<typeof file>, frames: number): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < frames; i++) out.push([...(await decodeFrame(f, i, { registry })).data]);
  return out;
}

describe('fragments to frames (PS3.5 A.4)', () => {
  // Two frames, each split over two fragments, without start markers: only an offset table can split them.
  const fragments = [new Uint8Array([0, 0, 1]), new Uint8Array([2]), new Uint8Array([0, 0, 3]), new Uint8Array([4, 0x99])];
  const offsets = itemOffsets(fragments);

  test('the Basic Offset Table', async () => {
    const f = file(2, fragments, [offsets[0]!, offsets[2]!]);
    expect([...(await frameBytes(f, 0))]).toEqual([0, 0, 1, 2]);
    expect([...(await frameBytes(f, 1))]).toEqual([0, 0, 3, 4, 0x99]);
  });

  test('the Extended Offset Table and its lengths, over an empty Basic Offset Table', async () => {
    // The second frame's length (4) leaves out the fragment's trailing byte.
    const extra = { extra: [[0x7fe00001, 'OV', ov([offsets[0]!, offsets[2]!])], [0x7fe00002, 'OV', ov([4, 4])]] as [number, string, Uint8Array][] };
    const f = file(2, fragments, [], extra);
    expect([...(await frameBytes(f, 1))]).toEqual([0, 0, 3, 4]);
    expect(await allFrames(f, 2)).toEqual([[1, 2], [3, 4]]);
  });

  test('no offset table, one frame: all fragments', async () => {
    expect([...(await frameBytes(file(1, [stream(), new Uint8Array([7]), new Uint8Array([8])]), 0))]).toEqual([...SOI, 7, 8]);
  });

  test('no offset table, as many fragments as frames: one each', async () => {
    expect(await allFrames(file(3, [stream(1, 2), stream(3, 4), stream(5, 6)]), 3)).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  // Two frames, each split over two fragments, each starting with SOI.
  const marked = [stream(1), new Uint8Array([2]), stream(3), new Uint8Array([4])];

  test('no offset table, more fragments than frames: a frame starts at each start marker', async () => {
    expect(await allFrames(file(2, marked), 2)).toEqual([[1, 2], [3, 4]]);
    // JPEG 2000: SOC then SIZ (T.800 A.4.1).
    const j2k = [new Uint8Array([0xff, 0x4f, 0xff, 0x51]), new Uint8Array([9]), new Uint8Array([0xff, 0x4f, 0xff, 0x51, 9])];
    const f = file(2, j2k);
    expect([...(await frameBytes(f, 0))]).toEqual([0xff, 0x4f, 0xff, 0x51, 9]);
    expect([...(await frameBytes(f, 1))]).toEqual([0xff, 0x4f, 0xff, 0x51, 9]);
  });

  test('a Basic Offset Table that misses the fragments is passed over', async () => {
    expect(await allFrames(file(2, marked, [0, 5]), 2)).toEqual([[1, 2], [3, 4]]);
  });

  test('fragments that cannot be split are a typed error', async () => {
    const f = file(2, [stream(1), new Uint8Array([2]), new Uint8Array([3])]);
    await expect(decodeFrame(f, 0, { registry })).rejects.toMatchObject({ name: 'PixelDataError', kind: 'invalid', file: 'fixture.dcm' });
  });

  test('a frame in one fragment is read from the source alone', async () => {
    const frames = [stream(1, 2), stream(3, 4), stream(5, 6)];
    const source = new CountingSource(dataSet(module(3), encapsulatedPixelData(frames, itemOffsets(frames))));
    const f = await readDeferred(source, JPEG_BASELINE);
    const fragment = f.dataset.element('PixelData')!.encapsulated!.fragments[2]!;
    source.reads.length = 0;
    expect([...(await decodeFrame(f, 2, { registry })).data]).toEqual([5, 6]);
    expect(source.reads).toEqual([[fragment.offset, fragment.length]]);
  });
});

describe('decoding through the codec registry', () => {
  test('all frames into one array', async () => {
    const a = await decodePixelArray(file(3, [stream(1, 2), stream(3, 4), stream(5, 6)]), { registry });
    expect(a).toMatchObject({ dtype: 'uint8', shape: [3, 1, 2], photometricInterpretation: 'MONOCHROME2' });
    expect([...a.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('an unregistered Transfer Syntax is a typed error naming it', async () => {
    await expect(decodeFrame(file(1, [stream(1, 2)]), 0, { registry: new CodecRegistry() })).rejects.toMatchObject({
      kind: 'no-codec',
      frame: 0,
      message: expect.stringContaining('JPEG Baseline (Process 1) (1.2.840.10008.1.2.4.50)'),
    });
  });

  test('a frame the codec rejects fails alone, naming file, frame and reason', async () => {
    const f = file(3, [stream(1, 2), stream(0xee, 4), stream(5, 6)]);
    await expect(decodeFrame(f, 1, { registry })).rejects.toMatchObject({
      kind: 'decode',
      file: 'fixture.dcm',
      frame: 1,
      message: 'fixture.dcm, frame 1: pass-through: corrupt entropy-coded data',
    });
    expect([...(await decodeFrame(f, 2, { registry })).data]).toEqual([5, 6]);
    await expect(decodePixelArray(f, { registry })).rejects.toMatchObject({ frame: 1 });
  });

  test('a codec returning the wrong number of bytes is caught', async () => {
    await expect(decodeFrame(file(1, [stream(1, 2, 3)]), 0, { registry })).rejects.toMatchObject({ kind: 'decode', reason: 'pass-through returned 3 bytes, the frame has 2' });
  });

  test('colour-by-plane codec output is interleaved', async () => {
    const planar: Codec = { ...passThrough, decode: async (e) => ({ pixels: e.slice(2), planarConfiguration: 1, photometricInterpretation: 'RGB' }) };
    const m = { rows: 1, columns: 2, samplesPerPixel: 3, bitsAllocated: 8, pixelRepresentation: 0, photometricInterpretation: 'RGB', planarConfiguration: 0 };
    const f = parse(dataSet(m, encapsulatedPixelData([stream(1, 2, 10, 20, 100, 200)])), JPEG_BASELINE);
    const frame = await decodeFrame(f, 0, { registry: new CodecRegistry().register(planar) });
    expect([...frame.data]).toEqual([1, 10, 100, 2, 20, 200]);
  });

  test('16-bit codec output is read little endian, in the signedness of Pixel Representation', async () => {
    const m = { rows: 1, columns: 2, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1 };
    const f = parse(dataSet(m, encapsulatedPixelData([concatBytes([new Uint8Array(SOI), new Uint8Array([0xff, 0xff, 0xff, 0x07])])])), JPEG_BASELINE);
    expect([...(await decodeFrame(f, 0, { registry })).data]).toEqual([-1, 2047]);
    expect([...(await decodeFrame(f, 0, { registry, maskToBitsStored: true })).data]).toEqual([-1, 2047]);
  });
});
