// Image pixels to canvas pixels: zoom, pan, rotation by quarter turns, flips on screen, and the pixel aspect
// ratio (Pixel Spacing rows/columns may differ, PS3.3 C.7.6.2.1.1), as one 2D affine matrix.

/** [a, b, c, d, e, f]: x' = a x + c y + e, y' = b x + d y + f (the canvas setTransform order). */
export type Matrix = [number, number, number, number, number, number];

export interface ViewState {
  /** Canvas pixels per image column. */
  zoom: number;
  /** Offset of the image centre from the canvas centre, in canvas pixels. */
  panX: number;
  panY: number;
  /** Clockwise quarter turns: 0, 90, 180 or 270 degrees. */
  rotation: number;
  flipH: boolean;
  flipV: boolean;
}

export const initialView = (): ViewState => ({ zoom: 1, panX: 0, panY: 0, rotation: 0, flipH: false, flipV: false });

export interface Size {
  width: number;
  height: number;
}

/** The matrix taking image coordinates (pixel corners, x right, y down) to canvas coordinates. */
export function viewMatrix(view: ViewState, image: Size, canvas: Size, aspect = 1): Matrix {
  const sx = view.zoom;
  const sy = view.zoom * aspect;
  const fh = view.flipH ? -1 : 1;
  const fv = view.flipV ? -1 : 1;
  const turn = ((((view.rotation / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  const [cos, sin] = [[1, 0], [0, 1], [-1, 0], [0, -1]][turn]!;
  // Canvas = T(canvas centre + pan) · F(screen flips) · R · S(zoom, aspect) · T(-image centre).
  const a = fh * cos! * sx;
  const b = fv * sin! * sx;
  const c = -fh * sin! * sy;
  const d = fv * cos! * sy;
  const cx = image.width / 2;
  const cy = image.height / 2;
  return [a, b, c, d, canvas.width / 2 + view.panX - (a * cx + c * cy), canvas.height / 2 + view.panY - (b * cx + d * cy)];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** The zoom at which the whole image fits the canvas, whatever the rotation. */
export function fitZoom(image: Size, canvas: Size, rotation: number, aspect = 1): number {
  const quarter = (rotation / 90) % 2 !== 0;
  const w = quarter ? image.height * aspect : image.width;
  const h = quarter ? image.width : image.height * aspect;
  return Math.min(canvas.width / w, canvas.height / h);
}
