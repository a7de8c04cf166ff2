// YBR to RGB (PS3.3 C.7.6.3.1.2): hand-computed values, and the corpus' JPEG YBR_FULL files against
// DCMTK's own RGB output (the manifest's cross-check hash).
import { beforeAll, describe, expect, it } from 'vitest';
import { registerAllCodecs } from '@dcmkit/codecs';
import { codecs, decodeFrame, PixelDataError, sha256Hex, toRgb, type PixelFrame } from '@dcmkit/pixel';
import { hasCorpus, manifest, openCorpusFile } from './render-corpus.js';

const frame = (photometricInterpretation: string, samples: number[], dtype: 'uint8' | 'uint16' = 'uint8'): PixelFrame => ({
  data: dtype === 'uint8' ? Uint8Array.from(samples) : Uint16Array.from(samples),
  dtype,
  rows: 1,
  columns: samples.length / 3,
  samplesPerPixel: 3,
  photometricInterpretation,
  index: 0,
});

/** The standard's forward YBR_FULL equations, rounded and clamped to 8 bits. */
const ybrFull = ([r, g, b]: number[]) =>
  [0.299 * r! + 0.587 * g! + 0.114 * b!, -0.1687 * r! - 0.3313 * g! + 0.5 * b! + 128, 0.5 * r! - 0.4187 * g! - 0.0813 * b! + 128].map((v) =>
    Math.min(255, Math.round(v)),
  );

describe('toRgb', () => {
  it('undoes YBR_FULL: red stored as Y 76, Cb 85, Cr 255 comes back (254, 0, 0)', () => {
    expect(ybrFull([255, 0, 0])).toEqual([76, 85, 255]);
    // R = 76 + 1.402 * 127 = 254.05; G = 76 + 0.344136 * 43 - 0.714136 * 127 = 0.10; B = 76 - 1.772 * 43 < 0.
    expect([...toRgb(frame('YBR_FULL', [76, 85, 255, 128, 128, 128])).data]).toEqual([254, 0, 0, 128, 128, 128]);
  });

  it('round-trips colours within one level through YBR_FULL, YBR_FULL_422 and YBR_ICT', () => {
    const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [0, 0, 0], [12, 200, 99], [250, 128, 7]];
    for (const pi of ['YBR_FULL', 'YBR_FULL_422', 'YBR_ICT']) {
      const back = toRgb(frame(pi, colours.flatMap(ybrFull)));
      expect(back.photometricInterpretation).toBe('RGB');
      colours.flat().forEach((v, i) => expect(Math.abs(back.data[i]! - v)).toBeLessThanOrEqual(1));
    }
  });

  it('undoes YBR_PARTIAL: black at Y 16, white at Y 235', () => {
    expect([...toRgb(frame('YBR_PARTIAL_420', [16, 128, 128, 235, 128, 128])).data]).toEqual([0, 0, 0, 255, 255, 255]);
  });

  it('undoes YBR_RCT exactly (ISO 15444-1 G.2), 8 and 16 bits', () => {
    const rct = ([r, g, b]: number[], half: number) => [Math.floor((r! + 2 * g! + b!) / 4), b! - g! + half, r! - g! + half];
    // Chroma differences that fit the container: B - G and R - G within +-half.
    const colours = [[120, 10, 0], [0, 100, 20], [3, 7, 130], [200, 100, 50], [0, 0, 0], [255, 255, 255]];
    expect([...toRgb(frame('YBR_RCT', colours.flatMap((c) => rct(c, 128)))).data]).toEqual(colours.flat());
    const deep = colours.map((c) => c.map((v) => v * 128 + 5));
    expect([...toRgb(frame('YBR_RCT', deep.flatMap((c) => rct(c, 32768)), 'uint16'), 16).data]).toEqual(deep.flat());
  });

  it('returns RGB frames as they are, and rejects what it cannot convert', () => {
    const rgb = frame('RGB', [1, 2, 3]);
    expect(toRgb(rgb)).toBe(rgb);
    expect(() => toRgb(frame('HSV', [1, 2, 3]))).toThrow(PixelDataError);
    expect(() => toRgb({ ...frame('YBR_FULL', [1, 2, 3]), samplesPerPixel: 1 })).toThrow(/expected 3/);
  });
});

describe.runIf(hasCorpus)('toRgb on the corpus', () => {
  beforeAll(() => registerAllCodecs(codecs));

  // Single-frame JPEG files stored as YBR_FULL(_422): pydicom keeps YCbCr, DCMTK outputs RGB.
  const cases = hasCorpus
    ? manifest().flatMap((r) => {
        const dcmtk = r.pixelsCrossCheckDetails?.find((d) => d.decoder.startsWith('dcmtk'))?.pixels?.sha256;
        return r.photometricInterpretation?.startsWith('YBR_FULL') && r.transferSyntaxUID?.startsWith('1.2.840.10008.1.2.4.5') && !(Number(r.numberOfFrames) > 1) && dcmtk
          ? [[r.path, dcmtk] as const]
          : [];
      })
    : [];

  it('finds the JPEG YBR_FULL files', () => expect(cases.length).toBeGreaterThanOrEqual(8));

  it.each(cases)('%s converts to exactly DCMTK\'s RGB', async (p, sha256) => {
    const decoded = await decodeFrame(openCorpusFile(p), 0);
    expect(decoded.photometricInterpretation).toMatch(/^YBR_FULL/);
    const rgb = toRgb(decoded).data;
    expect(await sha256Hex(new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength))).toBe(sha256);
  });
});
