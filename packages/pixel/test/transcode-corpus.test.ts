// transcode() on the reference corpus: every native image through each lossless encoder and back
// gives the same stored values; lossless compressed files decompress to pydicom's values; what is
// written parses with our reader and with dcmdump (DCMTK).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { TransferSyntax, isNativeTransferSyntax, parseDicom, writeDicom, type DicomFile } from '@dcmkit/core';
import { registerAllCodecs } from '@dcmkit/codecs';
import { TranscodeError, codecs, decodePixelArray, sha256Hex, transcode, arrayBytes } from '@dcmkit/pixel';

registerAllCodecs(codecs);

const corpus = path.resolve(fileURLToPath(import.meta.url), '../../../../../shared/corpus');
const records: { path: string; transferSyntaxUID: string | null; pixels: { sha256: string | null } | null }[] = JSON.parse(
  readFileSync(path.join(corpus, 'manifest.json'), 'utf8'),
);
const openCorpusFile = (name: string): DicomFile => parseDicom(new Uint8Array(readFileSync(path.join(corpus, 'files', name))), { name });
const natives = records.filter((r) => r.pixels && isNativeTransferSyntax(r.transferSyntaxUID ?? TransferSyntax.ImplicitVRLittleEndian));

const TARGETS = {
  RLELossless: TransferSyntax.RLELossless,
  JPEGLSLossless: TransferSyntax.JPEGLSLossless,
  JPEG2000Lossless: TransferSyntax.JPEG2000Lossless,
  HTJ2KLossless: TransferSyntax.HTJ2KLossless,
} as const;
type Target = keyof typeof TARGETS;

/**
 * The images an encoder cannot take, and why: Bits Allocated 1 has no encapsulated form here; CharLS,
 * OpenJPEG and OpenJPH take 8- and 16-bit samples; the JPEG 2000 encoders take colour only as RGB
 * (native YBR_FULL_422 decodes to YBR_FULL).
 */
const ONE_BIT = ['test_files/liver_1frame.dcm', 'test_files/liver_expb_1frame.dcm'];
const THIRTY_TWO_BIT = ['test_files/rtdose.dcm', 'test_files/rtdose_1frame.dcm', 'test_files/rtdose_expb.dcm', 'test_files/rtdose_expb_1frame.dcm'];
const YBR_FULL = ['test_files/SC_ybr_full_422_uncompressed.dcm'];
const REFUSED: Record<Target, string[]> = {
  RLELossless: ONE_BIT,
  JPEGLSLossless: [...ONE_BIT, ...THIRTY_TWO_BIT],
  JPEG2000Lossless: [...ONE_BIT, ...THIRTY_TWO_BIT, ...YBR_FULL],
  HTJ2KLossless: [...ONE_BIT, ...THIRTY_TWO_BIT, ...YBR_FULL],
};
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-transcode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const written: string[] = [];

/** Writes the transcoded file in the target syntax, keeps a copy for dcmdump, and reads it back. */
async function roundTrip(file: DicomFile, target: string, name: string): Promise<DicomFile> {
  const bytes = writeDicom({ ...(await transcode(file, target)), preamble: file.preamble }, { transferSyntax: target });
  const out = path.join(dir, `${written.length}-${path.basename(name)}`);
  writeFileSync(out, bytes);
  written.push(out);
  const back = parseDicom(bytes, { name: out });
  expect(back.transferSyntax).toBe(target);
  return back;
}

async function pixelHash(file: DicomFile): Promise<string> {
  return sha256Hex(arrayBytes((await decodePixelArray(file)).data));
}

describe.each(Object.keys(TARGETS) as Target[])('native -> %s -> Explicit VR Little Endian', (target) => {
  const uid = TARGETS[target];
  const refused: string[] = [];

  test.each(natives.map((r) => r.path))('%s', async (name) => {
    const file = openCorpusFile(name);
    const before = await pixelHash(file);
    let there: DicomFile;
    try {
      there = await roundTrip(file, uid, name);
    } catch (e) {
      if (!(e instanceof TranscodeError)) throw e;
      expect(e.kind).toBe('unsupported');
      refused.push(name);
      return;
    }
    const back = await roundTrip(there, TransferSyntax.ExplicitVRLittleEndian, name);
    // The encapsulated file decodes as it is, and its decompressed copy holds the same values.
    const [compressed, after] = [await pixelHash(there), await pixelHash(back)];
    expect(after).toBe(compressed);
    expect(after).toBe(before);
  });

  test('refuses exactly the images the encoder cannot take', () => {
    expect(refused.sort()).toEqual([...REFUSED[target]].sort());
  });
});

const LOSSLESS_COMPRESSED = new Set<string>([
  TransferSyntax.RLELossless,
  TransferSyntax.JPEGLosslessSV1,
  TransferSyntax.JPEGLSLossless,
  TransferSyntax.JPEG2000Lossless,
]);
const compressed = records.filter((r) => r.pixels?.sha256 && LOSSLESS_COMPRESSED.has(r.transferSyntaxUID ?? ''));

describe('lossless compressed -> Explicit VR Little Endian equals the pixel reference', () => {
  test('the corpus has them', () => {
    expect(compressed.length).toBeGreaterThanOrEqual(10);
  });

  test.each(compressed.map((r) => [r.path, r.pixels!.sha256!] as const))('%s', async (name, sha256) => {
    const back = await roundTrip(openCorpusFile(name), TransferSyntax.ExplicitVRLittleEndian, name);
    expect(await pixelHash(back)).toBe(sha256);
  });
});

describe('decompressed data sets say what their pixels now are', () => {
  test('JPEG 2000 YBR_RCT decodes to RGB', async () => {
    const back = await roundTrip(openCorpusFile('test_files/examples_jpeg2k.dcm'), TransferSyntax.ExplicitVRLittleEndian, 'examples_jpeg2k.dcm');
    expect(back.dataset.getString('PhotometricInterpretation')).toBe('RGB');
    expect(back.dataset.getNumber('PlanarConfiguration')).toBe(0);
    expect(back.dataset.element('PixelData')?.vr).toBe('OB');
  });

  test('JPEG baseline YBR_FULL_422 decodes to YBR_FULL', async () => {
    const name = 'test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm';
    const back = await roundTrip(openCorpusFile(name), TransferSyntax.ExplicitVRBigEndian, name);
    expect(back.dataset.getString('PhotometricInterpretation')).toBe('YBR_FULL');
    expect(await pixelHash(back)).toBe(records.find((r) => r.path === name)!.pixels!.sha256);
  });

  test('a JPEG baseline image is marked lossy compressed when it was not (PS3.3 C.7.6.1.1.5)', async () => {
    const file = openCorpusFile('test_files/SC_rgb_dcmtk_+eb+cr.dcm');
    file.dataset.delete('LossyImageCompression');
    const back = await roundTrip(file, TransferSyntax.ExplicitVRLittleEndian, 'SC_rgb_dcmtk_+eb+cr.dcm');
    expect(back.dataset.getString('LossyImageCompression')).toBe('01');
  });

  test('16-bit JPEG-LS decodes to OW', async () => {
    const name = records.find((r) => r.transferSyntaxUID === TransferSyntax.JPEGLSLossless)!.path;
    const back = await roundTrip(openCorpusFile(name), TransferSyntax.ImplicitVRLittleEndian, name);
    expect(back.dataset.element('PixelData')?.vr).toBe('OW');
  });
});

describe('dcmdump (DCMTK) reads every file written', () => {
  const dcmdump = spawnSync('dcmdump', ['--version']).status === 0;
  test.runIf(dcmdump || process.env.CI)('without error', () => {
    expect(dcmdump, 'dcmdump is not installed (apt-get install dcmtk)').toBe(true);
    expect(written.length).toBeGreaterThan(100);
    // -dc: no silent repairs; a damaged file exits non-zero (-E, the default). One run for all, then one per file if it complains.
    const dump = (files: string[]) => spawnSync('dcmdump', ['-dc', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const clean = (run: ReturnType<typeof dump>) => run.status === 0 && run.stderr.trim() === '';
    const failed = clean(dump(written)) ? [] : written.map((f) => ({ f, run: dump([f]) })).filter(({ run }) => !clean(run)).map(({ f, run }) => `${f}: ${run.stderr.trim()}`);
    expect(failed).toEqual([]);
  });
});
