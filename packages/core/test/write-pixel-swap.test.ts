import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDicom, writeDicom, TransferSyntax } from '@dcmkit/core';

const corpus = resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/corpus/files/test_files');
const read = (name: string) => parseDicom(new Uint8Array(readFileSync(resolve(corpus, name))));

describe('OW Pixel Data byte order (PS3.5 A.3)', () => {
  it('swaps 32-bit samples as whole words when writing big endian', () => {
    const le = read('rtdose.dcm');
    const be = read('rtdose_expb.dcm');
    const written = parseDicom(writeDicom({ ...le, transferSyntax: TransferSyntax.ExplicitVRBigEndian }));
    expect(written.dataset.element('PixelData')!.bytes).toEqual(be.dataset.element('PixelData')!.bytes);
    const back = parseDicom(writeDicom({ ...written, transferSyntax: TransferSyntax.ExplicitVRLittleEndian }));
    expect(back.dataset.element('PixelData')!.bytes).toEqual(le.dataset.element('PixelData')!.bytes);
  });
});
