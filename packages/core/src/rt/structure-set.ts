// RT Structure Set IOD (PS3.3 A.19): the Structure Set Module (C.8.8.5), ROI Contour Module
// (C.8.8.6) and RT ROI Observations Module (C.8.8.8), read as plain data.
import type { DataSet } from '../dataset.js';
import { itemAt, items1, number, number1, numbers, numbers1, opened, rtError, text, text1, type At, type RTInput } from './attributes.js';
import type { RTIdentification } from './identification.js';

/** Contour Geometric Type (3006,0042) defined terms (PS3.3 C.8.8.6.1). */
export const CONTOUR_GEOMETRIC_TYPES = ['POINT', 'OPEN_PLANAR', 'OPEN_NONPLANAR', 'CLOSED_PLANAR', 'CLOSEDPLANAR_XOR'] as const;
export type ContourGeometricType = (typeof CONTOUR_GEOMETRIC_TYPES)[number];

/** An item of Contour Image Sequence (3006,0016): an image the contour was drawn on. */
export interface ContourImage {
  sopClassUID: string;
  sopInstanceUID: string;
  /** Referenced Frame Number (0008,1160) of a multi-frame image, 1-based. */
  frameNumbers: number[];
}

export interface Contour {
  geometricType: ContourGeometricType;
  /** Contour Data (3006,0050): Number of Contour Points x\y\z triplets, patient coordinates in mm. */
  points: Float64Array;
  /** Contour Number (3006,0048), when given. */
  number?: number;
  images: ContourImage[];
}

/** An RT ROI Observations Sequence (3006,0080) item. */
export interface ROIObservation {
  number: number;
  referencedROINumber: number;
  label: string;
  /** RT ROI Interpreted Type (3006,00A4): EXTERNAL, PTV, CTV, GTV, ORGAN, ISOCENTER ...; "" when empty. */
  interpretedType: string;
  interpreter: string;
}

/** A Structure Set ROI Sequence (3006,0020) item with its ROI Contour Sequence (3006,0039) item. */
export interface StructureSetROI {
  number: number;
  name: string;
  description: string;
  frameOfReferenceUID: string;
  /** ROI Generation Algorithm (3006,0036): AUTOMATIC, SEMIAUTOMATIC or MANUAL; "" when empty. */
  generationAlgorithm: string;
  /** ROI Volume (3006,002C) in cm³, when given. */
  volume?: number;
  /** ROI Display Color (3006,002A): red, green, blue, 0-255. */
  displayColor?: [number, number, number];
  contours: Contour[];
  observations: ROIObservation[];
}

export interface StructureSet extends RTIdentification {
  /** Frame of Reference UIDs of the Referenced Frame of Reference Sequence (3006,0010). */
  frameOfReferenceUIDs: string[];
  rois: StructureSetROI[];
  observations: ROIObservation[];
  /** Cross references that do not resolve (an ROI Contour item of an unknown ROI ...); read on regardless. */
  warnings: string[];
}

function contourImage(ds: DataSet, at: At): ContourImage {
  return {
    sopClassUID: text1(ds, 'ReferencedSOPClassUID', at),
    sopInstanceUID: text1(ds, 'ReferencedSOPInstanceUID', at),
    frameNumbers: numbers(ds, 'ReferencedFrameNumber', at),
  };
}

function contour(ds: DataSet, at: At): Contour {
  const type = text1(ds, 'ContourGeometricType', at);
  if (!(CONTOUR_GEOMETRIC_TYPES as readonly string[]).includes(type)) {
    throw rtError('ContourGeometricType', at, `is '${type}', not one of ${CONTOUR_GEOMETRIC_TYPES.join(', ')}`);
  }
  const count = number1(ds, 'NumberOfContourPoints', at);
  // PS3.3 C.8.8.6.1: Contour Data holds Number of Contour Points triplets.
  const data = numbers1(ds, 'ContourData', at);
  if (data.length !== 3 * count) throw rtError('ContourData', at, `has ${data.length} values, expected 3 x Number of Contour Points (${count}) = ${3 * count}`);
  const n = number(ds, 'ContourNumber', at);
  return {
    geometricType: type as ContourGeometricType,
    points: Float64Array.from(data),
    ...(n !== undefined ? { number: n } : {}),
    images: ds.items('ContourImageSequence').map((item, i) => contourImage(item, itemAt(at, 'ContourImageSequence', i))),
  };
}

function displayColor(ds: DataSet, at: At): [number, number, number] | undefined {
  if (numbers(ds, 'ROIDisplayColor', at).length === 0) return undefined;
  return numbers1(ds, 'ROIDisplayColor', at, 3) as [number, number, number];
}

function observation(ds: DataSet, at: At): ROIObservation {
  return {
    number: number1(ds, 'ObservationNumber', at),
    referencedROINumber: number1(ds, 'ReferencedROINumber', at),
    label: text(ds, 'ROIObservationLabel', at),
    interpretedType: text(ds, 'RTROIInterpretedType', at),
    interpreter: text(ds, 'ROIInterpreter', at),
  };
}

function roi(ds: DataSet, at: At): StructureSetROI {
  const volume = number(ds, 'ROIVolume', at);
  return {
    number: number1(ds, 'ROINumber', at),
    name: text(ds, 'ROIName', at),
    description: text(ds, 'ROIDescription', at),
    frameOfReferenceUID: text1(ds, 'ReferencedFrameOfReferenceUID', at),
    generationAlgorithm: text(ds, 'ROIGenerationAlgorithm', at),
    ...(volume !== undefined ? { volume } : {}),
    contours: [],
    observations: [],
  };
}

/**
 * Reads an RT Structure Set: its ROIs, each with its display colour, contours and observations.
 * A missing or malformed Type 1 attribute throws an RTError naming it and the item path.
 */
export function readStructureSet(input: RTInput): StructureSet {
  const { ds, at } = opened(input);
  const label = text1(ds, 'StructureSetLabel', at);
  const warnings: string[] = [];
  const rois = items1(ds, 'StructureSetROISequence', at).map((item, i) => roi(item, itemAt(at, 'StructureSetROISequence', i)));
  const byNumber = new Map(rois.map((r) => [r.number, r]));
  items1(ds, 'ROIContourSequence', at).forEach((item, i) => {
    const itemAtI = itemAt(at, 'ROIContourSequence', i);
    const target = byNumber.get(number1(item, 'ReferencedROINumber', itemAtI));
    const color = displayColor(item, itemAtI);
    const contours = item.items('ContourSequence').map((c, j) => contour(c, itemAt(itemAtI, 'ContourSequence', j)));
    if (!target) {
      warnings.push(`${itemAtI.path}: Referenced ROI Number ${item.getNumber('ReferencedROINumber')} is not in the Structure Set ROI Sequence`);
      return;
    }
    if (color) target.displayColor = color;
    target.contours.push(...contours);
  });
  const observations = items1(ds, 'RTROIObservationsSequence', at).map((item, i) => observation(item, itemAt(at, 'RTROIObservationsSequence', i)));
  for (const o of observations) {
    const target = byNumber.get(o.referencedROINumber);
    if (target) target.observations.push(o);
    else warnings.push(`RT ROI Observation ${o.number}: Referenced ROI Number ${o.referencedROINumber} is not in the Structure Set ROI Sequence`);
  }
  return {
    sopInstanceUID: text(ds, 'SOPInstanceUID', at),
    label,
    name: text(ds, 'StructureSetName', at),
    description: text(ds, 'StructureSetDescription', at),
    date: text(ds, 'StructureSetDate', at),
    time: text(ds, 'StructureSetTime', at),
    frameOfReferenceUIDs: ds.items('ReferencedFrameOfReferenceSequence').map((item, i) => text(item, 'FrameOfReferenceUID', itemAt(at, 'ReferencedFrameOfReferenceSequence', i))),
    rois,
    observations,
    warnings,
  };
}
