import { lookupUid } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { readContentTree } from './read-content.js';
import { documentType, isStructuredReportClass } from './document.js';
import { StructuredReportError } from './error.js';
import type { ContainerItem } from './types.js';

/** An observer who verified the document (PS3.3 Table C.17-1, Verifying Observer Sequence). */
export interface VerifyingObserver {
  name: string;
  organization: string;
  dateTime: string;
}

/** A referenced instance of a Hierarchical SOP Instance Reference Macro (PS3.3 Table C.17-3). */
export interface EvidenceReference {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopClassUID: string;
  sopInstanceUID: string;
}

/** An SR document: its header (SR Document General Module, PS3.3 C.17.2) and content tree (C.17.3). */
export interface StructuredReport {
  /** "Comprehensive SR", "Key Object Selection Document" ... */
  documentType: string;
  sopClassUID: string;
  sopInstanceUID: string;
  patient: { name: string; id: string; birthDate: string; sex: string };
  study: { instanceUID: string; date: string; time: string; description: string; id: string; accessionNumber: string };
  series: { instanceUID: string; number?: number; description: string; modality: string };
  instanceNumber?: number;
  /** Completion Flag (0040,A491): PARTIAL or COMPLETE; absent in Key Object Selection Documents. */
  completionFlag?: string;
  completionFlagDescription?: string;
  /** Verification Flag (0040,A493): UNVERIFIED or VERIFIED. */
  verificationFlag?: string;
  verifyingObservers: VerifyingObserver[];
  /** Items of Predecessor Documents Sequence (0040,A360). */
  predecessorDocuments: number;
  contentDate: string;
  contentTime: string;
  /** Current Requested Procedure Evidence Sequence (0040,A375), flattened. */
  evidence: EvidenceReference[];
  root: ContainerItem;
}

const text = (ds: DataSet, keyword: Parameters<DataSet['getText']>[0]) => ds.getText(keyword)?.replace(/[\0 ]+$/, '').trim() ?? '';

/** The instances a Hierarchical SOP Instance Reference Macro lists (PS3.3 Table C.17-3). */
export function evidenceOf(ds: DataSet, sequence: 'CurrentRequestedProcedureEvidenceSequence' | 'PertinentOtherEvidenceSequence'): EvidenceReference[] {
  const out: EvidenceReference[] = [];
  for (const study of ds.items(sequence)) {
    for (const series of study.items('ReferencedSeriesSequence')) {
      for (const sop of series.items('ReferencedSOPSequence')) {
        out.push({
          studyInstanceUID: text(study, 'StudyInstanceUID'),
          seriesInstanceUID: text(series, 'SeriesInstanceUID'),
          sopClassUID: text(sop, 'ReferencedSOPClassUID'),
          sopInstanceUID: text(sop, 'ReferencedSOPInstanceUID'),
        });
      }
    }
  }
  return out;
}

/**
 * Reads an SR document (Basic Text, Enhanced, Comprehensive, Comprehensive 3D, Key Object Selection and
 * the other SR SOP Classes, PS3.3 A.35): header and content tree. A missing or malformed required
 * attribute throws a StructuredReportError naming it and the content item's path.
 */
export function readStructuredReport(ds: DataSet): StructuredReport {
  const sopClassUID = text(ds, 'SOPClassUID');
  if (!sopClassUID) throw new StructuredReportError('SOP Class UID (0008,0016)', '', 'missing');
  // Another kind of instance, unless it holds a content tree all the same.
  if (!isStructuredReportClass(sopClassUID) && !ds.has('ValueType')) {
    throw new StructuredReportError('SOP Class UID (0008,0016)', '', `is ${lookupUid(sopClassUID)?.name ?? sopClassUID}: not an SR document`);
  }
  const root = readContentTree(ds);
  const completionFlag = text(ds, 'CompletionFlag');
  const verificationFlag = text(ds, 'VerificationFlag');
  const completionFlagDescription = text(ds, 'CompletionFlagDescription');
  return {
    documentType: documentType(sopClassUID),
    sopClassUID,
    sopInstanceUID: text(ds, 'SOPInstanceUID'),
    patient: { name: text(ds, 'PatientName'), id: text(ds, 'PatientID'), birthDate: text(ds, 'PatientBirthDate'), sex: text(ds, 'PatientSex') },
    study: {
      instanceUID: text(ds, 'StudyInstanceUID'),
      date: text(ds, 'StudyDate'),
      time: text(ds, 'StudyTime'),
      description: text(ds, 'StudyDescription'),
      id: text(ds, 'StudyID'),
      accessionNumber: text(ds, 'AccessionNumber'),
    },
    series: { instanceUID: text(ds, 'SeriesInstanceUID'), number: ds.getNumber('SeriesNumber'), description: text(ds, 'SeriesDescription'), modality: text(ds, 'Modality') },
    instanceNumber: ds.getNumber('InstanceNumber'),
    ...(completionFlag && { completionFlag }),
    ...(completionFlagDescription && { completionFlagDescription }),
    ...(verificationFlag && { verificationFlag }),
    verifyingObservers: ds.items('VerifyingObserverSequence').map((o) => ({
      name: text(o, 'VerifyingObserverName'),
      organization: text(o, 'VerifyingOrganization'),
      dateTime: text(o, 'VerificationDateTime'),
    })),
    predecessorDocuments: ds.items('PredecessorDocumentsSequence').length,
    contentDate: text(ds, 'ContentDate'),
    contentTime: text(ds, 'ContentTime'),
    evidence: evidenceOf(ds, 'CurrentRequestedProcedureEvidenceSequence'),
    root,
  };
}
