// One frame rendered for display (PS3.4 N.2 via @dcmkit/pixel's renderFrame), its region scaled to the
// viewport, encoded as PNG or JPEG (PS3.18 8.7.4 rendered media types).
import jpeg from 'jpeg-js';
import type { DicomFile } from '@dcmkit/core';
import { decodeFrame, encodeRgbaPng, loadLutData, renderFrame, type RgbaImage, type Window } from '@dcmkit/pixel';
import { regionInViewport, resolveRegion, type SourceRegion, type ViewportSize } from './image-region.js';

/** The rendered media types this server produces. */
export const RENDERED_TYPES = ['image/jpeg', 'image/png'] as const;
export type RenderedType = (typeof RENDERED_TYPES)[number];

/** JPEG quality when the request gives none. */
const DEFAULT_QUALITY = 90;

export interface RenderRequest {
  mediaType: RenderedType;
  /** The window to apply instead of the file's VOI (PS3.18 8.3.5.1, window). */
  window?: Window;
  /** Part of the image to show (default all of it), and the query parameter it came from (for errors). */
  region?: SourceRegion;
  regionParameter?: string;
  /** Largest output size (default the region's size). */
  size?: ViewportSize;
  /** JPEG quality, 1-100 (PS3.18 8.3.5.1, quality). */
  quality?: number;
}

/** Encodes a rendered image; grayscale frames as one-channel PNGs. */
function encode(image: RgbaImage, grey: boolean, request: RenderRequest): Uint8Array {
  if (request.mediaType === 'image/png') return encodeRgbaPng(image, grey ? 1 : 3);
  const { data } = jpeg.encode({ data: image.rgba, width: image.width, height: image.height }, request.quality ?? DEFAULT_QUALITY);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Frame `index` (0-based) of `file` rendered as the request says; 400 when the region leaves the image. */
export async function renderImage(file: DicomFile, index: number, request: RenderRequest): Promise<Uint8Array> {
  // The stored file is read by windows: LUT Data of 64 KiB and more is still in it.
  const [frame] = await Promise.all([decodeFrame(file, index, { maskToBitsStored: true }), loadLutData(file.dataset)]);
  const rendered = renderFrame(frame, file.dataset, { ...(request.window && { window: request.window }), frameIndex: index });
  const rect = resolveRegion(request.region, rendered.width, rendered.height, request.regionParameter ?? 'viewport');
  const image = regionInViewport(rendered, rect, request.size);
  return encode(image, frame.photometricInterpretation.startsWith('MONOCHROME'), request);
}
