// A small RT Structure Set (PS3.3 A.19) built for tests: ROIs with colours and contours given in
// pixel coordinates of an image plane, stored as patient coordinates (PS3.3 C.7.6.2.1.1).
import { DataSet, type ImagePlane } from '@dcmkit/core';

export interface FixtureContour {
  type: 'POINT' | 'OPEN_PLANAR' | 'CLOSED_PLANAR';
  /** (column, row) pairs on `plane`. */
  pixels: number[];
  /** Millimetres above the plane, along its normal (an axial plane: + z). */
  offset?: number;
  /** Referenced SOP Instance UIDs of the Contour Image Sequence. */
  images?: string[];
}

export interface FixtureRoi {
  number: number;
  name: string;
  colour?: [number, number, number];
  interpretedType?: string;
  contours: FixtureContour[];
}

/** Patient coordinates of pixel (i, j) of an axial plane, `offset` mm above it. */
function patient(plane: ImagePlane, i: number, j: number, offset: number): number[] {
  const [sx, sy, sz] = plane.imagePositionPatient;
  const [rx, ry, rz, cx, cy, cz] = plane.imageOrientationPatient;
  const [dj, di] = plane.pixelSpacing;
  return [sx + rx * di * i + cx * dj * j, sy + ry * di * i + cy * dj * j, sz + rz * di * i + cz * dj * j + offset];
}

/** An RT Structure Set data set of `rois` in Frame of Reference `frameOfReferenceUID`. */
export function structureSetFixture(plane: ImagePlane, frameOfReferenceUID: string, rois: FixtureRoi[]): DataSet {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.481.3');
  ds.set('SOPInstanceUID', '1.2.826.0.1.3680043.10.1.1');
  ds.set('Modality', 'RTSTRUCT');
  ds.set('StructureSetLabel', 'fixture');
  ds.set(
    'StructureSetROISequence',
    rois.map((r) => {
      const item = ds.createItem();
      item.set('ROINumber', r.number);
      item.set('ReferencedFrameOfReferenceUID', frameOfReferenceUID);
      item.set('ROIName', r.name);
      item.set('ROIGenerationAlgorithm', 'MANUAL');
      return item;
    }),
  );
  ds.set(
    'ROIContourSequence',
    rois.map((r) => {
      const item = ds.createItem();
      if (r.colour) item.set('ROIDisplayColor', r.colour);
      item.set(
        'ContourSequence',
        r.contours.map((c, k) => {
          const contour = item.createItem();
          if (c.images) {
            contour.set(
              'ContourImageSequence',
              c.images.map((uid) => {
                const ref = contour.createItem();
                ref.set('ReferencedSOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
                ref.set('ReferencedSOPInstanceUID', uid);
                return ref;
              }),
            );
          }
          contour.set('ContourGeometricType', c.type);
          contour.set('NumberOfContourPoints', c.pixels.length / 2);
          contour.set('ContourNumber', k + 1);
          const points: number[] = [];
          for (let p = 0; p < c.pixels.length; p += 2) points.push(...patient(plane, c.pixels[p]!, c.pixels[p + 1]!, c.offset ?? 0));
          contour.set('ContourData', points);
          return contour;
        }),
      );
      item.set('ReferencedROINumber', r.number);
      return item;
    }),
  );
  ds.set(
    'RTROIObservationsSequence',
    rois.map((r) => {
      const item = ds.createItem();
      item.set('ObservationNumber', r.number);
      item.set('ReferencedROINumber', r.number);
      item.set('RTROIInterpretedType', r.interpretedType ?? 'ORGAN');
      item.set('ROIInterpreter', '');
      return item;
    }),
  );
  return ds;
}
