// Codecs in worker threads: the same frames as in the calling thread, the same CodecErrors, and a time
// limit (see worker-pool.test.ts for the threads stopped).
import { beforeAll, describe, expect, it } from 'vitest';
import { CodecRegistry, type FrameInfo } from '@dcmkit/pixel';
import { CodecError, HTJ2K_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_LS_LOSSLESS, registerAllCodecs, RLE_LOSSLESS } from '@dcmkit/codecs';
import { registerIsolatedCodecs } from '@dcmkit/codecs/node';
import { buildCli } from '../../../test/build.js';

const INFO: FrameInfo = {
  rows: 48,
  columns: 64,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

function gradient(): Uint8Array {
  const samples = new Uint16Array(48 * 64);
  samples.forEach((_, i) => (samples[i] = ((i % 64) * 37 + Math.floor(i / 64) * 11) % 4096));
  return new Uint8Array(samples.buffer);
}

// The worker threads run the compiled codecs.
beforeAll(buildCli, 300_000);

const local = registerAllCodecs(new CodecRegistry());
const isolated = registerIsolatedCodecs(new CodecRegistry(), { threads: 2 });

describe('registerIsolatedCodecs', () => {
  it.each([JPEG_2000_LOSSLESS, HTJ2K_LOSSLESS, JPEG_LS_LOSSLESS])('%s: encodes and decodes in a worker what the calling thread does', async (syntax) => {
    const pixels = gradient();
    const encoded = await isolated.get(syntax)!.encode!(pixels, INFO, syntax);
    expect(encoded.bytes).toEqual((await local.get(syntax)!.encode!(pixels, INFO, syntax)).bytes);
    // A view into a larger buffer: only its bytes go to the worker.
    const framed = new Uint8Array(encoded.bytes.length + 16);
    framed.set(encoded.bytes, 8);
    const decoded = await isolated.get(syntax)!.decode(framed.subarray(8, 8 + encoded.bytes.length), INFO);
    expect(decoded).toEqual(await local.get(syntax)!.decode(encoded.bytes, INFO));
    // The caller's bytes are not taken from it (copied, not transferred).
    expect(framed.length).toBe(encoded.bytes.length + 16);
  });

  it('our own pure-JavaScript codecs run in the calling thread', () => {
    expect(isolated.get(RLE_LOSSLESS)).toBe(local.get(RLE_LOSSLESS));
    expect(isolated.get(JPEG_2000_LOSSLESS)).not.toBe(local.get(JPEG_2000_LOSSLESS));
  });

  it("a damaged stream fails with the worker codec's CodecError, reason and message", async () => {
    const { bytes } = await local.get(JPEG_LS_LOSSLESS)!.encode!(gradient(), INFO, JPEG_LS_LOSSLESS);
    const truncated = bytes.subarray(0, 40);
    const inThread = await local.get(JPEG_LS_LOSSLESS)!.decode(truncated, INFO).catch((e: unknown) => e);
    const inWorker = await isolated.get(JPEG_LS_LOSSLESS)!.decode(truncated, INFO).catch((e: unknown) => e);
    expect(inThread).toBeInstanceOf(CodecError);
    expect(inWorker).toBeInstanceOf(CodecError);
    expect(inWorker).toMatchObject({ codec: (inThread as CodecError).codec, reason: (inThread as CodecError).reason, message: (inThread as CodecError).message });
  });

  it("a frame past its time limit fails with reason 'timeout', and the next frame gets a new thread", async () => {
    const strict = registerIsolatedCodecs(new CodecRegistry(), { threads: 1, timeoutMs: 1, msPerMiB: 0 });
    const { bytes } = await local.get(JPEG_2000_LOSSLESS)!.encode!(gradient(), INFO, JPEG_2000_LOSSLESS);
    const e = await strict.get(JPEG_2000_LOSSLESS)!.decode(bytes, INFO).catch((e: unknown) => e);
    expect(e).toBeInstanceOf(CodecError);
    expect(e).toMatchObject({ reason: 'timeout', codec: 'openjpeg' });
    expect((e as Error).message).toMatch(/after 1 ms/);
  });
});
