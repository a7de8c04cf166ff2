// The VOI LUT: modality values to display values, by window or by table (PS3.3 C.11.2).
import type { DataSet } from '@dcmkit/core';
import { functionalGroupItems } from './functional-groups.js';
import { lutMaxOutput, lutOutput, readLookupTable, type LookupTable } from './lut.js';

/** VOI LUT Function (0028,1056) (PS3.3 C.11.2.1.3); LINEAR when absent. */
export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** A window: Window Center (0028,1050) and Window Width (0028,1051) in modality values. */
export interface Window {
  center: number;
  width: number;
  function?: VoiLutFunction;
  /** Window Center & Width Explanation (0028,1055), or where the window came from (a preset name, "data range"). */
  explanation?: string;
}

export type VoiLut = ({ kind: 'window' } & Window) | { kind: 'lut'; table: LookupTable; explanation?: string };

const FUNCTIONS = new Set<string>(['LINEAR', 'LINEAR_EXACT', 'SIGMOID']);

/** True when a window can be applied: width >= 1 for LINEAR, > 0 otherwise (PS3.3 C.11.2.1.2.1, C.11.2.1.3). */
export function isValidWindow(w: Window): boolean {
  return Number.isFinite(w.center) && Number.isFinite(w.width) && (w.function === undefined || w.function === 'LINEAR' ? w.width >= 1 : w.width > 0);
}

/**
 * The window as a function of the input, with values in [yMin, yMax] (real numbers): the equations
 * of PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.1 (SIGMOID) and C.11.2.1.3.2 (LINEAR_EXACT).
 */
export function windowFunction(w: Window, yMin: number, yMax: number): (x: number) => number {
  const { center: c, width: wd } = w;
  const span = yMax - yMin;
  switch (w.function ?? 'LINEAR') {
    case 'SIGMOID':
      return (x) => span / (1 + Math.exp((-4 * (x - c)) / wd)) + yMin;
    case 'LINEAR_EXACT': {
      const [low, high] = [c - wd / 2, c + wd / 2];
      return (x) => (x <= low ? yMin : x > high ? yMax : ((x - c) / wd + 0.5) * span + yMin);
    }
    default: {
      const [low, high] = [c - 0.5 - (wd - 1) / 2, c - 0.5 + (wd - 1) / 2];
      return (x) => (x <= low ? yMin : x > high ? yMax : ((x - (c - 0.5)) / (wd - 1) + 0.5) * span + yMin);
    }
  }
}

/** The output of a window for one input (see windowFunction). */
export const windowOutput = (w: Window, x: number, yMin: number, yMax: number): number => windowFunction(w, yMin, yMax)(x);

/** A VOI transform as a function of the modality value, with values in [0, yMax]; a table's output is scaled from its bit depth. */
export function voiFunction(voi: VoiLut, yMax: number): (x: number) => number {
  if (voi.kind === 'window') return windowFunction(voi, 0, yMax);
  const { table } = voi;
  const scale = yMax / lutMaxOutput(table);
  return (x) => lutOutput(table, x) * scale;
}

/**
 * The VOI transforms a frame offers, in order: its windows (value pairs of Window Center/Width),
 * then the items of the VOI LUT Sequence (0028,3010). For enhanced multi-frame images the windows
 * come from the Frame VOI LUT Sequence (0028,9132) of the frame's functional group (PS3.3 C.7.6.16.2.10).
 * `signedInput`: the VOI LUT Descriptor's first mapped value is SS (the modality values can be negative).
 */
export function voiLuts(ds: DataSet, frameIndex = 0, signedInput = ds.getNumber('PixelRepresentation') === 1): VoiLut[] {
  const frameVoi = functionalGroupItems(ds, frameIndex, 'FrameVOILUTSequence')?.[0];
  const windows = windowsOf(frameVoi ?? ds);
  const tables = ds.items('VOILUTSequence').flatMap((item): VoiLut[] => {
    const table = readLookupTable(item, 'LUTDescriptor', 'LUTData', signedInput);
    const explanation = item.getString('LUTExplanation');
    return table ? [{ kind: 'lut', table, ...(explanation ? { explanation } : {}) }] : [];
  });
  return [...windows, ...tables];
}

function windowsOf(ds: DataSet): VoiLut[] {
  const centers = ds.getNumbers('WindowCenter');
  const widths = ds.getNumbers('WindowWidth');
  const explanations = ds.getStrings('WindowCenterWidthExplanation');
  const fn = ds.getString('VOILUTFunction')?.trim().toUpperCase();
  const windows: VoiLut[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    const w: Window = {
      center: centers[i]!,
      width: widths[i]!,
      ...(fn && FUNCTIONS.has(fn) ? { function: fn as VoiLutFunction } : {}),
      ...(explanations[i] ? { explanation: explanations[i] } : {}),
    };
    // A window the formulas cannot apply (width 0, not a number) is skipped, as if absent.
    if (isValidWindow(w)) windows.push({ kind: 'window', ...w });
  }
  return windows;
}

/** Picks a VOI transform by index, or by its Window Center & Width Explanation / LUT Explanation (case-insensitive). */
export function selectVoi(luts: VoiLut[], select: { index?: number; explanation?: string } = {}): VoiLut | undefined {
  if (select.explanation !== undefined) {
    const wanted = select.explanation.toLowerCase();
    return luts.find((l) => l.explanation?.trim().toLowerCase() === wanted);
  }
  return luts[select.index ?? 0];
}

/**
 * A window over a range of modality values: LINEAR_EXACT with center (min+max)/2 and width
 * max-min, so min maps to black and max to white. Used when the file gives no VOI transform.
 */
export function rangeWindow(min: number, max: number): Window {
  return { center: (min + max) / 2, width: Math.max(max - min, 1), function: 'LINEAR_EXACT', explanation: 'data range' };
}
