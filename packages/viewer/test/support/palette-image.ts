// A generated PALETTE COLOR image for the viewer's tests: 16-bit stored values through 65536-entry
// 16-bit palettes (128 KiB each, above the archive's bulk data threshold), in four bands of distinct colours.
import { DataSet, SopClass, TransferSyntax, writeDicom } from '@dcmkit/core';

export interface PaletteImage {
  file: Uint8Array;
  dataset: DataSet;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  rows: number;
  columns: number;
}

/** The stored values of the four bands, left to right. */
export const BAND_VALUES = [0x0000, 0x5500, 0xaa00, 0xffff];

/** The palettes: red rises, green falls, blue is full on the lower half of the inputs. */
const red = (i: number) => i;
const green = (i: number) => 0xffff - i;
const blue = (i: number) => (i < 0x8000 ? 0xffff : 0);

/** The RGB the viewer shows for band `band`: each palette entry's top 8 bits. */
export function bandColour(band: number): [number, number, number] {
  const v = BAND_VALUES[band]!;
  return [red(v) >> 8, green(v) >> 8, blue(v) >> 8];
}

/** The 65536 entries of a palette as OW bytes (little endian). */
function paletteData(entry: (i: number) => number): Uint8Array {
  const words = new Uint16Array(0x10000);
  for (let i = 0; i < words.length; i++) words[i] = entry(i);
  return new Uint8Array(words.buffer);
}

export function paletteImage(opts: { seed: number; patientName?: string; rows?: number; columns?: number }): PaletteImage {
  const rows = opts.rows ?? 64;
  const columns = opts.columns ?? 64;
  const root = `1.2.826.0.1.3680043.10.1297.${opts.seed}`;
  const studyInstanceUID = `${root}.1`;
  const seriesInstanceUID = `${root}.2`;
  const sopInstanceUID = `${root}.3.1`;
  const ds = new DataSet();
  ds.set('SpecificCharacterSet', 'ISO_IR 192');
  ds.set('SOPClassUID', SopClass.SecondaryCaptureImageStorage);
  ds.set('SOPInstanceUID', sopInstanceUID);
  ds.set('StudyDate', '20240220');
  ds.set('Modality', 'OT');
  ds.set('StudyDescription', 'Palette study');
  ds.set('PatientName', opts.patientName ?? 'Palette^Pat');
  ds.set('PatientID', `PAL${opts.seed}`);
  ds.set('StudyInstanceUID', studyInstanceUID);
  ds.set('SeriesInstanceUID', seriesInstanceUID);
  ds.set('StudyID', String(opts.seed));
  ds.set('SeriesNumber', 1);
  ds.set('InstanceNumber', 1);
  ds.set('SamplesPerPixel', 1);
  ds.set('PhotometricInterpretation', 'PALETTE COLOR');
  ds.set('Rows', rows);
  ds.set('Columns', columns);
  ds.set('BitsAllocated', 16);
  ds.set('BitsStored', 16);
  ds.set('HighBit', 15);
  ds.set('PixelRepresentation', 0);
  // 65536 entries are given as 0 (PS3.3 C.7.6.3.1.5).
  for (const colour of ['Red', 'Green', 'Blue'] as const) ds.set(`${colour}PaletteColorLookupTableDescriptor`, [0, 0, 16]);
  ds.set('RedPaletteColorLookupTableData', paletteData(red), 'OW');
  ds.set('GreenPaletteColorLookupTableData', paletteData(green), 'OW');
  ds.set('BluePaletteColorLookupTableData', paletteData(blue), 'OW');
  const pixels = new Uint16Array(rows * columns);
  for (let y = 0; y < rows; y++) for (let x = 0; x < columns; x++) pixels[y * columns + x] = BAND_VALUES[Math.floor((x * 4) / columns)]!;
  ds.set('PixelData', new Uint8Array(pixels.buffer), 'OW');
  const file = writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
  return { file, dataset: ds, studyInstanceUID, seriesInstanceUID, sopInstanceUID, rows, columns };
}
