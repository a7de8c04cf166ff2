// Small generated instances for the de-identification tests: written by writeDicom and parsed back,
// so they are read like files (parsed elements with their bytes), not hand-made objects.
import { DataSet, parseDicom, writeDicom, TransferSyntax, type DicomFile } from '@dcmkit/core';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

export interface InstanceSpec {
  patientId?: string;
  patientName?: string;
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  frameOfReferenceUid?: string;
  /** SOP Instance UIDs this instance references in Referenced Image Sequence (0008,1140). */
  references?: string[];
  /** More elements to set, as DataSet.set takes them. */
  set?: (ds: DataSet) => void;
  /** Native pixels: rows x columns of 8-bit samples. */
  pixels?: { rows: number; columns: number; frames?: number; samples?: number; bits?: 8 | 16; planar?: 0 | 1 };
}

/** A CT-like instance as a parsed Part 10 file. */
export function instance(spec: InstanceSpec): DicomFile {
  const ds = new DataSet();
  ds.set('SpecificCharacterSet', 'ISO_IR 100');
  ds.set('SOPClassUID', CT_IMAGE_STORAGE);
  ds.set('SOPInstanceUID', spec.sopUid);
  ds.set('StudyDate', '20240315');
  ds.set('StudyTime', '101500');
  ds.set('Modality', 'CT');
  ds.set('StudyDescription', `CT chest ${spec.patientName?.split('^')[0] ?? ''}`.trim());
  ds.set('PatientName', spec.patientName ?? 'Doe^Jane');
  ds.set('PatientID', spec.patientId ?? 'PID-0001');
  ds.set('PatientBirthDate', '19700101');
  ds.set('StudyInstanceUID', spec.studyUid);
  ds.set('SeriesInstanceUID', spec.seriesUid);
  if (spec.frameOfReferenceUid) ds.set('FrameOfReferenceUID', spec.frameOfReferenceUid);
  if (spec.references) {
    ds.set(
      'ReferencedImageSequence',
      spec.references.map((uid) => {
        const item = ds.createItem();
        item.set('ReferencedSOPClassUID', CT_IMAGE_STORAGE);
        item.set('ReferencedSOPInstanceUID', uid);
        return item;
      }),
    );
  }
  if (spec.pixels) setPixels(ds, spec.pixels);
  spec.set?.(ds);
  return reparse(ds);
}

/** Native Pixel Data of `frames` frames, sample i = (i % 251) + 1, so no sample is zero. */
function setPixels(ds: DataSet, p: NonNullable<InstanceSpec['pixels']>): void {
  const samples = p.samples ?? 1;
  const bits = p.bits ?? 8;
  const frames = p.frames ?? 1;
  ds.set('Rows', p.rows);
  ds.set('Columns', p.columns);
  ds.set('SamplesPerPixel', samples);
  ds.set('PhotometricInterpretation', samples === 3 ? 'RGB' : 'MONOCHROME2');
  if (samples === 3) ds.set('PlanarConfiguration', p.planar ?? 0);
  ds.set('BitsAllocated', bits);
  ds.set('BitsStored', bits);
  ds.set('HighBit', bits - 1);
  ds.set('PixelRepresentation', 0);
  if (frames > 1) ds.set('NumberOfFrames', String(frames));
  const bytes = new Uint8Array(p.rows * p.columns * samples * frames * (bits / 8));
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i % 251) + 1;
  ds.set('PixelData', bytes, bits === 8 ? 'OB' : 'OW');
}

/** Writes and parses again: elements then have their bytes, as read from a file. */
export function reparse(ds: DataSet, transferSyntax: string = TransferSyntax.ExplicitVRLittleEndian): DicomFile {
  return parseDicom(writeDicom({ dataset: ds }, { transferSyntax }));
}

/** The sample values of the Pixel Data of a data set. */
export const pixelBytes = (ds: DataSet): Uint8Array => ds.values('PixelData')[0] as Uint8Array;
