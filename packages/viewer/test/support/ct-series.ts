// A small generated CT series for the viewer's tests: known pixel spacing, rescale to HU, and per
// slice a marker so that scrolling can be seen in the pixels.
import { DataSet, SopClass, TransferSyntax, writeDicom } from '@dcmkit/core';

export interface CtSeriesOptions {
  count: number;
  rows?: number;
  columns?: number;
  /** Pixel Spacing: row spacing, column spacing (mm). */
  spacing?: [number, number];
  patientName?: string;
  patientID?: string;
  studyDescription?: string;
  /** A number making the UIDs unique among the series of one test. */
  seed?: number;
  /** Put the series in this study (default: a study of its own). */
  studyInstanceUID?: string;
  seriesNumber?: number;
  /** Instance Number of each slice (default: slice + 1); slice i lies at z = i mm whatever its number. */
  instanceNumbers?: number[];
}

export interface CtSeries {
  files: Uint8Array[];
  studyInstanceUID: string;
  seriesInstanceUID: string;
  rows: number;
  columns: number;
  spacing: [number, number];
}

export const RESCALE_INTERCEPT = -1024;

/**
 * The HU of pixel (x, y) of slice `slice`: air (-1000) on the left third, lung (-600) then soft
 * tissue (40) then bone (1200) across the rest, and on row `slice` (mod rows) a 3000 HU marker line.
 */
export function ctValue(x: number, y: number, slice: number, rows: number, columns: number): number {
  if (y === slice % rows) return 3000;
  const band = Math.floor((x * 4) / columns);
  return [-1000, -600, 40, 1200][band]!;
}

export function ctSeries(opts: CtSeriesOptions): CtSeries {
  const rows = opts.rows ?? 64;
  const columns = opts.columns ?? 64;
  const spacing = opts.spacing ?? [0.5, 0.5];
  const seed = opts.seed ?? 1;
  const root = `1.2.826.0.1.3680043.10.1297.${seed}`;
  const studyInstanceUID = opts.studyInstanceUID ?? `${root}.1`;
  const seriesInstanceUID = `${root}.2`;
  const files: Uint8Array[] = [];
  for (let i = 0; i < opts.count; i++) {
    const ds = new DataSet();
    const sop = `${root}.3.${i + 1}`;
    ds.set('SpecificCharacterSet', 'ISO_IR 192');
    ds.set('SOPClassUID', SopClass.CTImageStorage);
    ds.set('SOPInstanceUID', sop);
    ds.set('StudyDate', '20240115');
    ds.set('StudyTime', '101500');
    ds.set('AccessionNumber', `ACC${seed}`);
    ds.set('Modality', 'CT');
    ds.set('StudyDescription', opts.studyDescription ?? 'Viewer test study');
    ds.set('SeriesDescription', `Generated CT ${opts.count} slices`);
    ds.set('PatientName', opts.patientName ?? 'Viewer^Test');
    ds.set('PatientID', opts.patientID ?? `VT${seed}`);
    ds.set('PatientBirthDate', '19700101');
    ds.set('PatientSex', 'O');
    ds.set('SliceThickness', 1);
    ds.set('StudyInstanceUID', studyInstanceUID);
    ds.set('SeriesInstanceUID', seriesInstanceUID);
    ds.set('StudyID', String(seed));
    ds.set('SeriesNumber', opts.seriesNumber ?? 1);
    ds.set('InstanceNumber', opts.instanceNumbers?.[i] ?? i + 1);
    ds.set('ImagePositionPatient', [0, 0, i]);
    ds.set('ImageOrientationPatient', [1, 0, 0, 0, 1, 0]);
    ds.set('SamplesPerPixel', 1);
    ds.set('PhotometricInterpretation', 'MONOCHROME2');
    ds.set('Rows', rows);
    ds.set('Columns', columns);
    ds.set('PixelSpacing', spacing);
    ds.set('BitsAllocated', 16);
    ds.set('BitsStored', 16);
    ds.set('HighBit', 15);
    ds.set('PixelRepresentation', 1);
    ds.set('WindowCenter', 40);
    ds.set('WindowWidth', 400);
    ds.set('RescaleIntercept', RESCALE_INTERCEPT);
    ds.set('RescaleSlope', 1);
    ds.set('RescaleType', 'HU');
    const pixels = new Int16Array(rows * columns);
    for (let y = 0; y < rows; y++) for (let x = 0; x < columns; x++) pixels[y * columns + x] = ctValue(x, y, i, rows, columns) - RESCALE_INTERCEPT;
    ds.set('PixelData', new Uint8Array(pixels.buffer), 'OW');
    files.push(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }));
  }
  return { files, studyInstanceUID, seriesInstanceUID, rows, columns, spacing };
}
