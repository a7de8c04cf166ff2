// The source region of a rendered image and its scaling to a viewport (PS3.18 8.3.5.1, viewport): a rectangle of
// the image in pixels (negative width or height flips it), scaled to fit the viewport with its aspect ratio kept.
import { resizeRgba, type RgbaImage } from '@dcmkit/pixel';
import { HttpError } from '../errors.js';

/** A region as requested: any value may be left out (defaults: the top left corner, the rest of the image). */
export interface SourceRegion {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** A region in pixels: columns [min(x, x + width), max(...)), flipped when width < 0; rows likewise. */
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Largest output size in pixels; a missing side follows from the other and the aspect ratio. */
export interface ViewportSize {
  width?: number;
  height?: number;
}

/** The region in pixels of an image of `columns` x `rows`; 400 naming `parameter` when it leaves the image. */
export function resolveRegion(region: SourceRegion | undefined, columns: number, rows: number, parameter: string): Rect {
  const x = region?.x ?? 0;
  const y = region?.y ?? 0;
  const rect = { x, y, width: region?.width ?? columns - x, height: region?.height ?? rows - y };
  const inside = (start: number, length: number, size: number) => {
    const [a, b] = length < 0 ? [start + length, start] : [start, start + length];
    return length !== 0 && a >= 0 && b <= size;
  };
  if (!inside(rect.x, rect.width, columns) || !inside(rect.y, rect.height, rows)) {
    throw new HttpError(400, `${parameter}: region ${rect.x},${rect.y} ${rect.width}x${rect.height} is not inside the ${columns}x${rows} image`, parameter);
  }
  return rect;
}

/** The pixels of `rect`, flipped as its signs say. */
function cropRgba(image: RgbaImage, rect: Rect): RgbaImage {
  const width = Math.abs(rect.width);
  const height = Math.abs(rect.height);
  const left = Math.min(rect.x, rect.x + rect.width);
  const top = Math.min(rect.y, rect.y + rect.height);
  if (left === 0 && top === 0 && width === image.width && height === image.height && rect.width > 0 && rect.height > 0) return image;
  const from = new Uint32Array(image.rgba.buffer, image.rgba.byteOffset, image.width * image.height);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const to = new Uint32Array(rgba.buffer);
  for (let r = 0; r < height; r++) {
    const sy = rect.height < 0 ? top + height - 1 - r : top + r;
    for (let c = 0; c < width; c++) {
      const sx = rect.width < 0 ? left + width - 1 - c : left + c;
      to[r * width + c] = from[sy * image.width + sx]!;
    }
  }
  return { rgba, width, height };
}

/** The size of a `width` x `height` image scaled to fit `viewport` with its aspect ratio kept (at least 1x1). */
function fitSize(width: number, height: number, viewport: ViewportSize = {}): { width: number; height: number } {
  const scale = Math.min(viewport.width !== undefined ? viewport.width / width : Infinity, viewport.height !== undefined ? viewport.height / height : Infinity);
  if (!Number.isFinite(scale)) return { width, height };
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The region of `image`, scaled to fit the viewport. */
export function regionInViewport(image: RgbaImage, rect: Rect, viewport?: ViewportSize): RgbaImage {
  const region = cropRgba(image, rect);
  const size = fitSize(region.width, region.height, viewport);
  return resizeRgba(region, size.width, size.height, 'bilinear');
}
