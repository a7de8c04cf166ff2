// Where an image's pixel grid lies in the patient (Image Plane Module, PS3.3 C.7.6.2), and patient
// coordinates mapped onto that grid: the equation of C.7.6.2.1.1 solved for column and row.
import type { Keyword } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { itemAt, numbers, numbers1, opened, type At, type RTInput } from './attributes.js';

export type Vector3 = [number, number, number];

export interface ImagePlane {
  /** Image Position (Patient) (0020,0032): x, y, z in mm of the centre of the first transmitted pixel. */
  imagePositionPatient: Vector3;
  /** Image Orientation (Patient) (0020,0037): direction cosines of the first row, then of the first column. */
  imageOrientationPatient: [number, number, number, number, number, number];
  /** Pixel Spacing (0028,0030): mm between the centres of adjacent rows, then of adjacent columns. */
  pixelSpacing: [number, number];
  /** Slice Thickness (0018,0050) in mm, when given. */
  sliceThickness?: number;
}

/** The item of a functional group sequence for frame `frameIndex`: per-frame, else shared (PS3.3 C.7.6.16). */
function functionalGroup(ds: DataSet, frameIndex: number, sequence: Keyword, at: At): { ds: DataSet; at: At } | undefined {
  for (const [groups, index] of [['PerFrameFunctionalGroupsSequence', frameIndex], ['SharedFunctionalGroupsSequence', 0]] as const) {
    const group = ds.items(groups)[index];
    const item = group?.items(sequence)[0];
    if (item) return { ds: item, at: itemAt(itemAt(at, groups, index), sequence, 0) };
  }
  return undefined;
}

/**
 * The image plane of frame `frameIndex` (0-based): from the Plane Position, Plane Orientation and Pixel
 * Measures functional groups of an enhanced multi-frame image, else from the top-level Image Plane
 * attributes. Throws an RTError naming the first missing or malformed attribute.
 */
export function imagePlane(input: RTInput, frameIndex = 0): ImagePlane {
  const { ds, at } = opened(input);
  return imagePlaneAt(ds, at, frameIndex);
}

/** imagePlane of a data set at a known place (errors name it). */
export function imagePlaneAt(ds: DataSet, at: At, frameIndex: number): ImagePlane {
  const from = (sequence: Keyword) => functionalGroup(ds, frameIndex, sequence, at) ?? { ds, at };
  const position = from('PlanePositionSequence');
  const orientation = from('PlaneOrientationSequence');
  const measures = from('PixelMeasuresSequence');
  const thickness = numbers(measures.ds, 'SliceThickness', measures.at)[0];
  return {
    imagePositionPatient: numbers1(position.ds, 'ImagePositionPatient', position.at, 3) as Vector3,
    imageOrientationPatient: numbers1(orientation.ds, 'ImageOrientationPatient', orientation.at, 6) as ImagePlane['imageOrientationPatient'],
    pixelSpacing: numbers1(measures.ds, 'PixelSpacing', measures.at, 2) as [number, number],
    ...(thickness !== undefined && thickness > 0 ? { sliceThickness: thickness } : {}),
  };
}

/** The unit normal of the plane: row direction x column direction. */
export function planeNormal({ imageOrientationPatient: [rx, ry, rz, cx, cy, cz] }: ImagePlane): Vector3 {
  const n: Vector3 = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const length = Math.hypot(...n) || 1;
  return [n[0] / length, n[1] / length, n[2] / length];
}

/** Signed distance in mm of patient points from the plane, along its normal (the normal computed once). */
export function planeDistance(plane: ImagePlane): (x: number, y: number, z: number) => number {
  const [sx, sy, sz] = plane.imagePositionPatient;
  const [nx, ny, nz] = planeNormal(plane);
  return (x, y, z) => (x - sx) * nx + (y - sy) * ny + (z - sz) * nz;
}

/**
 * Patient coordinates (x\y\z triplets in mm, as Contour Data holds them) as fractional (column, row)
 * pairs on the plane's pixel grid, (0, 0) the centre of the first pixel. PS3.3 C.7.6.2.1.1 gives
 * P = S + X·Δi·i + Y·Δj·j for column i and row j, with X and Y the row and column direction cosines,
 * Δi the column spacing (Pixel Spacing's second value) and Δj the row spacing (its first); with X and Y
 * orthonormal, i = (P - S)·X / Δi and j = (P - S)·Y / Δj (a point off the plane is projected onto it).
 */
export function contourToPixels(points: ArrayLike<number>, plane: ImagePlane): Float64Array {
  const [sx, sy, sz] = plane.imagePositionPatient;
  const [rx, ry, rz, cx, cy, cz] = plane.imageOrientationPatient;
  const [rowSpacing, columnSpacing] = plane.pixelSpacing;
  const count = Math.floor(points.length / 3);
  const out = new Float64Array(count * 2);
  for (let p = 0; p < count; p++) {
    const dx = points[3 * p]! - sx;
    const dy = points[3 * p + 1]! - sy;
    const dz = points[3 * p + 2]! - sz;
    out[2 * p] = (dx * rx + dy * ry + dz * rz) / columnSpacing;
    out[2 * p + 1] = (dx * cx + dy * cy + dz * cz) / rowSpacing;
  }
  return out;
}
