import { describe, expect, it } from 'vitest';
import { createJpegLsCodec, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS } from '@dcmkit/codecs';
import { firstDifference, frameInfo, framesOf, hasCorpus, nativeImage, recordsOf, sha256, signed12, toPlanar } from './corpus.js';

const codec = createJpegLsCodec();

describe.skipIf(!hasCorpus)('JPEG-LS (CharLS)', () => {
  it.each(recordsOf(JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS).map((r) => [r.path, r] as const))('%s decodes to pydicom\'s array', async (_, r) => {
    const decoded = await codec.decode(framesOf(r)[0]!, frameInfo(r));
    expect(sha256(decoded.pixels)).toBe(r.pixels!.sha256);
    expect(decoded.planarConfiguration).toBe(0);
  });

  it.each(['test_files/CT_small.dcm', 'test_files/MR_small.dcm', 'test_files/examples_rgb_color.dcm', 'test_files/examples_overlay.dcm'])(
    '%s round-trips losslessly',
    async (path) => {
      const { info, pixels } = nativeImage(path);
      const encoded = await codec.encode!(pixels, info, JPEG_LS_LOSSLESS);
      expect(encoded.bytes.length).toBeLessThan(pixels.length);
      expect(encoded.photometricInterpretation).toBe(info.photometricInterpretation);
      expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
    },
  );

  it('encodes colour-by-plane input as a by-component scan and decodes it colour-by-pixel', async () => {
    const { info, pixels } = nativeImage('test_files/examples_rgb_color.dcm');
    const encoded = await codec.encode!(toPlanar(pixels, 3), { ...info, planarConfiguration: 1 }, JPEG_LS_LOSSLESS);
    expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
  });

  it('keeps near-lossless error within NEAR', async () => {
    const { info, pixels } = nativeImage('test_files/CT_small.dcm');
    const encoded = await codec.encode!(pixels, info, JPEG_LS_NEAR_LOSSLESS, { nearLossless: 3 });
    const decoded = (await codec.decode(encoded.bytes, info)).pixels;
    const a = new Int16Array(pixels.slice().buffer);
    const b = new Int16Array(decoded.slice().buffer);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThanOrEqual(3);
    await expect(codec.encode!(pixels, info, JPEG_LS_LOSSLESS, { nearLossless: 3 })).rejects.toMatchObject({ reason: 'unsupported' });
  });
});

describe('JPEG-LS signed data', () => {
  it('masks 12-bit two\'s complement samples for coding and sign-extends them back', async () => {
    const { info, pixels } = signed12(37, 23);
    const encoded = await codec.encode!(pixels, info, JPEG_LS_LOSSLESS);
    expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
  });

  it('rejects damaged streams with a CodecError', async () => {
    const { info, pixels } = signed12(37, 23);
    const { bytes } = await codec.encode!(pixels, info, JPEG_LS_LOSSLESS);
    await expect(codec.decode(bytes.subarray(0, 10), info)).rejects.toMatchObject({ reason: 'truncated' });
    await expect(codec.decode(bytes.subarray(0, bytes.length / 2), info)).rejects.toMatchObject({ reason: 'truncated' });
    const flipped = bytes.slice();
    flipped[bytes.length >> 1]! ^= 0x5a;
    await expect(codec.decode(flipped, info)).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(codec.decode(bytes, { ...info, columns: 22 })).rejects.toMatchObject({ reason: 'mismatch' });
  });
});
