// Randomly damaged streams must end in a frame of the right size or a CodecError, never a hang or another error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Codec, FrameInfo } from '@dcmkit/pixel';
import {
  CodecError,
  createHtj2kCodec,
  createJpeg2000Codec,
  createJpegCodec,
  createJpegLosslessCodec,
  createJpegLsCodec,
  HTJ2K_LOSSLESS,
  JPEG_2000_LOSSLESS,
  JPEG_LS_LOSSLESS,
} from '@dcmkit/codecs';
import { frameInfo, framesOf, hasCorpus, nativeImage, record } from './corpus.js';

async function survives(codec: Codec, stream: Uint8Array, info: FrameInfo): Promise<void> {
  const damage = fc.array(fc.tuple(fc.nat(stream.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 });
  await fc.assert(
    fc.asyncProperty(damage, async (flips) => {
      const bytes = stream.slice();
      for (const [at, mask] of flips) bytes[at]! ^= mask;
      try {
        const decoded = await codec.decode(bytes, info);
        expect(decoded.pixels.length).toBe(info.rows * info.columns * info.samplesPerPixel * (info.bitsAllocated / 8));
      } catch (error) {
        expect(error).toBeInstanceOf(CodecError);
      }
    }),
    { numRuns: 60 },
  );
}

describe.skipIf(!hasCorpus)('damaged streams', () => {
  const corpus = (path: string) => [framesOf(record(path))[0]!, frameInfo(record(path))] as const;
  const encoded = async (codec: Codec, syntax: string) => {
    const { info, pixels } = nativeImage('test_files/MR_small.dcm');
    return [(await codec.encode!(pixels, info, syntax)).bytes, info] as const;
  };

  it('libjpeg-turbo', async () => survives(createJpegCodec(), ...corpus('test_files/SC_rgb_jpeg_dcmtk.dcm')));
  it('jpeg-lossless-decoder-js', async () => survives(createJpegLosslessCodec(), ...corpus('test_files/SC_rgb_jpeg_gdcm.dcm')));
  it('CharLS', async () => {
    const codec = createJpegLsCodec();
    await survives(codec, ...(await encoded(codec, JPEG_LS_LOSSLESS)));
  });
  it('OpenJPEG', async () => {
    const codec = createJpeg2000Codec();
    await survives(codec, ...(await encoded(codec, JPEG_2000_LOSSLESS)));
  });
  it('OpenJPH', async () => {
    const codec = createHtj2kCodec();
    await survives(codec, ...(await encoded(codec, HTJ2K_LOSSLESS)));
  });
});
