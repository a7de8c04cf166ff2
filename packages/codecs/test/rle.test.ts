import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameInfo } from '@dcmkit/pixel';
import { CodecError, decodeRle, encodeRle, RLE_LOSSLESS, rleCodec } from '@dcmkit/codecs';
import { frameInfo, framesOf, hasCorpus, record, recordsOf, sha256 } from './corpus.js';

const info = (over: Partial<FrameInfo>): FrameInfo => ({
  rows: 1,
  columns: 1,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  ...over,
});

/** Frames of random size and depth, with runs so both packet kinds occur. */
const frames = fc
  .record({
    rows: fc.integer({ min: 1, max: 9 }),
    columns: fc.integer({ min: 1, max: 300 }),
    samplesPerPixel: fc.constantFrom(1, 3),
    bitsAllocated: fc.constantFrom(8, 16, 32),
    planarConfiguration: fc.constantFrom(0, 1),
  })
  .chain((shape) => {
    const length = shape.rows * shape.columns * shape.samplesPerPixel * (shape.bitsAllocated / 8);
    const runs = fc.array(fc.record({ value: fc.integer({ min: 0, max: 255 }), count: fc.integer({ min: 1, max: 200 }) }), { minLength: 1 });
    const bytes = fc.oneof(fc.uint8Array({ minLength: length, maxLength: length }), runs.map((rs) => {
      const out = new Uint8Array(length);
      let o = 0;
      for (let i = 0; o < length; i++) {
        const { value, count } = rs[i % rs.length]!;
        out.fill(value, o, Math.min(length, o + count));
        o += count;
      }
      return out;
    }));
    return fc.tuple(fc.constant(info({ ...shape, bitsStored: shape.bitsAllocated })), bytes);
  });

/** Colour-by-plane to colour-by-pixel, the reference way. */
function byPixel(pixels: Uint8Array, f: FrameInfo): Uint8Array {
  if (f.samplesPerPixel === 1 || f.planarConfiguration === 0) return pixels;
  const bytes = f.bitsAllocated / 8;
  const count = f.rows * f.columns;
  const out = new Uint8Array(pixels.length);
  for (let p = 0; p < count; p++) {
    for (let s = 0; s < 3; s++) out.set(pixels.subarray((s * count + p) * bytes, (s * count + p + 1) * bytes), (p * 3 + s) * bytes);
  }
  return out;
}

describe('RLE round trips', () => {
  it('decode(encode(x)) is x, colour by pixel, for 8/16/32-bit, 1 and 3 samples, any width', () => {
    fc.assert(
      fc.property(frames, ([f, pixels]) => {
        const encoded = encodeRle(pixels, f);
        expect(encoded.length % 2).toBe(0); // PS3.5 G.3.1 / A.4: even length
        expect(decodeRle(encoded, f)).toEqual(byPixel(pixels, f));
      }),
      { numRuns: 300 },
    );
  });

  it('stores segments most significant byte first, sample by sample (PS3.5 G.2)', () => {
    const f = info({ columns: 2, samplesPerPixel: 3, bitsAllocated: 16, bitsStored: 16 });
    // Two RGB pixels, little endian: R=0x0102, G=0x0304, B=0x0506 then R=0x0708 ...
    const pixels = Uint8Array.of(0x02, 0x01, 0x04, 0x03, 0x06, 0x05, 0x08, 0x07, 0x0a, 0x09, 0x0c, 0x0b);
    const encoded = encodeRle(pixels, f);
    const view = new DataView(encoded.buffer);
    expect(view.getUint32(0, true)).toBe(6);
    const firstBytes = Array.from({ length: 6 }, (_, s) => encoded[view.getUint32(4 + 4 * s, true) + 1]);
    expect(firstBytes).toEqual([0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);
  });

  it('compresses runs and never lets a run cross a row', () => {
    const f = info({ rows: 2, columns: 200 });
    const encoded = encodeRle(new Uint8Array(400).fill(7), f);
    // Each row: a run of 128 and a run of 72, two bytes each; 64-byte header.
    expect(encoded.length).toBe(64 + 8);
    expect(Array.from(encoded.subarray(64))).toEqual([0x81, 7, 0xb9, 7, 0x81, 7, 0xb9, 7]);
  });
});

describe('RLE corrupt input', () => {
  const f = info({ rows: 4, columns: 4, bitsAllocated: 16, bitsStored: 16 });
  const good = encodeRle(Uint8Array.from({ length: 32 }, (_, i) => i * 3), f);
  const reason = (bytes: Uint8Array, frame = f) => {
    try {
      decodeRle(bytes, frame);
    } catch (error) {
      expect(error).toBeInstanceOf(CodecError);
      return (error as CodecError).reason;
    }
    return 'decoded';
  };
  const patch = (offset: number, value: number) => {
    const bytes = good.slice();
    new DataView(bytes.buffer).setUint32(offset, value, true);
    return bytes;
  };

  it('gives a reason for each kind of damage', () => {
    expect(reason(good.subarray(0, 40))).toBe('truncated');
    expect(reason(good.subarray(0, good.length - 3))).toBe('truncated');
    expect(reason(patch(0, 3))).toBe('mismatch');
    expect(reason(patch(0, 0xffffffff))).toBe('mismatch');
    expect(reason(patch(4, 12))).toBe('corrupt');
    expect(reason(patch(8, 0x7fffffff))).toBe('truncated');
    expect(reason(good, { ...f, rows: 5 })).toBe('truncated');
    expect(reason(good, { ...f, samplesPerPixel: 2 })).toBe('unsupported');
    expect(reason(good, { ...f, bitsAllocated: 12 })).toBe('unsupported');
  });

  it('never hangs or returns more than the frame on random bytes', () => {
    const shapes = fc.record({ samplesPerPixel: fc.constantFrom(1, 3), bitsAllocated: fc.constantFrom(8, 16, 32) });
    const noise = fc.uint8Array({ maxLength: 400 });
    const cuts = fc.array(fc.nat(400), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(shapes, noise, cuts, (shape, body, offsets) => {
        const frame = info({ rows: 3, columns: 5, ...shape, bitsStored: shape.bitsAllocated });
        const segments = shape.samplesPerPixel * (shape.bitsAllocated / 8);
        const header = new DataView(new ArrayBuffer(64));
        header.setUint32(0, segments, true);
        offsets.slice(0, segments).sort((a, b) => a - b).forEach((o, s) => header.setUint32(4 + 4 * s, 64 + (s === 0 ? 0 : o), true));
        const bytes = new Uint8Array([...new Uint8Array(header.buffer), ...body]);
        try {
          expect(decodeRle(bytes, frame).length).toBe(15 * segments);
        } catch (error) {
          expect(error).toBeInstanceOf(CodecError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects an encode request for another transfer syntax', async () => {
    await expect(rleCodec.encode!(new Uint8Array(1), info({}), '1.2.840.10008.1.2.4.50')).rejects.toMatchObject({ reason: 'unsupported' });
  });
});

describe.skipIf(!hasCorpus)('RLE corpus files', () => {
  it.each(recordsOf(RLE_LOSSLESS).map((r) => [r.path, r] as const))('%s decodes to pydicom\'s array', async (_, r) => {
    const decoded = await Promise.all(framesOf(r).map((frame) => rleCodec.decode(frame, frameInfo(r))));
    expect(decoded.every((d) => d.planarConfiguration === 0)).toBe(true);
    expect(sha256(...decoded.map((d) => d.pixels))).toBe(r.pixels!.sha256);
  });

  it('re-encodes MR_small to a stream that decodes to the native pixels', async () => {
    const native = record('test_files/MR_small.dcm');
    const [pixels] = framesOf(native);
    const encoded = await rleCodec.encode!(pixels!, frameInfo(native), RLE_LOSSLESS);
    const decoded = await rleCodec.decode(encoded.bytes, frameInfo(native));
    expect(sha256(decoded.pixels)).toBe(native.pixels!.sha256);
    expect(sha256(decoded.pixels)).toBe(record('test_files/MR_small_RLE.dcm').pixels!.sha256);
  });
});
