// Reading the viewer's page in the browser tests: the canvas pixels, waiting for an image.
import type { Page } from 'playwright-core';

/** Where the tests leave screenshots of each view. */
export const SHOTS = '/tmp/viewer-shots';

export interface CanvasStats {
  /** Fraction of pixels that are not black. */
  nonBlack: number;
  /** Mean grey (0-255) over the canvas. */
  mean: number;
}

/** Statistics of the active viewport's canvas (the first when `index` is not given). */
export function canvasStats(page: Page, index = 0): Promise<CanvasStats> {
  return page.evaluate((i) => {
    const canvas = document.querySelectorAll<HTMLCanvasElement>('[data-testid="viewport-canvas"]')[i]!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    let sum = 0;
    for (let p = 0; p < data.length; p += 4) {
      const grey = (data[p]! + data[p + 1]! + data[p + 2]!) / 3;
      sum += grey;
      if (grey > 0) lit++;
    }
    const n = data.length / 4;
    return { nonBlack: lit / n, mean: sum / n };
  }, index);
}

/** The displayed RGB of image pixel (x, y) in viewport `index`: the canvas pixel at its centre. */
export function displayedColour(page: Page, x: number, y: number, index = 0): Promise<[number, number, number]> {
  return page.evaluate(
    ([x, y, i]) => {
      const viewport = (globalThis as any).dcmkitViewer.studyView.viewports[i];
      viewport.drawNow();
      const [cx, cy] = viewport.imageToClient(x + 0.5, y + 0.5) as [number, number];
      const canvas = viewport.canvas as HTMLCanvasElement;
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const d = canvas.getContext('2d')!.getImageData(Math.floor((cx - box.left) * scale), Math.floor((cy - box.top) * scale), 1, 1).data;
      return [d[0]!, d[1]!, d[2]!] as [number, number, number];
    },
    [x, y, index] as const,
  );
}

/** The displayed grey of image pixel (x, y) in viewport `index` (its red). */
export const displayedGrey = async (page: Page, x: number, y: number, index = 0): Promise<number> => (await displayedColour(page, x, y, index))[0];

/** Waits until viewport `index` has drawn an image (its zoom shows in the overlay). */
export async function waitForImage(page: Page, index = 0): Promise<void> {
  await page.waitForFunction((i) => {
    const viewport = (globalThis as any).dcmkitViewer?.studyView?.viewports[i];
    return viewport && viewport.framesDrawn > 0;
  }, index);
}

/** Client coordinates of image point (x, y) in the active viewport. */
export function clientPoint(page: Page, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(([x, y]) => (globalThis as any).dcmkitViewer.studyView.activeViewport.imageToClient(x, y), [x, y] as const);
}

/** A left-button drag in the active viewport from image point `from` to `to`. */
export async function dragImage(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const [x0, y0] = await clientPoint(page, ...from);
  const [x1, y1] = await clientPoint(page, ...to);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
}
