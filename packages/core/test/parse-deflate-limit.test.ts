// Deflated data sets (PS3.5 A.5) inflate under a cap (ReadOptions.maxInflatedBytes): a "deflate bomb"
// stops with a DicomParseError at the data set offset instead of taking unbounded memory.
import { describe, expect, test } from 'vitest';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { DEFAULT_MAX_INFLATED_BYTES, DicomParseError, TransferSyntax, parseDicom, readDicom } from '@dcmkit/core';
import { ELE, ascii, concat, element, fileMeta, str } from './fixtures/builder.js';

const TS = TransferSyntax.DeflatedExplicitVRLittleEndian;
const MiB = 1 << 20;
const DATASET_OFFSET = 132 + fileMeta(TS).length;

/** A data set whose Pixel Data is `zeros` bytes of zeros: it deflates about 1000:1. */
const zeroImage = (zeros: number): Uint8Array =>
  concat(element(0x00080060, 'CS', str('OT'), ELE), element(0x7fe00010, 'OB', new Uint8Array(zeros), ELE));

/** A Part 10 file whose data set is `body`, already compressed. */
const file = (body: Uint8Array): Uint8Array => concat(new Uint8Array(128), ascii('DICM'), fileMeta(TS), body);

/**
 * A raw DEFLATE stream of `copies` x 1 MiB of zeros from a ~1 KiB block repeated: each block is
 * non-final and ends byte-aligned (a sync flush), and a final empty fixed-Huffman block closes it.
 */
function zeroBomb(copies: number): Uint8Array {
  const block = deflateRawSync(new Uint8Array(MiB), { finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(block.length * copies + 2);
  for (let i = 0; i < copies; i++) out.set(block, i * block.length);
  out.set([0x03, 0x00], block.length * copies);
  return out;
}

const limitError = (cap: number, source?: string) =>
  expect.objectContaining({ name: 'DicomParseError', source, offset: DATASET_OFFSET, expected: expect.stringContaining(`at most ${cap} bytes (maxInflatedBytes)`) });

describe('maxInflatedBytes', () => {
  const dataset = zeroImage(4 * MiB);
  const bomb = file(deflateRawSync(dataset));

  test('the default cap is 2 GiB', () => {
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(2 * 1024 * MiB);
  });

  test('a data set that inflates past the cap is a DicomParseError naming the file, offset and cap', () => {
    expect(bomb.length).toBeLessThan(16 * 1024);
    let error: unknown;
    try {
      parseDicom(bomb, { name: 'bomb.dcm', maxInflatedBytes: MiB });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DicomParseError);
    expect(error).toEqual(limitError(MiB, 'bomb.dcm'));
    expect((error as Error).message).toMatch(/^bomb\.dcm, offset \d+: a deflated data set of at most 1048576 bytes/);
  });

  test('the same file reads under the default cap, and under a cap of exactly its inflated size', () => {
    for (const maxInflatedBytes of [undefined, dataset.length]) {
      const f = parseDicom(bomb, { maxInflatedBytes });
      expect(f.deflated).toBe(true);
      expect(f.source.size).toBe(dataset.length);
      expect((f.dataset.get('PixelData') as Uint8Array).length).toBe(4 * MiB);
    }
    expect(() => parseDicom(bomb, { maxInflatedBytes: dataset.length - 1 })).toThrow(limitError(dataset.length - 1));
  });

  test('readDicom of a Blob stops at the cap too', async () => {
    await expect(readDicom(new Blob([bomb]), { name: 'bomb.dcm', maxInflatedBytes: MiB })).rejects.toEqual(limitError(MiB, 'bomb.dcm'));
  });

  test('a zlib-wrapped stream (tolerated despite PS3.5 A.5) is capped as well', () => {
    const wrapped = file(deflateSync(dataset));
    expect(parseDicom(wrapped).source.size).toBe(dataset.length);
    expect(() => parseDicom(wrapped, { maxInflatedBytes: MiB })).toThrow(limitError(MiB));
  });

  test('a 4 GiB bomb stops early instead of allocating it', () => {
    // Inflating it whole would need 4 GiB (past the largest Uint8Array): only streaming under the cap passes.
    const huge = file(zeroBomb(4096));
    expect(huge.length).toBeLessThan(8 * MiB);
    expect(() => parseDicom(huge, { maxInflatedBytes: 16 * MiB })).toThrow(limitError(16 * MiB));
  });
});
