// `dcmkit render`: PNGs of rendered frames (checked by decoding them back with node:zlib).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { DataSet, TransferSyntax, writeDicom } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** IHDR fields and the inflated scanlines of a PNG file. */
function png(file: string) {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  const ihdr = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24], colourType: bytes[25] };
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at)) {
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + bytes.readUInt32BE(at)));
  }
  return { ...ihdr, raw: inflateSync(Buffer.concat(idat)) };
}

describe('dcmkit render', () => {
  test('writes a windowed CT as 8-bit grey and prints the window', async () => {
    const out = path.join(dir, 'lung.png');
    const { code, stdout } = await cli('render', path.join(files, 'CT_small.dcm'), '-o', out, '--window', '-600,1500');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ file: out, frame: 0, width: 128, height: 128, window: { center: -600, width: 1500 } });
    const p = png(out);
    expect(p).toMatchObject({ width: 128, height: 128, bitDepth: 8, colourType: 0 });
    expect(p.raw.length).toBe(128 * 129);
  });

  test('resizes to --size and names presets', async () => {
    const out = path.join(dir, 'bone.png');
    const { stdout } = await cli('render', path.join(files, 'CT_small.dcm'), '-o', out, '--preset', 'bone', '--size', '64x32', '--resize', 'nearest');
    expect(JSON.parse(stdout)).toMatchObject({ width: 64, height: 32, window: { center: 480, width: 2500, explanation: 'bone' } });
    expect(png(out)).toMatchObject({ width: 64, height: 32 });
  });

  test('writes every frame as OUT-0001.png ... in RGB for colour', async () => {
    const out = path.join(dir, 'rle.png');
    const { code, stdout } = await cli('render', path.join(files, 'SC_rgb_rle_2frame.dcm'), '-o', out, '--all-frames');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual([path.join(dir, 'rle-0001.png'), path.join(dir, 'rle-0002.png')]);
    expect(png(path.join(dir, 'rle-0002.png'))).toMatchObject({ width: 100, height: 100, bitDepth: 8, colourType: 2 });
  });

  test('writes stored values as 16-bit grey, signed ones offset by 2^15', async () => {
    const out = path.join(dir, 'stored.png');
    await cli('render', path.join(files, 'CT_small.dcm'), '-o', out, '--depth', '16');
    const p = png(out);
    expect(p).toMatchObject({ bitDepth: 16, colourType: 0 });
    // Row 2, pixels 0..2 after the Sub filter (bytes minus the pixel to the left): pixel (2,2) holds stored 171.
    const row = p.raw.subarray(2 * (128 * 2 + 1), 3 * (128 * 2 + 1));
    expect(row[0]).toBe(1);
    const bytes = Buffer.from(row.subarray(1));
    for (let i = 2; i < bytes.length; i++) bytes[i] = (bytes[i]! + bytes[i - 2]!) & 0xff;
    expect(bytes.readUInt16BE(4) - 32768).toBe(171);
  });

  test('applies a VOI LUT Sequence of 65536 16-bit entries (128 KiB, left in the file by the windowed read)', async () => {
    const ds = new DataSet();
    ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7');
    ds.set('SOPInstanceUID', '1.2.3.4.5');
    ds.set('SamplesPerPixel', 1);
    ds.set('PhotometricInterpretation', 'MONOCHROME2');
    for (const [k, v] of [['Rows', 1], ['Columns', 1], ['BitsAllocated', 16], ['BitsStored', 16], ['HighBit', 15], ['PixelRepresentation', 0]] as const) ds.set(k, v);
    ds.set('PixelData', new Uint8Array(Uint16Array.of(1000).buffer), 'OW');
    const item = ds.createItem();
    item.set('LUTDescriptor', [0, 0, 16]);
    item.set('LUTData', new Uint8Array(Uint16Array.from({ length: 0x10000 }, (_, i) => 0xffff - i).buffer), 'OW');
    ds.set('VOILUTSequence', [item]);
    const input = path.join(dir, 'voi-lut.dcm');
    writeFileSync(input, writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }));
    const out = path.join(dir, 'voi-lut.png');
    const { code, stderr } = await cli('render', input, '-o', out);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // Stored 1000 through the falling table: 64535 of 65535, grey 251; after the filter byte, whatever the filter.
    expect(png(out).raw[1]).toBe(Math.round((64535 * 255) / 65535));
  });

  test('rejects contradicting or malformed options (exit 2)', async () => {
    const ct = path.join(files, 'CT_small.dcm');
    const out = path.join(dir, 'x.png');
    for (const args of [
      ['--preset', 'lung', '--window', '40,80'],
      ['--frame', '0', '--all-frames'],
      ['--preset', 'kidney'],
      ['--window', '40'],
      ['--size', '10'],
      ['--depth', '16', '--preset', 'lung'],
    ]) {
      const { code, stderr } = await cli('render', ct, '-o', out, ...args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).not.toBe('');
    }
  });
});
