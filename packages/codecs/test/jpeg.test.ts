import { describe, expect, it } from 'vitest';
import { createJpegCodec, JPEG_BASELINE, JPEG_EXTENDED } from '@dcmkit/codecs';
import { frameInfo, framesOf, hasCorpus, mean, record, recordsOf, sha256 } from './corpus.js';

const codec = createJpegCodec();

describe.skipIf(!hasCorpus)('JPEG baseline/extended (libjpeg-turbo)', () => {
  const eightBit = recordsOf(JPEG_BASELINE, JPEG_EXTENDED).filter((r) => r.bitsStored === 8);

  it.each(eightBit.map((r) => [r.path, r] as const))('%s decodes to pydicom\'s array', async (_, r) => {
    const decoded = await Promise.all(framesOf(r).map((frame) => codec.decode(frame, frameInfo(r))));
    const pixels = decoded.map((d) => d.pixels);
    expect(sha256(...pixels)).toBe(r.pixels!.sha256);
    expect(Math.abs(mean(Buffer.concat(pixels), r.pixels!.dtype) - r.pixels!.mean!)).toBeLessThan(0.5);
    const expected = r.photometricInterpretation.startsWith('YBR_FULL') ? 'YBR_FULL' : r.photometricInterpretation;
    expect(decoded.every((d) => d.photometricInterpretation === expected && d.planarConfiguration === 0)).toBe(true);
  });

  it('rejects damaged streams with a CodecError', async () => {
    const r = record('test_files/SC_rgb_jpeg_dcmtk.dcm');
    const [frame] = framesOf(r);
    const info = frameInfo(r);
    await expect(codec.decode(frame!.subarray(0, 100), info)).rejects.toMatchObject({ reason: 'truncated' });
    await expect(codec.decode(frame!.subarray(0, frame!.length - 500), info)).rejects.toMatchObject({ name: 'CodecError' });
    await expect(codec.decode(frame!.subarray(2), info)).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(codec.decode(frame!, { ...info, rows: 99 })).rejects.toMatchObject({ reason: 'mismatch' });
  });
});
