// Our sequential DCT decoder (T.81 Processes 1, 2, 4) on fixtures from a test-only encoder, and on the corpus.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, createJpegCodec, JPEG_BASELINE, JPEG_EXTENDED } from '@dcmkit/codecs';
import type { FrameInfo } from '@dcmkit/pixel';
import { decodeJpegExtended } from '../src/jpeg-extended/decode.js';
import type { Frame, FrameComponent } from '../src/jpeg-extended/headers.js';
import { decodeFrame } from '../src/jpeg-extended/stream.js';
import { fullResolution } from '../src/jpeg-extended/upsample.js';
import { ZIGZAG } from '../src/jpeg-extended/zigzag.js';
import { frameInfo, framesOf, hasCorpus, mean, record, recordsOf } from './corpus.js';
import { encodeFixture, zigzagWalk, type ComponentSamples, type FixtureOptions } from './jpeg-extended-fixtures.js';

/** Deterministic texture with edges and noise, so coefficients reach the high magnitude categories. */
const texture = (max: number, seed: number) => (x: number, y: number) => {
  const noise = ((x * 7919 + y * 104729 + seed * 31) % 211) / 211;
  const edge = (x + seed) % 11 < 5 ? 0.8 : 0.1;
  return Math.round(max * Math.min(1, Math.max(0, 0.5 * edge + 0.35 * Math.sin((x + seed) * 0.6) * Math.cos(y * 0.4) + 0.3 * noise)));
};

function infoFor({ precision, columns, rows, components }: FixtureOptions): FrameInfo {
  const photometricInterpretation = components.length === 1 ? 'MONOCHROME2' : 'YBR_FULL';
  return { rows, columns, samplesPerPixel: components.length, bitsAllocated: precision === 12 ? 16 : 8, bitsStored: precision, pixelRepresentation: 0, photometricInterpretation, planarConfiguration: 0 };
}

/** Samples of the decoded planes that differ from the fixture's reconstruction, and by how much at most. */
function differences(frame: Frame, expected: ComponentSamples[]): { count: number; largest: number } {
  let count = 0;
  let largest = 0;
  frame.components.forEach(({ plane, stride, width, height }, c) => {
    expect({ width, height }).toEqual({ width: expected[c]!.width, height: expected[c]!.height });
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const d = Math.abs(plane[y * stride + x]! - expected[c]!.samples[y * width + x]!);
        if (d) count++;
        largest = Math.max(largest, d);
      }
    }
  });
  return { count, largest };
}

const FIXTURES: [string, FixtureOptions][] = [
  [
    '12-bit monochrome, 16-bit DQT, restart every 5 MCUs, 37x29',
    { precision: 12, columns: 37, rows: 29, components: [{ h: 1, v: 1, sample: texture(4095, 1) }], quantization: (_, k) => 1 + ((k * 53) % 300), restartInterval: 5 },
  ],
  [
    '12-bit 4:2:0 interleaved, restart every 3 MCUs, 45x27',
    {
      precision: 12,
      columns: 45,
      rows: 27,
      components: [{ h: 2, v: 2, sample: texture(4095, 2) }, { h: 1, v: 1, sample: texture(4095, 3) }, { h: 1, v: 1, sample: texture(4095, 4) }],
      restartInterval: 3,
    },
  ],
  [
    '8-bit, a scan per component, 2x1/1x2/1x1, DHT between scans, restart every 7 MCUs, 33x19',
    {
      precision: 8,
      columns: 33,
      rows: 19,
      components: [{ h: 2, v: 1, sample: texture(255, 5) }, { h: 1, v: 2, sample: texture(255, 6) }, { h: 1, v: 1, sample: texture(255, 7) }],
      quantization: (c, k) => 1 + ((k + c) % 9),
      restartInterval: 7,
      separateScans: true,
    },
  ],
  [
    '12-bit monochrome sampled 2x2: the scan covers the component, not whole MCUs (A.2.2), 20x20',
    { precision: 12, columns: 20, rows: 20, components: [{ h: 2, v: 2, sample: texture(4095, 8) }] },
  ],
  [
    '8-bit 3x1 / 1x1 interleaved (replicated 3:1), 50x10',
    { precision: 8, columns: 50, rows: 10, components: [{ h: 3, v: 1, sample: texture(255, 9) }, { h: 1, v: 1, sample: texture(255, 10) }, { h: 1, v: 1, sample: texture(255, 11) }] },
  ],
];

describe('sequential DCT decoder (T.81)', () => {
  it('orders coefficients along the anti-diagonals (Figure A.6)', () => {
    expect(Array.from(ZIGZAG)).toEqual(zigzagWalk());
  });

  it.each(FIXTURES)('%s', (_, options) => {
    const { bytes, expected } = encodeFixture(options);
    const frame = decodeFrame(bytes, infoFor(options));
    expect(differences(frame, expected)).toEqual({ count: 0, largest: 0 });
  });

  it('interleaves the upsampled components into Bits Allocated containers, little endian', () => {
    const luma = { h: 2, v: 2, sample: texture(4095, 12) };
    const options: FixtureOptions = { precision: 12, columns: 45, rows: 27, components: [luma, { h: 1, v: 1, sample: () => 1000 }, { h: 1, v: 1, sample: () => 3000 }] };
    const { bytes, expected } = encodeFixture(options);
    const pixels = decodeJpegExtended(bytes, infoFor(options));
    expect(pixels.length).toBe(45 * 27 * 3 * 2);
    const view = new DataView(pixels.buffer);
    const samples = Array.from({ length: 45 * 27 * 3 }, (_, i) => view.getUint16(i * 2, true));
    // Flat chroma stays flat through the h2v2 filter; luma is at full resolution already.
    expect(samples.filter((_, i) => i % 3 === 0)).toEqual(Array.from(expected[0]!.samples));
    expect(samples.filter((s, i) => i % 3 === 1 && s !== 1000)).toEqual([]);
    expect(samples.filter((s, i) => i % 3 === 2 && s !== 3000)).toEqual([]);
  });

  it('sign-extends two\'s complement samples from P bits', () => {
    const options: FixtureOptions = { precision: 12, columns: 8, rows: 8, components: [{ h: 1, v: 1, sample: () => 4000 }] };
    const pixels = decodeJpegExtended(encodeFixture(options).bytes, { ...infoFor(options), pixelRepresentation: 1 });
    expect(new DataView(pixels.buffer).getInt16(0, true)).toBe(4000 - 4096);
  });
});

describe('upsampling as libjpeg does it', () => {
  const frameOf = (lines: number, samplesPerLine: number, hMax: number, vMax: number) => ({ lines, samplesPerLine, hMax, vMax }) as Frame;
  const component = (h: number, v: number, width: number, rows: number[][]): FrameComponent =>
    ({ h, v, width, height: rows.length, stride: width, plane: Uint16Array.from(rows.flat()) }) as FrameComponent;
  const lines = ({ samples, stride }: { samples: Uint16Array; stride: number }, count: number, width: number) =>
    Array.from({ length: count }, (_, y) => Array.from(samples.subarray(y * stride, y * stride + width)));

  it('h2v1: 3/4 nearer + 1/4 farther, rounding 1 and 2, edges repeated', () => {
    expect(lines(fullResolution(component(1, 1, 3, [[0, 4, 8]]), frameOf(1, 6, 2, 1)), 1, 6)).toEqual([[0, 1, 3, 5, 7, 8]]);
    expect(lines(fullResolution(component(1, 1, 3, [[0, 4, 8]]), frameOf(1, 5, 2, 1)), 1, 5)).toEqual([[0, 1, 3, 5, 7]]);
  });

  it('h2v2: column sums 3/4 nearer line + 1/4 farther, then h2v1 with rounding 8 and 7 over 16', () => {
    const out = fullResolution(component(1, 1, 2, [[0, 16], [32, 48]]), frameOf(4, 4, 2, 2));
    expect(lines(out, 4, 4)).toEqual([[0, 4, 12, 16], [8, 12, 20, 24], [24, 28, 36, 40], [32, 36, 44, 48]]);
  });

  it('other ratios replicate', () => {
    const out = fullResolution(component(1, 1, 2, [[1, 2], [3, 4]]), frameOf(4, 2, 1, 2));
    expect(lines(out, 4, 2)).toEqual([[1, 2], [1, 2], [3, 4], [3, 4]]);
  });
});

describe('damaged and unsupported streams', () => {
  const options = FIXTURES[0]![1];
  const info = infoFor(options);
  const { bytes } = encodeFixture(options);
  const reason = (stream: Uint8Array, frame: FrameInfo = info) => {
    try {
      decodeJpegExtended(stream, frame);
      return 'decoded';
    } catch (error) {
      expect(error).toBeInstanceOf(CodecError);
      return (error as CodecError).reason;
    }
  };
  const patched = (at: number, value: number) => bytes.map((b, i) => (i === at ? value : b));
  const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc1);

  it.each([FIXTURES[0]!, FIXTURES[2]!])('every cut-short stream is truncated: %s', (_, options) => {
    const whole = encodeFixture(options).bytes;
    for (let length = 0; length < whole.length; length++) expect(reason(whole.subarray(0, length), infoFor(options))).toBe('truncated');
  });

  it('random damage ends in a CodecError or a frame of the right size', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const damaged = bytes.slice();
        for (const [at, mask] of flips) damaged[at]! ^= mask;
        const result = reason(damaged);
        expect(['decoded', 'truncated', 'corrupt', 'mismatch', 'unsupported']).toContain(result);
      }),
      { numRuns: 300 },
    );
  });

  it('a restart marker out of sequence is corrupt', () => {
    const rst0 = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xd0);
    expect(reason(patched(rst0 + 1, 0xd1))).toBe('corrupt');
  });

  it('progressive, lossless, arithmetic and DNL frames are unsupported', () => {
    for (const marker of [0xc2, 0xc3, 0xc9]) expect(reason(patched(sof + 1, marker))).toBe('unsupported');
    expect(reason(patched(sof + 5, 0).map((b, i) => (i === sof + 6 ? 0 : b)))).toBe('unsupported');
  });

  it('a frame header unlike the data set is a mismatch, checked before anything is allocated', () => {
    expect(reason(bytes, { ...info, rows: 28 })).toBe('mismatch');
    expect(reason(bytes, { ...info, samplesPerPixel: 3 })).toBe('mismatch');
    expect(reason(bytes, { ...info, bitsAllocated: 8 })).toBe('mismatch');
  });

  it('a 12-bit baseline (SOF0) frame is corrupt', () => {
    expect(reason(patched(sof + 1, 0xc0))).toBe('corrupt');
  });
});

describe.skipIf(!hasCorpus)('corpus', () => {
  const codec = createJpegCodec();

  it.each(['test_files/JPEG-lossy.dcm', 'test_files/JPGExtended.dcm'])('%s (12-bit Process 4) decodes close to GDCM and DCMTK', async (path) => {
    const r = record(path);
    const { pixels, photometricInterpretation } = await codec.decode(framesOf(r)[0]!, frameInfo(r));
    const samples = new Uint16Array(pixels.buffer, pixels.byteOffset, pixels.length / 2);
    expect(photometricInterpretation).toBe('MONOCHROME2');
    expect([Math.min(...new Set(samples)), Math.max(...new Set(samples))]).toEqual([r.pixels!.min, r.pixels!.max]);
    // 99.4% of samples equal libjpeg's (integer IDCT), the rest differ by 1.
    expect(Math.abs(mean(pixels, 'uint16') - r.pixels!.mean!)).toBeLessThan(0.001);
  });

  it('damaged JPEG-lossy.dcm frames end in a CodecError or a whole frame', async () => {
    const r = record('test_files/JPEG-lossy.dcm');
    const [frame, info] = [framesOf(r)[0]!, frameInfo(r)];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(frame.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (flips) => {
        const damaged = frame.slice();
        for (const [at, mask] of flips) damaged[at]! ^= mask;
        await codec.decode(damaged, info).then(
          ({ pixels }) => expect(pixels.length).toBe(1024 * 256 * 2),
          (error) => expect(error).toBeInstanceOf(CodecError),
        );
      }),
      { numRuns: 100 },
    );
  });

  const eightBit = recordsOf(JPEG_BASELINE, JPEG_EXTENDED).filter((r) => r.bitsStored === 8);
  it.each(eightBit.map((r) => [r.path, r] as const))('%s: ours is within 1 of libjpeg-turbo', async (_, r) => {
    for (const frame of framesOf(r)) {
      const theirs = (await codec.decode(frame, frameInfo(r))).pixels;
      const ours = decodeJpegExtended(frame, frameInfo(r));
      expect(ours.length).toBe(theirs.length);
      let largest = 0;
      for (let i = 0; i < ours.length; i++) largest = Math.max(largest, Math.abs(ours[i]! - theirs[i]!));
      expect(largest).toBeLessThanOrEqual(1);
    }
  });
});
