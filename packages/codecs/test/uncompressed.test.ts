import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TransferSyntax, parseDicom, writeDicom } from '@dcmkit/core';
import { CodecRegistry, decodePixelArray, sha256Hex, transcode, arrayBytes } from '@dcmkit/pixel';
import { CodecError, deflatedImageFrameCodec, registerAllCodecs } from '@dcmkit/codecs';

const corpus = resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/corpus/files/test_files');
const registry = registerAllCodecs(new CodecRegistry());
const hash = async (file: ReturnType<typeof parseDicom>) => sha256Hex(arrayBytes((await decodePixelArray(file, { registry })).data));

describe('native frames in fragments (PS3.5 A.4.11, A.4.12)', () => {
  for (const [name, target] of [
    ['Encapsulated Uncompressed', TransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian],
    ['Deflated Image Frame', TransferSyntax.DeflatedImageFrameCompression],
  ] as const) {
    for (const file of ['CT_small.dcm', 'SC_rgb_rle_16bit_2frame.dcm', 'SC_rgb_small_odd.dcm', 'rtdose_expb.dcm', 'MR_small_bigendian.dcm']) {
      it(`${name}: ${file} round-trips with identical pixels`, async () => {
        const original = parseDicom(new Uint8Array(readFileSync(resolve(corpus, file))));
        const encoded = parseDicom(writeDicom({ ...(await transcode(original, target, { registry })) }, { transferSyntax: target }));
        expect(encoded.transferSyntax).toBe(target);
        expect(encoded.dataset.element('PixelData')!.encapsulated!.fragments.length).toBeGreaterThan(0);
        expect(await hash(encoded)).toBe(await hash(original));
      });
    }
  }

  it('refuses a deflated frame that inflates past the frame size', async () => {
    const info = { rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0 };
    const bomb = await deflatedImageFrameCodec.encode!(new Uint8Array(1 << 20), { ...info, rows: 1024, columns: 1024 }, TransferSyntax.DeflatedImageFrameCompression);
    await expect(deflatedImageFrameCodec.decode(bomb.bytes, info)).rejects.toBeInstanceOf(CodecError);
  });
});
