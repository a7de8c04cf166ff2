// Small generated instances with chosen Patient / Study / Series / Instance attributes.
import { DataSet, writeDicom } from '@dcmkit/core';

export interface SyntheticInstance {
  study: string;
  series: string;
  sop: string;
  patientName?: string;
  patientId?: string;
  studyDate?: string;
  studyTime?: string;
  accessionNumber?: string;
  modality?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  referringPhysician?: string;
  /** Scheduled Procedure Step ID and Requested Procedure ID of one Request Attributes Sequence item. */
  request?: [string, string];
  /** Frames of rows x columns 16-bit pixels (default 1 frame of 4 x 4). */
  frames?: number;
  rows?: number;
  columns?: number;
  /** Leave out Pixel Data (the image attributes stay). */
  noPixelData?: boolean;
}

/** A CT-like Part 10 file (Explicit VR Little Endian) with the given attributes. */
export const syntheticInstance = (o: SyntheticInstance): Uint8Array => writeDicom({ dataset: syntheticDataSet(o) }, { transferSyntax: '1.2.840.10008.1.2.1' });

/** The data set of `syntheticInstance`. */
export function syntheticDataSet(o: SyntheticInstance): DataSet {
  const ds = new DataSet();
  const rows = o.rows ?? 4;
  const columns = o.columns ?? 4;
  const frames = o.frames ?? 1;
  ds.set('SpecificCharacterSet', 'ISO_IR 192');
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
  ds.set('SOPInstanceUID', o.sop);
  ds.set('StudyDate', o.studyDate ?? '20240101', 'DA');
  ds.set('StudyTime', o.studyTime ?? '120000', 'TM');
  ds.set('AccessionNumber', o.accessionNumber ?? '');
  ds.set('Modality', o.modality ?? 'CT');
  ds.set('ReferringPhysicianName', o.referringPhysician ?? '', 'PN');
  ds.set('PatientName', o.patientName ?? 'Doe^John', 'PN');
  ds.set('PatientID', o.patientId ?? 'P1');
  ds.set('StudyInstanceUID', o.study);
  ds.set('SeriesInstanceUID', o.series);
  ds.set('StudyID', '1');
  ds.set('SeriesNumber', String(o.seriesNumber ?? 1), 'IS');
  ds.set('InstanceNumber', String(o.instanceNumber ?? 1), 'IS');
  if (o.request) {
    const item = new DataSet();
    item.set('ScheduledProcedureStepID', o.request[0]);
    item.set('RequestedProcedureID', o.request[1]);
    ds.set('RequestAttributesSequence', [item], 'SQ');
  }
  ds.set('SamplesPerPixel', 1, 'US');
  ds.set('PhotometricInterpretation', 'MONOCHROME2');
  if (frames > 1) ds.set('NumberOfFrames', String(frames), 'IS');
  ds.set('Rows', rows, 'US');
  ds.set('Columns', columns, 'US');
  ds.set('BitsAllocated', 16, 'US');
  ds.set('BitsStored', 16, 'US');
  ds.set('HighBit', 15, 'US');
  ds.set('PixelRepresentation', 0, 'US');
  if (o.noPixelData) return ds;
  const pixels = new Uint8Array(rows * columns * 2 * frames);
  for (let i = 0; i < pixels.length; i++) pixels[i] = i & 0xff;
  ds.set('PixelData', pixels, 'OW');
  return ds;
}
