import type { DataSet } from '../dataset.js';
import { compositeInstance, declareCharacterSet, type InstanceInput } from './composite.js';
import { SopClass } from '@dcmkit/dictionary';
import { ENCAPSULATED_DOCUMENT, ENCAPSULATED_DOCUMENT_LENGTH, MIME_TYPE_OF_ENCAPSULATED_DOCUMENT } from './encapsulated.js';

export interface EncapsulatePdfOptions extends Partial<InstanceInput> {
  patientName: string;
  patientID: string;
  /** The study the document belongs to; default a new one. */
  studyInstanceUID?: string;
  /** Document Title (0042,0010). */
  title?: string;
  /** Burned In Annotation (0028,0301): the PDF shows patient identification; default YES. */
  burnedInAnnotation?: boolean;
}

/** A PDF starts with "%PDF-" (ISO 32000-1 7.5.2). */
const isPdf = (b: Uint8Array) => b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d;

/**
 * An Encapsulated PDF Storage instance (PS3.3 A.45.1): Patient, General Study, Encapsulated Document
 * Series (Modality DOC), General Equipment, SC Equipment (Conversion Type WSD), Encapsulated Document
 * (with its length, PS3.3 C.24.2.1) and SOP Common. Write it with `writeDicom`.
 */
export function encapsulatePdf(pdf: Uint8Array, opts: EncapsulatePdfOptions): DataSet {
  if (!isPdf(pdf)) throw new TypeError('encapsulatePdf: the bytes are not a PDF (they do not start with "%PDF-")');
  const { patientName, patientID, studyInstanceUID, title, burnedInAnnotation = true, ...input } = opts;
  const ds = compositeInstance(SopClass.EncapsulatedPDFStorage, 'DOC', {
    ...input,
    patient: input.patient ?? { name: patientName, id: patientID },
    study: { ...input.study, instanceUID: studyInstanceUID ?? input.study?.instanceUID },
  });
  // SC Equipment Module (PS3.3 C.8.6.1): a document made on a workstation.
  ds.set('ConversionType', 'WSD');
  // Encapsulated Document Module (PS3.3 C.24.2).
  ds.set('AcquisitionDateTime', null);
  ds.set('BurnedInAnnotation', burnedInAnnotation ? 'YES' : 'NO');
  ds.set('DocumentTitle', title ?? null);
  ds.set('ConceptNameCodeSequence', []);
  ds.set(MIME_TYPE_OF_ENCAPSULATED_DOCUMENT, 'application/pdf');
  ds.set(ENCAPSULATED_DOCUMENT, pdf);
  ds.set(ENCAPSULATED_DOCUMENT_LENGTH, pdf.length);
  declareCharacterSet(ds);
  return ds;
}
