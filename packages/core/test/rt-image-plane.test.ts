// The Image Plane Module (PS3.3 C.7.6.2) and the C.7.6.2.1.1 equation solved for column and row.
import { describe, expect, test } from 'vitest';
import { contourToPixels, DataSet, planeDistance, imagePlane, planeNormal, RTError, type ImagePlane } from '@dcmkit/core';

/** PS3.3 C.7.6.2.1.1: the patient position of column i, row j. */
function patientPoint(plane: ImagePlane, i: number, j: number): [number, number, number] {
  const [sx, sy, sz] = plane.imagePositionPatient;
  const [rx, ry, rz, cx, cy, cz] = plane.imageOrientationPatient;
  const [dj, di] = plane.pixelSpacing;
  return [sx + rx * di * i + cx * dj * j, sy + ry * di * i + cy * dj * j, sz + rz * di * i + cz * dj * j];
}

describe('contourToPixels', () => {
  test('an axial plane: column from x, row from y, Pixel Spacing as row\\column spacing', () => {
    const plane: ImagePlane = { imagePositionPatient: [-100, -50, 20], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 2] };
    expect([...contourToPixels([-100, -50, 20, -90, -40, 20, -100, -50, 25], plane)]).toEqual([0, 0, 5, 20, 0, 0]);
  });

  test('inverts the equation for an oblique plane, wherever the point is', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    // Rows tilted about x; columns turned about z: orthonormal direction cosines.
    const plane: ImagePlane = { imagePositionPatient: [12.5, -7, 40], imageOrientationPatient: [c, s, 0, -s * c, c * c, s], pixelSpacing: [0.8, 1.25] };
    const grid = [[0, 0], [3, 7], [127.5, 64.25], [-2, 300]] as const;
    const points = grid.flatMap(([i, j]) => patientPoint(plane, i, j));
    const pixels = contourToPixels(points, plane);
    grid.forEach(([i, j], k) => {
      expect(pixels[2 * k]).toBeCloseTo(i, 9);
      expect(pixels[2 * k + 1]).toBeCloseTo(j, 9);
    });
  });

  test('planeNormal and planeDistance', () => {
    const sagittal: ImagePlane = { imagePositionPatient: [10, 0, 0], imageOrientationPatient: [0, 1, 0, 0, 0, -1], pixelSpacing: [1, 1] };
    expect(planeNormal(sagittal)).toEqual([-1, 0, 0]);
    expect(planeDistance(sagittal)(7, 99, -3)).toBe(3);
  });
});

describe('imagePlane', () => {
  test('reads the top-level Image Plane attributes, Slice Thickness when given', () => {
    const ds = new DataSet();
    ds.set('ImagePositionPatient', [1, 2, 3]);
    ds.set('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]);
    ds.set('PixelSpacing', [0.7, 0.6]);
    ds.set('SliceThickness', 2.5);
    expect(imagePlane(ds)).toEqual({ imagePositionPatient: [1, 2, 3], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.7, 0.6], sliceThickness: 2.5 });
  });

  test('reads per-frame, then shared functional groups of an enhanced image', () => {
    const ds = new DataSet();
    const shared = ds.createItem();
    const measures = shared.createItem();
    measures.set('PixelSpacing', [0.5, 0.5]);
    measures.set('SliceThickness', 1);
    shared.set('PixelMeasuresSequence', [measures]);
    const orientation = shared.createItem();
    orientation.set('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]);
    shared.set('PlaneOrientationSequence', [orientation]);
    ds.set('SharedFunctionalGroupsSequence', [shared]);
    ds.set(
      'PerFrameFunctionalGroupsSequence',
      [0, 1].map((f) => {
        const frame = ds.createItem();
        const position = frame.createItem();
        position.set('ImagePositionPatient', [0, 0, 10 * f]);
        frame.set('PlanePositionSequence', [position]);
        return frame;
      }),
    );
    expect(imagePlane(ds, 1)).toEqual({ imagePositionPatient: [0, 0, 10], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.5], sliceThickness: 1 });
  });

  test('a missing attribute is an RTError naming it; the functional group item in the path', () => {
    const ds = new DataSet();
    ds.set('ImagePositionPatient', [1, 2, 3]);
    ds.set('ImageOrientationPatient', [1, 0, 0, 0, 1]);
    expect(() => imagePlane(ds)).toThrow(new RTError('ImageOrientationPatient', 0x00200037, '', 'has 5 values, expected 6'));
    const shared = ds.createItem();
    shared.set('PixelMeasuresSequence', [shared.createItem()]);
    ds.set('SharedFunctionalGroupsSequence', [shared]);
    ds.set('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]);
    expect(() => imagePlane(ds)).toThrow('SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0]: Pixel Spacing (0028,0030) is missing');
  });
});
