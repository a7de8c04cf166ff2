// RT Dose IOD (PS3.3 A.18): the RT Dose Module (C.8.8.3) and where each frame of the dose grid lies
// (Image Plane Module, C.7.6.2, with Grid Frame Offset Vector, C.8.8.3.2). Stored values are decoded
// by @dcmkit/pixel (doseGrid); this is the metadata that turns them into dose.
import { PIXEL_DATA } from '../tag.js';
import type { DataSet } from '../dataset.js';
import { imagePlaneAt, planeNormal, type ImagePlane, type Vector3 } from './image-plane.js';
import { itemAt, number, number1, numbers, opened, rtError, text, text1, type At, type RTInput } from './attributes.js';

export interface DoseGrid {
  rows: number;
  columns: number;
  numberOfFrames: number;
  /** The plane of the first frame. */
  plane: ImagePlane;
  /** Dose Grid Scaling (3004,000E): stored value x scaling = dose in Dose Units. */
  doseGridScaling: number;
  /** Grid Frame Offset Vector (3004,000C) as stored ([0] for a single frame without one). */
  gridFrameOffsetVector: number[];
  /** Image Position (Patient) of each frame (PS3.3 C.8.8.3.2). */
  framePositions: Vector3[];
}

/** The plan a dose was calculated for: a Referenced RT Plan Sequence (300C,0002) item. */
export interface ReferencedPlan {
  sopInstanceUID: string;
  fractionGroupNumbers: number[];
  beamNumbers: number[];
}

export interface RTDose {
  sopInstanceUID: string;
  /** Dose Units (3004,0002): GY or RELATIVE. */
  doseUnits: string;
  /** Dose Type (3004,0004): PHYSICAL, EFFECTIVE or ERROR. */
  doseType: string;
  /** Dose Summation Type (3004,000A): PLAN, MULTI_PLAN, FRACTION, BEAM, BRACHY, CONTROL_POINT ... */
  doseSummationType: string;
  doseComment: string;
  /** The pixel dose grid; absent when the object carries no Pixel Data (e.g. DVHs only). */
  grid?: DoseGrid;
  referencedPlans: ReferencedPlan[];
  /** Lenient reads: more Grid Frame Offset Vector values than frames, an offset type guessed ... */
  warnings: string[];
}

const identityOrientation = (plane: ImagePlane) => plane.imageOrientationPatient.every((v, i) => Math.abs(v - [1, 0, 0, 0, 1, 0][i]!) < 1e-6);

/**
 * Frame positions from Grid Frame Offset Vector (PS3.3 C.8.8.3.2): a first value of zero makes the
 * offsets relative to Image Position (Patient) along the normal (row x column direction); a first value
 * equal to its z makes them patient z coordinates (for the (1,0,0,0,1,0) orientation only).
 */
function framePositions(offsets: number[], plane: ImagePlane, warnings: string[]): Vector3[] {
  const [sx, sy, sz] = plane.imagePositionPatient;
  const first = offsets[0]!;
  const absolute = first !== 0 && Math.abs(first - sz) < 1e-3;
  if (absolute && !identityOrientation(plane)) warnings.push('Grid Frame Offset Vector holds z coordinates, but Image Orientation (Patient) is not 1\\0\\0\\0\\1\\0');
  if (first !== 0 && !absolute) warnings.push(`Grid Frame Offset Vector starts at ${first}, neither 0 nor the z of Image Position (Patient) (${sz}): read as offsets from it`);
  const [nx, ny, nz] = planeNormal(plane);
  return offsets.map((v) => {
    const d = absolute ? v - sz : v;
    return [sx + d * nx, sy + d * ny, sz + d * nz];
  });
}

function grid(ds: DataSet, at: At, warnings: string[]): DoseGrid {
  const rows = number1(ds, 'Rows', at);
  const columns = number1(ds, 'Columns', at);
  const numberOfFrames = number(ds, 'NumberOfFrames', at) ?? 1;
  const plane = imagePlaneAt(ds, at, 0);
  let offsets = numbers(ds, 'GridFrameOffsetVector', at);
  if (offsets.length === 0) {
    // C.8.8.3.2: required when the dose grid is multi-frame.
    if (numberOfFrames > 1) throw rtError('GridFrameOffsetVector', at, `is missing, required for ${numberOfFrames} frames`);
    offsets = [0];
  }
  if (offsets.length < numberOfFrames) throw rtError('GridFrameOffsetVector', at, `has ${offsets.length} values for ${numberOfFrames} frames`);
  if (offsets.length > numberOfFrames) warnings.push(`Grid Frame Offset Vector has ${offsets.length} values for ${numberOfFrames} frame(s): the first ${numberOfFrames} used`);
  const used = offsets.slice(0, numberOfFrames);
  return {
    rows,
    columns,
    numberOfFrames,
    plane,
    // C.8.8.3: required when Pixel Data is present.
    doseGridScaling: number1(ds, 'DoseGridScaling', at),
    gridFrameOffsetVector: offsets,
    framePositions: framePositions(used, plane, warnings),
  };
}

function referencedPlan(ds: DataSet, at: At): ReferencedPlan {
  const groups = ds.items('ReferencedFractionGroupSequence');
  return {
    sopInstanceUID: text1(ds, 'ReferencedSOPInstanceUID', at),
    fractionGroupNumbers: groups.flatMap((g, i) => numbers(g, 'ReferencedFractionGroupNumber', itemAt(at, 'ReferencedFractionGroupSequence', i))),
    beamNumbers: groups.flatMap((g, i) => {
      const gAt = itemAt(at, 'ReferencedFractionGroupSequence', i);
      return g.items('ReferencedBeamSequence').flatMap((b, j) => numbers(b, 'ReferencedBeamNumber', itemAt(gAt, 'ReferencedBeamSequence', j)));
    }),
  };
}

/**
 * Reads an RT Dose's metadata: units, type, summation, and — with Pixel Data — the dose grid's geometry
 * and scaling. A missing or malformed Type 1 (or required 1C) attribute throws an RTError.
 */
export function readDose(input: RTInput): RTDose {
  const { ds, at } = opened(input);
  const warnings: string[] = [];
  return {
    sopInstanceUID: text(ds, 'SOPInstanceUID', at),
    doseUnits: text1(ds, 'DoseUnits', at),
    doseType: text1(ds, 'DoseType', at),
    doseSummationType: text1(ds, 'DoseSummationType', at),
    doseComment: text(ds, 'DoseComment', at),
    ...(ds.has(PIXEL_DATA) ? { grid: grid(ds, at, warnings) } : {}),
    referencedPlans: ds.items('ReferencedRTPlanSequence').map((item, i) => referencedPlan(item, itemAt(at, 'ReferencedRTPlanSequence', i))),
    warnings,
  };
}
