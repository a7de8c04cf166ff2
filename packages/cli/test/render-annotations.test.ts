// `dcmkit render --overlays` and `--rtstruct`: overlay planes burnt in and RT Structure Set contours drawn
// over the rendered frame, checked pixel by pixel in the PNG (decoded back with node:zlib).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { imagePlane, parseDicom, TransferSyntax, writeDicom } from '@dcmkit/core';
import { burnOverlays, decodeFrame, decodeOverlays, renderFrame } from '@dcmkit/pixel';
import { cli } from '../../../test/cli-run.js';
import { structureSetFixture } from '../../../test/rtstruct-fixture.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-annotate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The RGB samples of an 8-bit RGB PNG written by encodeRgbaPng: every scanline Sub-filtered (ISO/IEC 15948 9.2). */
function rgbOf(file: string): { width: number; height: number; rgb: Uint8Array } {
  const bytes = readFileSync(file);
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  expect([bytes[24], bytes[25]]).toEqual([8, 2]);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at)) {
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + bytes.readUInt32BE(at)));
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const line = raw.subarray(y * (width * 3 + 1), (y + 1) * (width * 3 + 1));
    expect(line[0]).toBe(1);
    for (let i = 0; i < width * 3; i++) rgb[y * width * 3 + i] = (line[1 + i]! + (i >= 3 ? rgb[y * width * 3 + i - 3]! : 0)) & 0xff;
  }
  return { width, height, rgb };
}

describe.runIf(existsSync(files))('dcmkit render --overlays', () => {
  test('burns the overlay in white: the PNG is the library render with burnOverlays', async () => {
    const out = path.join(dir, 'overlay.png');
    const { code, stdout } = await cli('render', path.join(files, 'examples_overlay.dcm'), '-o', out, '--overlays');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ width: 484, height: 300, overlays: [{ group: '6000', type: 'G', pixels: 222 }] });
    const file = parseDicom(readFileSync(path.join(files, 'examples_overlay.dcm')));
    const expected = renderFrame(await decodeFrame(file, 0, { maskToBitsStored: true }), file.dataset);
    burnOverlays(expected, await decodeOverlays(file));
    const { rgb } = rgbOf(out);
    expect(Buffer.from(rgb).equals(Buffer.from(expected.rgba.filter((_, i) => i % 4 !== 3)))).toBe(true);
  });

  test('in a chosen colour', async () => {
    const out = path.join(dir, 'overlay-red.png');
    expect((await cli('render', path.join(files, 'examples_overlay.dcm'), '-o', out, '--overlays', '#ff0000')).code).toBe(0);
    const [plane] = await decodeOverlays(parseDicom(readFileSync(path.join(files, 'examples_overlay.dcm'))));
    const first = plane!.bitmap.indexOf(1);
    expect([...rgbOf(out).rgb.subarray(3 * first, 3 * first + 3)]).toEqual([255, 0, 0]);
    const bad = await cli('render', path.join(files, 'examples_overlay.dcm'), '-o', out, '--overlays', 'mauve');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--overlays takes a colour");
  });
});

describe.runIf(existsSync(files))('dcmkit render --rtstruct', () => {
  test('draws the structures that reference the image, or lie on its plane, in their colours', async () => {
    const ct = parseDicom(readFileSync(path.join(files, 'CT_small.dcm')));
    const rs = structureSetFixture(imagePlane(ct.dataset), ct.dataset.getString('FrameOfReferenceUID')!, [
      { number: 1, name: 'square', colour: [255, 0, 0], contours: [{ type: 'CLOSED_PLANAR', pixels: [20, 30, 60, 30, 60, 70, 20, 70], images: [ct.dataset.getString('SOPInstanceUID')!] }] },
      { number: 2, name: 'line', colour: [0, 0, 255], contours: [{ type: 'OPEN_PLANAR', pixels: [70, 100, 120, 100], offset: -2 }] },
      { number: 3, name: 'elsewhere', colour: [0, 255, 0], contours: [{ type: 'OPEN_PLANAR', pixels: [70, 110, 120, 110], offset: 10 }] },
    ]);
    const rsPath = path.join(dir, 'rs.dcm');
    writeFileSync(rsPath, writeDicom({ dataset: rs }, { transferSyntax: TransferSyntax.ImplicitVRLittleEndian }));
    const out = path.join(dir, 'contours.png');
    const { code, stdout } = await cli('render', path.join(files, 'CT_small.dcm'), '-o', out, '--rtstruct', rsPath);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).rois).toEqual([
      { number: 1, name: 'square', contours: 1 },
      { number: 2, name: 'line', contours: 1 },
    ]);
    const { width, rgb } = rgbOf(out);
    const at = (x: number, y: number) => [...rgb.subarray(3 * (y * width + x), 3 * (y * width + x) + 3)];
    for (const [x, y] of [[20, 30], [60, 45], [33, 70]]) expect(at(x, y)).toEqual([255, 0, 0]);
    for (const x of [70, 95, 120]) expect(at(x, 100)).toEqual([0, 0, 255]);
    expect(at(95, 110)).not.toEqual([0, 255, 0]);
  });

  test('--depth 16 and annotations exclude each other', async () => {
    const r = await cli('render', path.join(files, 'CT_small.dcm'), '-o', path.join(dir, 'x.png'), '--depth', '16', '--overlays');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--depth 16 writes stored values: --overlays and --rtstruct do not apply');
  });
});
