import { describe, expect, it } from 'vitest';
import { createJpeg2000Codec, JPEG_2000, JPEG_2000_LOSSLESS } from '@dcmkit/codecs';
import { firstDifference, frameInfo, framesOf, hasCorpus, mean, nativeImage, record, recordsOf, sha256, signed12, toPlanar } from './corpus.js';

const codec = createJpeg2000Codec();

describe.skipIf(!hasCorpus)('JPEG 2000 (OpenJPEG) on the corpus', () => {
  // pydicom could not reproduce its own decode of the corrupt file (pixels.sha256 is null).
  const decodable = recordsOf(JPEG_2000_LOSSLESS, JPEG_2000).filter((r) => r.pixels!.sha256);

  it.each(decodable.map((r) => [r.path, r] as const))('%s decodes to pydicom\'s array', async (_, r) => {
    const decoded = await codec.decode(framesOf(r)[0]!, frameInfo(r));
    expect(sha256(decoded.pixels)).toBe(r.pixels!.sha256);
    expect(Math.abs(mean(decoded.pixels, r.pixels!.dtype) - r.pixels!.mean!)).toBeLessThan(0.5);
    expect(decoded.photometricInterpretation).toBe(r.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
  });

  it('rejects the codestream with an embedded sequence delimiter', async () => {
    const r = record('test_files/JPEG2000-embedded-sequence-delimiter.dcm');
    await expect(codec.decode(framesOf(r)[0]!, frameInfo(r))).rejects.toMatchObject({ name: 'CodecError' });
  });

  it.each(['test_files/CT_small.dcm', 'test_files/MR_small.dcm', 'test_files/examples_rgb_color.dcm', 'test_files/examples_overlay.dcm'])(
    '%s round-trips losslessly',
    async (path) => {
      const { info, pixels } = nativeImage(path);
      const encoded = await codec.encode!(pixels, info, JPEG_2000_LOSSLESS);
      expect(encoded.photometricInterpretation).toBe(info.samplesPerPixel === 3 ? 'YBR_RCT' : info.photometricInterpretation);
      const decoded = await codec.decode(encoded.bytes, { ...info, photometricInterpretation: encoded.photometricInterpretation });
      expect(firstDifference(decoded.pixels, pixels)).toBe(-1);
      expect(decoded.photometricInterpretation).toBe(info.photometricInterpretation);
    },
  );

  it('encodes colour-by-plane input', async () => {
    const { info, pixels } = nativeImage('test_files/examples_rgb_color.dcm');
    const encoded = await codec.encode!(toPlanar(pixels, 3), { ...info, planarConfiguration: 1 }, JPEG_2000_LOSSLESS);
    expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
  });

  it('encodes lossy at a compression ratio (.91), labelling colour YBR_ICT', async () => {
    const { info, pixels } = nativeImage('test_files/examples_rgb_color.dcm');
    const encoded = await codec.encode!(pixels, info, JPEG_2000, { compressionRatio: 20 });
    expect(encoded.photometricInterpretation).toBe('YBR_ICT');
    expect(encoded.bytes.length).toBeLessThan(pixels.length / 10);
    const decoded = await codec.decode(encoded.bytes, { ...info, photometricInterpretation: 'YBR_ICT' });
    expect(Math.abs(mean(decoded.pixels, 'uint8') - mean(pixels, 'uint8'))).toBeLessThan(0.5);
    await expect(codec.encode!(pixels, info, JPEG_2000_LOSSLESS, { compressionRatio: 20 })).rejects.toMatchObject({ reason: 'unsupported' });
  });
});

describe('JPEG 2000 edge cases', () => {
  it('round-trips signed 12-bit samples and frames too small for 5 decompositions', async () => {
    for (const [rows, columns] of [[37, 23], [3, 5], [1, 1]] as const) {
      const { info, pixels } = signed12(rows, columns);
      const encoded = await codec.encode!(pixels, info, JPEG_2000_LOSSLESS);
      expect(firstDifference((await codec.decode(encoded.bytes, info)).pixels, pixels)).toBe(-1);
    }
  });

  it('rejects what it cannot encode or decode with a CodecError', async () => {
    const { info, pixels } = signed12(8, 8);
    const rgb16 = { ...info, samplesPerPixel: 3, photometricInterpretation: 'RGB' };
    await expect(codec.encode!(new Uint8Array(8 * 8 * 6), rgb16, JPEG_2000_LOSSLESS)).rejects.toMatchObject({ reason: 'unsupported' });
    const { bytes } = await codec.encode!(pixels, info, JPEG_2000_LOSSLESS);
    await expect(codec.decode(bytes.subarray(0, 20), info)).rejects.toMatchObject({ reason: 'truncated' });
    await expect(codec.decode(bytes, { ...info, rows: 9 })).rejects.toMatchObject({ reason: 'mismatch' });
    await expect(codec.decode(new Uint8Array(100), info)).rejects.toMatchObject({ reason: 'corrupt' });
  });
});
