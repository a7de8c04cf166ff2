// What `dcmkit render` can draw over a rendered frame: the file's overlay planes (PS3.3 C.9.2) with
// --overlays, and the contours of an RT Structure Set that lie on the image (PS3.3 C.8.8.6) with --rtstruct.
import { readStructureSet, type DicomFile, type StructureSet } from '@dcmkit/core';
import { burnOverlays, contoursOnImage, decodeOverlays, drawContours, type RgbaImage, type Rgb } from '@dcmkit/pixel';
import { UsageError, openDicom } from '../io.js';

export interface AnnotationOptions {
  /** --overlays [colour]: true for white. */
  overlays?: Rgb | true;
  /** --rtstruct FILE */
  rtstruct?: string;
}

export interface Annotations {
  overlayColour?: Rgb;
  structureSet?: StructureSet;
}

const NAMED: Record<string, Rgb> = {
  white: [255, 255, 255],
  black: [0, 0, 0],
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  cyan: [0, 255, 255],
  magenta: [255, 0, 255],
};

/** A colour: a name (white, red, yellow ...), #RRGGBB or R,G,B. */
export function colourArg(text: string): Rgb {
  const t = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(t);
  const rgb = t.split(',').map(Number);
  if (NAMED[t]) return NAMED[t];
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  if (rgb.length === 3 && rgb.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) return rgb as unknown as Rgb;
  throw new UsageError(`--overlays takes a colour: ${Object.keys(NAMED).join(', ')}, #RRGGBB or R,G,B; not '${text}'`);
}

/** Reads what the options ask to draw (the structure set once, for every frame). */
export async function loadAnnotations(opts: AnnotationOptions, depth: number): Promise<Annotations> {
  if (depth === 16 && (opts.overlays || opts.rtstruct)) throw new UsageError('--depth 16 writes stored values: --overlays and --rtstruct do not apply');
  const annotations: Annotations = {};
  if (opts.overlays) annotations.overlayColour = opts.overlays === true ? NAMED.white! : opts.overlays;
  if (opts.rtstruct) {
    // Whole values in memory: Contour Data of a large ROI runs past the default bulk threshold.
    const file = await openDicom(opts.rtstruct, { bulkThreshold: Number.MAX_SAFE_INTEGER });
    try {
      annotations.structureSet = readStructureSet(file);
    } finally {
      await file.source.close?.();
    }
  }
  return annotations;
}

/** Draws the annotations on frame `index` of `file`; what was drawn, for the command's JSON line; undefined when nothing was asked. */
export async function annotate(image: RgbaImage, file: DicomFile, index: number, a: Annotations): Promise<Record<string, unknown> | undefined> {
  if (!a.overlayColour && !a.structureSet) return undefined;
  const drawn: Record<string, unknown> = {};
  if (a.structureSet) {
    const rois = contoursOnImage(a.structureSet, file.dataset, index);
    drawContours(image, rois);
    drawn.rois = rois.map((r) => ({ number: r.roiNumber, name: r.roiName, contours: r.contours.length }));
  }
  if (a.overlayColour) {
    const planes = await decodeOverlays(file, index);
    burnOverlays(image, planes, a.overlayColour);
    drawn.overlays = planes.map((p) => ({ group: p.group.toString(16).toUpperCase(), type: p.type, pixels: p.bitmap.reduce((n, b) => n + b, 0) }));
  }
  return drawn;
}
