// RT Structure Set contours on an image (PS3.3 C.8.8.6, C.7.6.2.1.1): which contours lie on it (Contour
// Image Sequence, else distance from the plane), where they fall on the pixel grid, and how they are drawn
// (looked at when recorded: a red square over the vertebra, a green triangle beside it, an orange cross below).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { imagePlane, parseDicom, readStructureSet } from '@dcmkit/core';
import { contoursOnImage, decodeFrame, drawContours, renderFrame, sha256Hex } from '@dcmkit/pixel';
import { structureSetFixture } from '../../../test/rtstruct-fixture.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const CT_UID = '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322';
const CT_FRAME_OF_REFERENCE = '1.3.6.1.4.1.5962.1.4.1.1.20040119072730.12322';

describe.runIf(existsSync(files))('contours on CT_small.dcm (Slice Thickness 5 mm)', () => {
  const ct = () => parseDicom(readFileSync(path.join(files, 'CT_small.dcm')), { name: 'CT_small.dcm' });
  const structures = () => {
    const plane = imagePlane(ct().dataset);
    return readStructureSet(
      structureSetFixture(plane, CT_FRAME_OF_REFERENCE, [
        { number: 1, name: 'square', colour: [255, 0, 0], contours: [{ type: 'CLOSED_PLANAR', pixels: [20, 30, 60, 30, 60, 70, 20, 70], images: [CT_UID] }] },
        { number: 2, name: 'by z', colour: [0, 255, 0], contours: [{ type: 'CLOSED_PLANAR', pixels: [80, 20, 110, 50, 80, 50], offset: 2 }] },
        { number: 3, name: 'next slice', colour: [0, 0, 255], contours: [{ type: 'CLOSED_PLANAR', pixels: [5, 5, 10, 5, 10, 10], offset: 3 }] },
        { number: 4, name: 'other image', colour: [0, 0, 255], contours: [{ type: 'OPEN_PLANAR', pixels: [5, 5, 10, 10], images: ['1.2.3.4'] }] },
        { number: 5, name: 'isocentre', contours: [{ type: 'POINT', pixels: [64, 100] }] },
      ]),
    );
  };

  test('picks contours by Referenced SOP Instance UID, else by z within half the slice thickness', () => {
    const rois = contoursOnImage(structures(), ct().dataset);
    expect(rois.map((r) => [r.roiNumber, r.roiName, r.colour])).toEqual([
      [1, 'square', [255, 0, 0]],
      [2, 'by z', [0, 255, 0]],
      [5, 'isocentre', [255, 128, 0]],
    ]);
    const square = rois[0]!.contours[0]!;
    expect(square.geometricType).toBe('CLOSED_PLANAR');
    [20, 30, 60, 30, 60, 70, 20, 70].forEach((v, i) => expect(square.pixels[i]).toBeCloseTo(v, 9));
  });

  test('another Frame of Reference keeps z-matched contours off the image', () => {
    const ds = ct().dataset;
    ds.set('FrameOfReferenceUID', '1.2.3.999');
    expect(contoursOnImage(structures(), ds).map((r) => r.roiNumber)).toEqual([1]);
  });

  test('draws outlines in ROI colours over the rendered image (golden RGBA)', async () => {
    const file = ct();
    const rendered = renderFrame(await decodeFrame(file, 0, { maskToBitsStored: true }), file.dataset);
    drawContours(rendered, contoursOnImage(structures(), file.dataset));
    const at = (x: number, y: number) => [...rendered.rgba.subarray(4 * (y * 128 + x), 4 * (y * 128 + x) + 3)];
    for (const [x, y] of [[20, 30], [40, 30], [60, 50], [20, 70]]) expect(at(x, y)).toEqual([255, 0, 0]);
    expect(at(40, 50)).not.toEqual([255, 0, 0]);
    for (const [x, y] of [[80, 20], [95, 35], [110, 50], [95, 50]]) expect(at(x, y)).toEqual([0, 255, 0]);
    for (const [x, y] of [[61, 100], [67, 100], [64, 97], [64, 103]]) expect(at(x, y)).toEqual([255, 128, 0]);
    expect(await sha256Hex(new Uint8Array(rendered.rgba.buffer, rendered.rgba.byteOffset, rendered.rgba.length))).toBe('cafd4b5415268081f5582d91fccde43505e42971d05abdca1a6a128f3d13fa0d');
  });
});

describe('drawing', () => {
  test('far-away and non-finite points are clipped, not walked', () => {
    const image = { rgba: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 };
    const start = performance.now();
    drawContours(image, [{ roiNumber: 1, roiName: 'x', colour: [9, 9, 9], contours: [{ geometricType: 'OPEN_PLANAR', pixels: Float64Array.of(-1e12, 1, 1e12, 1, Number.NaN, 2, 3, 3) }] }]);
    expect(performance.now() - start).toBeLessThan(50);
    expect([0, 1, 2, 3].map((x) => image.rgba[4 * (4 + x)])).toEqual([9, 9, 9, 9]);
    expect(image.rgba[4 * (3 * 4 + 3)]).toBe(0);
  });
});
