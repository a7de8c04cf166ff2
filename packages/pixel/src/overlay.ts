// Overlay planes (PS3.3 C.9.2 Overlay Plane Module, C.9.3 Multi-frame Overlay Module): the bitmaps of
// groups 6000-601E, packed in Overlay Data or (retired, PS3.5 8.1.2 of 2004) in unused high bits of
// the Pixel Data; and burnt into a rendered RGBA image.
import { DataSet, makeTag, type DicomFile } from '@dcmkit/core';
import { decodeFrame } from './decode.js';
import { drawPixels, type Rgb } from './draw.js';
import { PixelDataError } from './errors.js';
import type { PixelFrame } from './pixel-frame.js';
import type { RgbaImage } from './resize.js';
import { bitRange, unpackBits } from './sample-layout.js';
import { littleEndianWords, valueBytes } from './value-bytes.js';

// Overlay attributes by element number (PS3.3 Table C.9-2, C.9-3); the group is 60xx.
const OVERLAY_ROWS = 0x0010;
const OVERLAY_COLUMNS = 0x0011;
const NUMBER_OF_FRAMES_IN_OVERLAY = 0x0015;
const OVERLAY_DESCRIPTION = 0x0022;
const OVERLAY_TYPE = 0x0040;
const OVERLAY_SUBTYPE = 0x0045;
const OVERLAY_ORIGIN = 0x0050;
const IMAGE_FRAME_ORIGIN = 0x0051;
const OVERLAY_BITS_ALLOCATED = 0x0100;
const OVERLAY_BIT_POSITION = 0x0102;
const OVERLAY_LABEL = 0x1500;
const OVERLAY_DATA = 0x3000;

/** The 16 overlay groups: 6000, 6002 ... 601E (PS3.5 7.6). */
const GROUPS = Array.from({ length: 16 }, (_, i) => 0x6000 + 2 * i);

export interface OverlayPlane {
  /** The repeating group, 0x6000 ... 0x601E. */
  group: number;
  rows: number;
  columns: number;
  /** Overlay Type (60xx,0040): G (graphics) or R (ROI). */
  type: string;
  subtype: string;
  label: string;
  description: string;
  /** Overlay Origin (60xx,0050): image row and column of the overlay's first point, 1-based. */
  origin: [number, number];
  /** Which overlay frame this is (0-based), of a multi-frame overlay. */
  overlayFrame: number;
  /** The overlay was held in bit Overlay Bit Position of the Pixel Data (retired encoding). */
  embedded: boolean;
  /** rows x columns bytes, row-major: 1 where the overlay is set, else 0. */
  bitmap: Uint8Array;
}

/** The overlay groups a data set has: any with Overlay Rows, Type or Data. */
export const overlayGroups = (ds: DataSet): number[] =>
  GROUPS.filter((g) => [OVERLAY_ROWS, OVERLAY_TYPE, OVERLAY_DATA].some((e) => ds.has(makeTag(g, e))));

interface Context {
  ds: DataSet;
  group: number;
  file?: string;
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const error = (c: Context, kind: 'missing' | 'invalid' | 'unsupported' | 'truncated', element: number, reason: string) =>
  new PixelDataError(kind, `overlay ${hex(c.group)}: (${hex(c.group)},${hex(element)}) ${reason}`, { file: c.file });

function integer(c: Context, element: number, fallback?: number): number {
  const v = c.ds.getNumber(makeTag(c.group, element));
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw error(c, 'missing', element, 'is missing');
  }
  if (!Number.isInteger(v)) throw error(c, 'invalid', element, `is ${v}, not an integer`);
  return v;
}

const text = (c: Context, element: number) => c.ds.getText(makeTag(c.group, element))?.trim() ?? '';

/**
 * Which overlay frame goes with image frame `frameIndex` (0-based), or -1 for none. C.9.3.1: overlay
 * frames apply one to one to image frames from Image Frame Origin (1-based, default 1). A single-frame
 * overlay without Image Frame Origin applies to every frame.
 */
function overlayFrameFor(c: Context, frameIndex: number): number {
  const frames = integer(c, NUMBER_OF_FRAMES_IN_OVERLAY, 0);
  const hasOrigin = c.ds.has(makeTag(c.group, IMAGE_FRAME_ORIGIN));
  if (frames === 0 && !hasOrigin) return 0;
  const k = frameIndex - (integer(c, IMAGE_FRAME_ORIGIN, 1) - 1);
  return k >= 0 && k < Math.max(frames, 1) ? k : -1;
}

/** Overlay Data (60xx,3000): frames of rows x columns bits, packed least significant bit first, back to back (PS3.5 8.1.2). */
async function packedBitmap(c: Context, rows: number, columns: number, overlayFrame: number): Promise<Uint8Array> {
  const el = c.ds.element(makeTag(c.group, OVERLAY_DATA))!;
  const bytes = littleEndianWords((await valueBytes(c.ds, el.tag))!, el.vr, c.ds.encoding.littleEndian);
  const count = rows * columns;
  const first = overlayFrame * count;
  if (Math.ceil((first + count) / 8) > bytes.length) {
    throw error(c, 'truncated', OVERLAY_DATA, `has ${bytes.length} bytes, overlay frame ${overlayFrame} of ${rows}x${columns} needs ${Math.ceil((first + count) / 8)}`);
  }
  return unpackBits(bitRange(bytes, first, count), count);
}

/** Bit Overlay Bit Position of each stored value (retired: overlays in the Pixel Data's unused high bits). */
function embeddedBitmap(c: Context, frame: PixelFrame, rows: number, columns: number): Uint8Array {
  const bit = integer(c, OVERLAY_BIT_POSITION);
  if (frame.samplesPerPixel !== 1) throw error(c, 'unsupported', OVERLAY_BIT_POSITION, `in Pixel Data of ${frame.samplesPerPixel} samples per pixel`);
  if (rows !== frame.rows || columns !== frame.columns) {
    throw error(c, 'invalid', OVERLAY_ROWS, `${rows}x${columns}: an overlay in the Pixel Data has the image's size, ${frame.rows}x${frame.columns}`);
  }
  const out = new Uint8Array(rows * columns);
  const data = frame.data;
  for (let i = 0; i < out.length; i++) out[i] = (data[i]! >> bit) & 1;
  return out;
}

/**
 * The overlay planes that apply to image frame `frameIndex` (0-based), in group order. Overlays in the
 * Pixel Data (Overlay Bits Allocated > 1, no Overlay Data) are read from `frame` — decoded stored values,
 * not masked to Bits Stored — or, when not given, from the file's frame. Missing or malformed overlay
 * attributes throw a PixelDataError naming the group and element.
 */
export async function decodeOverlays(input: DicomFile | DataSet, frameIndex = 0, frame?: PixelFrame): Promise<OverlayPlane[]> {
  const ds = input instanceof DataSet ? input : input.dataset;
  const file = input instanceof DataSet ? undefined : input.source.name;
  const planes: OverlayPlane[] = [];
  let pixels = frame;
  for (const group of overlayGroups(ds)) {
    const c: Context = { ds, group, file };
    const rows = integer(c, OVERLAY_ROWS);
    const columns = integer(c, OVERLAY_COLUMNS);
    if (rows < 1 || columns < 1) throw error(c, 'invalid', OVERLAY_ROWS, `${rows} rows and ${columns} columns`);
    const type = text(c, OVERLAY_TYPE);
    if (!type) throw error(c, 'missing', OVERLAY_TYPE, 'is missing');
    const origin = ds.getNumbers(makeTag(group, OVERLAY_ORIGIN));
    if (origin.length !== 2 || !origin.every(Number.isInteger)) throw error(c, origin.length ? 'invalid' : 'missing', OVERLAY_ORIGIN, origin.length ? `is ${origin.join('\\')}, expected row\\column` : 'is missing');
    const overlayFrame = overlayFrameFor(c, frameIndex);
    if (overlayFrame < 0) continue;
    const embedded = !ds.has(makeTag(group, OVERLAY_DATA));
    let bitmap: Uint8Array;
    if (!embedded) {
      bitmap = await packedBitmap(c, rows, columns, overlayFrame);
    } else {
      if (integer(c, OVERLAY_BITS_ALLOCATED) === 1) throw error(c, 'missing', OVERLAY_DATA, 'is missing (Overlay Bits Allocated is 1)');
      if (!pixels && input instanceof DataSet) throw error(c, 'missing', OVERLAY_BIT_POSITION, 'points into the Pixel Data: pass the file or its decoded frame');
      pixels ??= await decodeFrame(input as DicomFile, frameIndex);
      bitmap = embeddedBitmap(c, pixels, rows, columns);
    }
    planes.push({
      group,
      rows,
      columns,
      type,
      subtype: text(c, OVERLAY_SUBTYPE),
      label: text(c, OVERLAY_LABEL),
      description: text(c, OVERLAY_DESCRIPTION),
      origin: origin as [number, number],
      overlayFrame,
      embedded,
      bitmap,
    });
  }
  return planes;
}

/** Paints every set overlay pixel in `colour`, placed by Overlay Origin (1\1 is the image's first pixel). */
export function burnOverlays(image: RgbaImage, planes: readonly OverlayPlane[], colour: Rgb = [255, 255, 255]): void {
  for (const plane of planes) {
    const [row0, column0] = [plane.origin[0] - 1, plane.origin[1] - 1];
    drawPixels(image, plane.bitmap, plane.columns, column0, row0, colour);
  }
}
