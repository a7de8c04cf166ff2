import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJpegLosslessCodec, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 } from '@dcmkit/codecs';
import { frameInfo, framesOf, hasCorpus, recordsOf, sha256 } from './corpus.js';
import { readPixelData } from './frames.js';

const codec = createJpegLosslessCodec();

describe.skipIf(!hasCorpus)('JPEG lossless (jpeg-lossless-decoder-js) on the corpus', () => {
  it.each(recordsOf(JPEG_LOSSLESS, JPEG_LOSSLESS_SV1).map((r) => [r.path, r] as const))('%s decodes to pydicom\'s array', async (_, r) => {
    const decoded = await codec.decode(framesOf(r)[0]!, frameInfo(r));
    expect(sha256(decoded.pixels)).toBe(r.pixels!.sha256);
  });

  it('rejects damaged streams with a CodecError', async () => {
    const [r] = recordsOf(JPEG_LOSSLESS_SV1);
    const frame = framesOf(r!)[0]!;
    await expect(codec.decode(frame.subarray(0, 20), frameInfo(r!))).rejects.toMatchObject({ reason: 'truncated' });
    await expect(codec.decode(frame.subarray(0, frame.length / 2), frameInfo(r!))).rejects.toMatchObject({ reason: 'truncated' });
    await expect(codec.decode(frame, { ...frameInfo(r!), columns: 7 })).rejects.toMatchObject({ reason: 'mismatch' });
  });
});

// The decoder package ships one 16-bit MR image coded with each of the seven predictors (DCMTK, .57).
const samples = `${dirname(createRequire(import.meta.url).resolve('jpeg-lossless-decoder-js/package.json'))}/tests/data`;

describe.skipIf(!existsSync(samples))('JPEG lossless predictors 1-7', () => {
  it('all selection values decode to the same pixels', async () => {
    const info = { rows: 256, columns: 256, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0 };
    const hashes = new Set<string>();
    for (let selection = 1; selection <= 7; selection++) {
      const [frame] = readPixelData(`${samples}/jpeg_lossless_sel${selection}.dcm`).frames;
      hashes.add(sha256((await codec.decode(frame!, info)).pixels));
    }
    expect(hashes.size).toBe(1);
  });
});
