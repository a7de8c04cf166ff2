// RT Structure Set contours drawn on an image (PS3.3 C.8.8.6): the contours that lie on the image,
// mapped onto its pixel grid (C.7.6.2.1.1) and drawn as outlines in their ROI Display Color.
import { contourToPixels, imagePlane, planeDistance, type Contour, type DataSet, type StructureSet, type StructureSetROI } from '@dcmkit/core';
import { drawLine, drawPolyline, type Rgb } from './draw.js';
import type { RgbaImage } from './resize.js';

/** A contour on the image: its type and its points as (column, row) pairs, (0, 0) the first pixel's centre. */
export interface ContourOnImage {
  geometricType: Contour['geometricType'];
  pixels: Float64Array;
}

/** An ROI's contours that lie on one image. */
export interface RoiOnImage {
  roiNumber: number;
  roiName: string;
  colour: Rgb;
  contours: ContourOnImage[];
}

/** Colours for ROIs without ROI Display Color. */
const FALLBACK_COLOURS: Rgb[] = [[255, 255, 0], [0, 255, 255], [255, 0, 255], [0, 255, 0], [255, 128, 0], [0, 128, 255]];

/** Contour points within this distance (mm) of a plane lie on it when the image has no Slice Thickness. */
const DEFAULT_HALF_THICKNESS = 0.5;

/** The contour references the image (and, for a multi-frame image, the frame) in its Contour Image Sequence. */
const references = (contour: Contour, sopInstanceUID: string, frameNumber: number) =>
  contour.images.some((i) => i.sopInstanceUID === sopInstanceUID && (i.frameNumbers.length === 0 || i.frameNumbers.includes(frameNumber)));

/** Every point of the contour within `tolerance` mm of the plane. */
function inPlane(contour: Contour, distance: (x: number, y: number, z: number) => number, tolerance: number): boolean {
  const p = contour.points;
  for (let i = 0; i + 2 < p.length; i += 3) if (Math.abs(distance(p[i]!, p[i + 1]!, p[i + 2]!)) > tolerance) return false;
  return p.length >= 3;
}

/**
 * The contours of a structure set that lie on frame `frameIndex` of an image: those whose Contour
 * Image Sequence references the image's SOP Instance UID; and those without one that lie within half
 * the Slice Thickness (0.5 mm without one) of the image plane, when the ROI's Frame of Reference is the
 * image's. Points become (column, row) pairs on the image's pixel grid.
 */
export function contoursOnImage(structureSet: StructureSet, image: DataSet, frameIndex = 0): RoiOnImage[] {
  const plane = imagePlane(image, frameIndex);
  const sopInstanceUID = image.getString('SOPInstanceUID')?.replace(/\0/g, '').trim() ?? '';
  const frameOfReference = image.getString('FrameOfReferenceUID')?.replace(/\0/g, '').trim() ?? '';
  const tolerance = plane.sliceThickness !== undefined ? plane.sliceThickness / 2 : DEFAULT_HALF_THICKNESS;
  const distance = planeDistance(plane);
  const sameFrameOfReference = (roi: StructureSetROI) => !frameOfReference || roi.frameOfReferenceUID === frameOfReference;
  return structureSet.rois.flatMap((roi, i) => {
    const on = roi.contours.filter((c) => (c.images.length ? references(c, sopInstanceUID, frameIndex + 1) : sameFrameOfReference(roi) && inPlane(c, distance, tolerance)));
    if (on.length === 0) return [];
    return [
      {
        roiNumber: roi.number,
        roiName: roi.name,
        colour: roi.displayColor ?? FALLBACK_COLOURS[i % FALLBACK_COLOURS.length]!,
        contours: on.map((c) => ({ geometricType: c.geometricType, pixels: contourToPixels(c.points, plane) })),
      },
    ];
  });
}

/** Half the size of the cross that marks a POINT contour, in pixels. */
const MARKER = 3;

/** Draws each contour in its ROI's colour: closed outlines, open polylines, a cross for each POINT. */
export function drawContours(image: RgbaImage, rois: readonly RoiOnImage[]): void {
  for (const roi of rois) {
    for (const { geometricType, pixels } of roi.contours) {
      if (geometricType !== 'POINT') {
        drawPolyline(image, pixels, geometricType === 'CLOSED_PLANAR' || geometricType === 'CLOSEDPLANAR_XOR', roi.colour);
        continue;
      }
      for (let i = 0; i + 1 < pixels.length; i += 2) {
        const [x, y] = [Math.round(pixels[i]!), Math.round(pixels[i + 1]!)];
        drawLine(image, x - MARKER, y, x + MARKER, y, roi.colour);
        drawLine(image, x, y - MARKER, x, y + MARKER, roi.colour);
      }
    }
  }
}
