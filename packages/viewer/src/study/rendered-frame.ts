// A frame the server rendered (PNG) as an 8-bit RGB frame: the fallback when the stored frame cannot be decoded here.
import type { PixelFrame } from '@dcmkit/pixel';

export async function renderedFrame(blob: Blob, index: number): Promise<PixelFrame> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    rgb[o] = rgba[i]!;
    rgb[o + 1] = rgba[i + 1]!;
    rgb[o + 2] = rgba[i + 2]!;
  }
  return { data: rgb, dtype: 'uint8', rows: canvas.height, columns: canvas.width, samplesPerPixel: 3, photometricInterpretation: 'RGB', index };
}
