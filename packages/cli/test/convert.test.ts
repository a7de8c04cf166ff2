// `dcmkit convert`: a file to a file, a folder tree through worker threads (a corrupt file reported,
// the others converted), usage errors, and never a partial or overwritten file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { TransferSyntax, parseDicom, type DicomFile } from '@dcmkit/core';
import { arrayBytes, decodePixelArray, sha256Hex } from '@dcmkit/pixel';
import { cli } from '../../../test/cli-run.js';
import { registerCodecs } from '../src/codecs.js';
import { WorkerPool } from '@dcmkit/codecs/node';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-convert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
registerCodecs();

const read = (file: string): DicomFile => parseDicom(new Uint8Array(readFileSync(file)), { name: file });
const pixels = async (file: string) => sha256Hex(arrayBytes((await decodePixelArray(read(file))).data));

/** Every file under `root`, relative, sorted. */
const tree = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();

describe('one file', () => {
  test('into a file in the Transfer Syntax asked for, by keyword', async () => {
    const input = path.join(corpus, 'CT_small.dcm');
    const out = path.join(dir, 'ct-jls.dcm');
    const { code, stderr } = await cli('convert', input, '-o', out, '--transfer-syntax', 'JPEGLSLossless');
    expect(code).toBe(0);
    expect(stderr).toContain('1 of 1 file(s) converted to JPEG-LS Lossless Image Compression');
    expect(read(out).transferSyntax).toBe(TransferSyntax.JPEGLSLossless);
    expect(await pixels(out)).toBe(await pixels(input));
  });

  test('by UID, back to native, into an existing folder', async () => {
    const folder = path.join(dir, 'native');
    mkdirSync(folder);
    const { code } = await cli('convert', path.join(dir, 'ct-jls.dcm'), '-o', folder, '-t', TransferSyntax.ExplicitVRBigEndian);
    expect(code).toBe(0);
    const out = path.join(folder, 'ct-jls.dcm');
    expect(read(out).transferSyntax).toBe(TransferSyntax.ExplicitVRBigEndian);
    expect(await pixels(out)).toBe(await pixels(path.join(corpus, 'CT_small.dcm')));
  });

  test('lossy JPEG 2000 at --ratio records the compression (PS3.3 C.7.6.1.1.5)', async () => {
    const out = path.join(dir, 'ct-lossy.dcm');
    const { code } = await cli('convert', path.join(corpus, 'CT_small.dcm'), '-o', out, '-t', 'JPEG2000', '--ratio', '8');
    expect(code).toBe(0);
    const ds = read(out).dataset;
    expect([ds.getString('LossyImageCompression'), ds.getStrings('LossyImageCompressionMethod')]).toEqual(['01', ['ISO_15444_1']]);
    expect(ds.getNumber('LossyImageCompressionRatio')).toBeGreaterThan(4);
    expect(ds.getString('SOPInstanceUID')).not.toBe(read(path.join(corpus, 'CT_small.dcm')).dataset.getString('SOPInstanceUID'));
  });

  test('an image the encoder cannot take fails with the reason, and nothing is written', async () => {
    const out = path.join(dir, 'rtdose.dcm');
    const { code, stderr } = await cli('convert', path.join(corpus, 'rtdose.dcm'), '-o', out, '-t', 'JPEG2000Lossless');
    expect(code).toBe(1);
    expect(stderr).toMatch(/rtdose\.dcm.*: .*cannot transcode .* to JPEG 2000 Image Compression \(Lossless Only\): .*Bits Allocated 32/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a folder tree, on worker threads', () => {
  const input = path.join(dir, 'study');
  const output = path.join(dir, 'study-htj2k');
  const files = ['CT_small.dcm', 'MR_small.dcm', 'examples_rgb_color.dcm', 'SC_rgb_rle_2frame.dcm', 'JPEG2000.dcm'];
  const layout = ['CT_small.dcm', 'broken/truncated.dcm', ...files.slice(1).map((f) => `series/${f}`)].sort();

  test('converts every file into the same layout; the corrupt one is listed, exit 1', async () => {
    mkdirSync(path.join(input, 'series'), { recursive: true });
    mkdirSync(path.join(input, 'broken'));
    copyFileSync(path.join(corpus, files[0]!), path.join(input, files[0]!));
    for (const f of files.slice(1)) copyFileSync(path.join(corpus, f), path.join(input, 'series', f));
    // Cut inside the Pixel Data: the header reads, the frame is short.
    const whole = readFileSync(path.join(corpus, 'MR_small.dcm'));
    writeFileSync(path.join(input, 'broken', 'truncated.dcm'), whole.subarray(0, whole.length - 3000));

    const run = vi.spyOn(WorkerPool.prototype, 'run');
    const { code, stderr } = await cli('convert', input, '-o', output, '-t', 'HTJ2KLossless');
    expect(run).toHaveBeenCalledTimes(layout.length);
    run.mockRestore();

    expect(code).toBe(1);
    expect(stderr).toContain(`${files.length} of ${layout.length} file(s) converted`);
    const failed = stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(new RegExp(`^  ${path.join(input, 'broken', 'truncated.dcm').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: offset \\d+, tag \\(7FE0,0010\\): `));

    // No output (and no temporary file) for the corrupt input.
    expect(tree(output)).toEqual(layout.filter((f) => !f.startsWith('broken/')));
    for (const f of tree(output)) {
      const out = path.join(output, f);
      expect(read(out).transferSyntax).toBe(TransferSyntax.HTJ2KLossless);
      expect(await pixels(out)).toBe(await pixels(path.join(input, f)));
    }
  });

  const dcmdump = spawnSync('dcmdump', ['--version']).status === 0;
  test.runIf(dcmdump || process.env.CI)('dcmdump (DCMTK) reads what was written', () => {
    expect(dcmdump, 'dcmdump is not installed (apt-get install dcmtk)').toBe(true);
    const run = spawnSync('dcmdump', ['-dc', ...tree(output).map((f) => path.join(output, f))], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('files and folders together, converted back in one run', async () => {
    const back = path.join(dir, 'back');
    const { code } = await cli('convert', path.join(output, 'series'), path.join(output, 'CT_small.dcm'), '-o', back, '-t', 'ExplicitVRLittleEndian', '--jobs', '2');
    expect(code).toBe(0);
    expect(tree(back)).toEqual(['CT_small.dcm', ...files.slice(1)].sort());
    expect(await pixels(path.join(back, 'JPEG2000.dcm'))).toBe(await pixels(path.join(corpus, 'JPEG2000.dcm')));
  });
});

describe('usage errors exit 2 before anything is written', () => {
  const input = path.join(corpus, 'CT_small.dcm');
  const out = path.join(dir, 'usage.dcm');

  test.each([
    ['an unknown Transfer Syntax', ['-t', 'NoSuchSyntax', '-o', out], /not a Transfer Syntax UID or keyword/],
    ['a UID that is no Transfer Syntax', ['-t', '1.2.840.10008.5.1.4.1.1.2', '-o', out], /not a Transfer Syntax/],
    ['a syntax without an encoder', ['-t', 'JPEGBaseline8Bit', '-o', out], /no encoder for JPEG Baseline/],
    ['a parameter the syntax does not take', ['-t', 'JPEG2000Lossless', '--ratio', '10', '-o', out], /a compression ratio does not apply/],
    ['a bad number', ['-t', 'JPEGLSNearLossless', '--near', 'two', '-o', out], /--near needs a whole number/],
    ['no output', ['-t', 'RLELossless'], /required option '-o, --output <path>'/],
  ])('%s', async (_, args, message) => {
    const { code, stderr } = await cli('convert', input, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('a missing input', async () => {
    const { code, stderr } = await cli('convert', path.join(dir, 'nothing-here'), '-o', out, '-t', 'RLELossless');
    expect(code).toBe(2);
    expect(stderr).toContain('no such file or folder');
  });

  test('the output is the input: never overwritten', async () => {
    const copy = path.join(dir, 'self.dcm');
    copyFileSync(input, copy);
    const { code, stderr } = await cli('convert', copy, '-o', copy, '-t', 'RLELossless');
    expect(code).toBe(2);
    expect(stderr).toContain('is the input');
    expect(readFileSync(copy).equals(readFileSync(input))).toBe(true);
  });

  test('an output folder inside the input folder', async () => {
    const folder = path.join(dir, 'nested');
    mkdirSync(folder);
    copyFileSync(input, path.join(folder, 'a.dcm'));
    const { code, stderr } = await cli('convert', folder, '-o', path.join(folder, 'out'), '-t', 'RLELossless');
    expect(code).toBe(2);
    expect(stderr).toContain('overlaps the input');
    expect(existsSync(path.join(folder, 'out'))).toBe(false);
  });
});
