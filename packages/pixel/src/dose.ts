// RT Dose (PS3.3 C.8.8.3): the pixel dose grid in Dose Units, stored values x Dose Grid Scaling.
import { readDose, type DicomFile, type DoseGrid, type RTDose } from '@dcmkit/core';
import { decodePixelArray, type DecodeOptions } from './decode.js';
import { PixelDataError } from './errors.js';
import { storedRange } from './stored-range.js';

export interface DoseVolume {
  dose: RTDose;
  grid: DoseGrid;
  /** Dose in Dose Units (Gy, or RELATIVE), frames x rows x columns, C order. */
  values: Float64Array;
  shape: [number, number, number];
  min: number;
  max: number;
}

/**
 * Decodes an RT Dose's grid: every frame's stored values times Dose Grid Scaling (3004,000E), with the
 * metadata of readDose (frame positions from Grid Frame Offset Vector). Throws an RTError for missing
 * RT Dose attributes, a PixelDataError when the object holds no dose grid or it cannot be decoded.
 */
export async function doseGrid(file: DicomFile, opts: DecodeOptions = {}): Promise<DoseVolume> {
  const dose = readDose(file);
  const grid = dose.grid;
  if (!grid) throw new PixelDataError('missing', 'no Pixel Data: the RT Dose holds no dose grid', { file: file.source.name });
  const stored = (await decodePixelArray(file, opts)).data;
  const values = Float64Array.from(stored, (v) => v * grid.doseGridScaling);
  const { min, max } = storedRange(values);
  return { dose, grid, values, shape: [grid.numberOfFrames, grid.rows, grid.columns], min, max };
}
