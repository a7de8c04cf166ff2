import { describe, expect, it } from 'vitest';
import { createHtj2kCodec, createJpeg2000Codec, HTJ2K, HTJ2K_LOSSLESS, HTJ2K_RPCL_LOSSLESS } from '@dcmkit/codecs';
import { firstDifference, hasCorpus, nativeImage, signed12, toPlanar } from './corpus.js';

const codec = createHtj2kCodec();
const openjpeg = createJpeg2000Codec();

/** Offset of a main-header marker (before the first SOT), or -1. */
function mainHeaderMarker(bytes: Uint8Array, marker: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = 2; p + 4 <= bytes.length && view.getUint16(p) !== 0xff90; p += 2 + view.getUint16(p + 2)) {
    if (view.getUint16(p) === marker) return p;
  }
  return -1;
}

describe.skipIf(!hasCorpus)('HTJ2K (OpenJPH) round trips on corpus images', () => {
  it.each(['test_files/CT_small.dcm', 'test_files/MR_small.dcm', 'test_files/examples_rgb_color.dcm', 'test_files/examples_overlay.dcm'])(
    '%s round-trips losslessly under .201, .202 and .203, and OpenJPEG decodes it identically',
    async (path) => {
      const { info, pixels } = nativeImage(path);
      for (const syntax of [HTJ2K_LOSSLESS, HTJ2K_RPCL_LOSSLESS, HTJ2K]) {
        const encoded = await codec.encode!(pixels, info, syntax);
        expect(encoded.photometricInterpretation).toBe(info.samplesPerPixel === 3 ? 'YBR_RCT' : info.photometricInterpretation);
        const coded = { ...info, photometricInterpretation: encoded.photometricInterpretation };
        const decoded = await codec.decode(encoded.bytes, coded);
        expect(firstDifference(decoded.pixels, pixels)).toBe(-1);
        expect(decoded.photometricInterpretation).toBe(info.photometricInterpretation);
        expect(firstDifference((await openjpeg.decode(encoded.bytes, coded)).pixels, pixels)).toBe(-1);
        // PS3.5 8.2.15: the RPCL option carries TLM marker segments.
        expect(mainHeaderMarker(encoded.bytes, 0xff55) >= 0).toBe(syntax === HTJ2K_RPCL_LOSSLESS);
      }
    },
  );

  it('encodes colour-by-plane input', async () => {
    const { info, pixels } = nativeImage('test_files/examples_rgb_color.dcm');
    const encoded = await codec.encode!(toPlanar(pixels, 3), { ...info, planarConfiguration: 1 }, HTJ2K_LOSSLESS);
    expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
  });
});

describe('HTJ2K edge cases', () => {
  it('round-trips signed 12-bit samples and small frames', async () => {
    for (const [rows, columns] of [[37, 23], [3, 5], [1, 1]] as const) {
      const { info, pixels } = signed12(rows, columns);
      const encoded = await codec.encode!(pixels, info, HTJ2K_LOSSLESS);
      expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
    }
  });

  it('rejects what it cannot encode or decode with a CodecError', async () => {
    const { info, pixels } = signed12(8, 8);
    await expect(codec.encode!(pixels, info, HTJ2K, { compressionRatio: 10 })).rejects.toMatchObject({ reason: 'unsupported' });
    const rgb16 = { ...info, samplesPerPixel: 3, photometricInterpretation: 'RGB' };
    await expect(codec.encode!(new Uint8Array(8 * 8 * 6), rgb16, HTJ2K_LOSSLESS)).rejects.toMatchObject({ reason: 'unsupported' });
    const { bytes } = await codec.encode!(pixels, info, HTJ2K_LOSSLESS);
    await expect(codec.decode(bytes, { ...info, columns: 9 })).rejects.toMatchObject({ reason: 'mismatch' });
    await expect(codec.decode(new Uint8Array(100), info)).rejects.toMatchObject({ reason: 'corrupt' });
  });

  it('refuses subsampled components before the native decoder sees them (T.800 A.5.1 XRsiz, YRsiz)', async () => {
    const { info, pixels } = signed12(16, 16);
    const { bytes } = await codec.encode!(pixels, info, HTJ2K_LOSSLESS);
    // SOC, then SIZ: YRsiz of component 0 is byte 44 of the codestream. OpenJPH loops forever on some values.
    for (const [yrsiz, reason] of [[124, 'unsupported'], [2, 'unsupported'], [0, 'corrupt']] as const) {
      const damaged = bytes.slice();
      damaged[44] = yrsiz;
      await expect(codec.decode(damaged, info)).rejects.toMatchObject({ reason });
      await expect(openjpeg.decode(damaged, info)).rejects.toMatchObject({ reason });
    }
  });
});
