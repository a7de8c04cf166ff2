// Query parameters of the rendered and thumbnail resources (PS3.18 8.3.5.1): quality, viewport, window;
// a bad value is a 400 naming the parameter. Burned-in annotation and ICC profiles are not offered: those
// parameters are ignored (PS3.18 8.3).
import type { Window, VoiLutFunction } from '@dcmkit/pixel';
import { HttpError } from '../errors.js';
import { single, type QueryParams } from './query-params.js';
import type { SourceRegion } from './image-region.js';
import type { RenderRequest } from './render-image.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function numberIn(text: string, name: string, pattern: RegExp, what: string): number {
  const t = text.trim();
  if (!pattern.test(t)) throw new HttpError(400, `${name}: "${text}" is not ${what}`, name);
  return Number(t);
}

/** A decimal number (a DS value, PS3.5 6.2); 400 naming `name` otherwise. */
export const decimal = (text: string, name: string): number => numberIn(text, name, DECIMAL, 'a decimal number');

/** PS3.18 8.3.5.1 quality: an integer from 1 to 100 (lossy JPEG). */
export function parseQuality(text: string, name = 'quality'): number {
  const q = numberIn(text, name, INTEGER, 'an integer');
  if (q < 1 || q > 100) throw new HttpError(400, `${name}: ${q} is outside 1-100`, name);
  return q;
}

const FUNCTIONS: Record<string, VoiLutFunction> = { linear: 'LINEAR', 'linear-exact': 'LINEAR_EXACT', linear_exact: 'LINEAR_EXACT', sigmoid: 'SIGMOID' };

/** A window center and width (PS3.3 C.11.2.1.2): width >= 1 for LINEAR, > 0 otherwise. */
export function checkedWindow(window: Window, name: string): Window {
  const linear = window.function === undefined || window.function === 'LINEAR';
  if (linear ? window.width < 1 : window.width <= 0) throw new HttpError(400, `${name}: width ${window.width} must be ${linear ? '>= 1' : '> 0'}`, name);
  return window;
}

/** PS3.18 8.3.5.1 window: window=center,width,function (linear, linear-exact or sigmoid). */
function parseWindow(text: string): Window {
  const [center, width, fn, ...rest] = text.split(',');
  if (width === undefined || fn === undefined || rest.length > 0) throw new HttpError(400, `window: "${text}" is not center,width,function`, 'window');
  const func = FUNCTIONS[fn.trim().toLowerCase()];
  if (!func) throw new HttpError(400, `window: function "${fn}" is not linear, linear-exact or sigmoid`, 'window');
  const window = { center: decimal(center!, 'window'), width: decimal(width, 'window'), function: func };
  return checkedWindow(window, 'window');
}

/** A positive integer (a size in pixels). */
export function positiveInteger(text: string, name: string): number {
  const n = numberIn(text, name, INTEGER, 'an integer');
  if (n < 1) throw new HttpError(400, `${name}: ${n} must be at least 1`, name);
  return n;
}

/**
 * PS3.18 8.3.5.1 viewport: viewport=vw,vh[,sx,sy,sw,sh]. The source region sx,sy (top left, pixels) and
 * sw,sh (size; negative flips) defaults to the whole image; each of its values may be left empty.
 */
export function parseViewport(text: string): Pick<RenderRequest, 'size' | 'region'> {
  const parts = text.split(',');
  if (parts.length !== 2 && parts.length !== 6) throw new HttpError(400, `viewport: "${text}" is not vw,vh or vw,vh,sx,sy,sw,sh`, 'viewport');
  const size = { width: positiveInteger(parts[0]!, 'viewport'), height: positiveInteger(parts[1]!, 'viewport') };
  if (parts.length === 2) return { size };
  const value = (i: number) => (parts[i]!.trim() === '' ? undefined : numberIn(parts[i]!, 'viewport', INTEGER, 'an integer'));
  const region: SourceRegion = { x: value(2), y: value(3), width: value(4), height: value(5) };
  if (region.width === 0 || region.height === 0) throw new HttpError(400, 'viewport: sw and sh must not be 0', 'viewport');
  return { size, region };
}

/** The render request of rendered resources' parameters (PS3.18 8.3.5.1). */
export function renderedParams(query: QueryParams): Omit<RenderRequest, 'mediaType'> {
  const quality = single(query, 'quality');
  const viewport = single(query, 'viewport');
  const window = single(query, 'window');
  return {
    ...(quality !== undefined && { quality: parseQuality(quality) }),
    ...(viewport !== undefined && parseViewport(viewport)),
    ...(window !== undefined && { window: parseWindow(window) }),
  };
}
