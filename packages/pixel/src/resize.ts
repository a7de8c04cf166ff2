// Resizing rendered RGBA images for thumbnails and previews.

export interface RgbaImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

export type ResizeMethod = 'nearest' | 'bilinear';

/** The image scaled to `width` x `height`, sampling at pixel centres. */
export function resizeRgba(image: RgbaImage, width: number, height: number, method: ResizeMethod = 'bilinear'): RgbaImage {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new RangeError(`size ${width}x${height}: expected positive integers`);
  if (width === image.width && height === image.height) return image;
  const out = new Uint8ClampedArray(width * height * 4);
  (method === 'nearest' ? nearest : bilinear)(image, out, width, height);
  return { rgba: out, width, height };
}

function nearest(src: RgbaImage, out: Uint8ClampedArray, width: number, height: number): void {
  const from = new Uint32Array(src.rgba.buffer, src.rgba.byteOffset, src.width * src.height);
  const to = new Uint32Array(out.buffer);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(src.height - 1, Math.floor(((y + 0.5) * src.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(src.width - 1, Math.floor(((x + 0.5) * src.width) / width));
      to[y * width + x] = from[sy * src.width + sx]!;
    }
  }
}

function bilinear(src: RgbaImage, out: Uint8ClampedArray, width: number, height: number): void {
  const s = src.rgba;
  const sw = src.width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max(((y + 0.5) * src.height) / height - 0.5, 0), src.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, src.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max(((x + 0.5) * sw) / width - 0.5, 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = fx - x0;
      const a = (y0 * sw + x0) * 4;
      const b = (y0 * sw + x1) * 4;
      const c = (y1 * sw + x0) * 4;
      const d = (y1 * sw + x1) * 4;
      const o = (y * width + x) * 4;
      for (let k = 0; k < 4; k++) {
        const top = s[a + k]! + (s[b + k]! - s[a + k]!) * wx;
        const bottom = s[c + k]! + (s[d + k]! - s[c + k]!) * wx;
        out[o + k] = top + (bottom - top) * wy;
      }
    }
  }
}
