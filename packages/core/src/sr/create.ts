import type { DataSet } from '../dataset.js';
import { SopClass, lookupUid } from '@dcmkit/dictionary';
import { compositeInstance, declareCharacterSet, type InstanceInput } from '../document/composite.js';
import { PersonName } from '../values/person-name.js';
import { code } from './code.js';
import { StructuredReportError } from './error.js';
import { readStructuredReport, type EvidenceReference } from './read.js';
import { isReference, type Code, type ContainerItem, type ContentItem, type ContentNode, type ValueType } from './types.js';
import { writeContentTree } from './write-content.js';

/** An observer who verified the document (PS3.3 C.17.2.2): it is then VERIFIED. */
export interface Verification {
  observerName: string;
  organization: string;
  /** YYYYMMDDHHMMSS; default now. */
  dateTime?: string;
}

export interface BasicTextSRInput extends InstanceInput {
  /** The document title: the root CONTAINER's Concept Name (e.g. (11528-7,LN,"Radiology Report")). */
  title: Code;
  /** The root CONTAINER's children. */
  content: ContentNode[];
  /** Completion Flag (0040,A491); default COMPLETE. */
  completionFlag?: 'PARTIAL' | 'COMPLETE';
  completionFlagDescription?: string;
  verification?: Verification;
  /**
   * The study and series of each instance the content references: Current Requested Procedure
   * Evidence Sequence (0040,A375) lists them (PS3.3 C.17.2.3).
   */
  evidence?: EvidenceReference[];
}

/** A reference to an instance a Key Object Selection Document selects, with where it is. */
export interface KeyObjectReference {
  sopClassUID: string;
  sopInstanceUID: string;
  studyUID: string;
  seriesUID: string;
  /** Frames of a multi-frame image (Referenced Frame Number). */
  frames?: number[];
}

export interface KeyObjectSelectionInput extends InstanceInput {
  references: KeyObjectReference[];
  /** Document Title (CID 7010); default (113000,DCM,"Of Interest"). */
  title?: Code;
  /** Key Object Description (113012,DCM) text. */
  description?: string;
}

const TIMESTAMP = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** Value Types a Basic Text SR may hold (PS3.3 A.35.1.3.1, Table A.35.1-2). */
const BASIC_TEXT_VALUE_TYPES = new Set<ValueType>(['CONTAINER', 'TEXT', 'CODE', 'DATETIME', 'DATE', 'TIME', 'UIDREF', 'PNAME', 'COMPOSITE', 'IMAGE', 'WAVEFORM']);

/**
 * The Relationship Content Constraints of a Basic Text SR (PS3.3 Table A.35.1-2): its Value Types, no
 * by-reference relationships, CONTAINS only from a CONTAINER, concept modifiers only TEXT or CODE.
 */
function checkBasicText(report: ContainerItem): void {
  const stack: ContentItem[] = [report];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const child of parent.children ?? []) {
      const at = child.path ?? '';
      if (isReference(child)) throw new StructuredReportError('Referenced Content Item Identifier (0040,DB73)', at, 'is a by-reference relationship, which a Basic Text SR cannot hold');
      if (!BASIC_TEXT_VALUE_TYPES.has(child.valueType)) throw new StructuredReportError('Value Type (0040,A040)', at, `${child.valueType} is not allowed in a Basic Text SR`);
      if (child.relationship === 'CONTAINS' && parent.valueType !== 'CONTAINER') throw new StructuredReportError('Relationship Type (0040,A010)', at, `CONTAINS is only allowed from a CONTAINER, not from ${parent.valueType}`);
      if (child.relationship === 'HAS CONCEPT MOD' && child.valueType !== 'TEXT' && child.valueType !== 'CODE') {
        throw new StructuredReportError('Relationship Type (0040,A010)', at, `HAS CONCEPT MOD targets TEXT or CODE, not ${child.valueType}`);
      }
      stack.push(child);
    }
  }
}

/** The instances the content tree references (COMPOSITE, IMAGE, WAVEFORM), with their paths. */
function referencedInstances(root: ContainerItem): { path: string; sopInstanceUID: string }[] {
  const out: { path: string; sopInstanceUID: string }[] = [];
  const stack: ContentItem[] = [root];
  while (stack.length > 0) {
    for (const child of stack.pop()!.children ?? []) {
      if (isReference(child)) continue;
      if (child.valueType === 'COMPOSITE' || child.valueType === 'IMAGE' || child.valueType === 'WAVEFORM') out.push({ path: child.path!, sopInstanceUID: child.reference.sopInstanceUID });
      stack.push(child);
    }
  }
  return out;
}

/** Current Requested Procedure Evidence Sequence: instances grouped by study and series (PS3.3 Table C.17-3). */
function setEvidence(ds: DataSet, evidence: EvidenceReference[]): void {
  const studies = new Map<string, Map<string, EvidenceReference[]>>();
  for (const e of evidence) {
    const series = studies.get(e.studyInstanceUID) ?? new Map<string, EvidenceReference[]>();
    studies.set(e.studyInstanceUID, series);
    series.set(e.seriesInstanceUID, [...(series.get(e.seriesInstanceUID) ?? []), e]);
  }
  const studyItems = [...studies].map(([studyUID, series]) => {
    const study = ds.createItem();
    study.set('StudyInstanceUID', studyUID);
    study.set(
      'ReferencedSeriesSequence',
      [...series].map(([seriesUID, refs]) => {
        const s = study.createItem();
        s.set('SeriesInstanceUID', seriesUID);
        s.set(
          'ReferencedSOPSequence',
          refs.map((r) => {
            const sop = s.createItem();
            sop.set('ReferencedSOPClassUID', r.sopClassUID);
            sop.set('ReferencedSOPInstanceUID', r.sopInstanceUID);
            return sop;
          }),
        );
        return s;
      }),
    );
    return study;
  });
  ds.set('CurrentRequestedProcedureEvidenceSequence', studyItems);
}

/**
 * Writes the content tree and Document Series/Evidence attributes shared by SR documents, then reads the
 * result back, so that a malformed tree fails here with a StructuredReportError naming the item.
 */
function srDocument(sopClassUID: string, modality: string, input: InstanceInput, root: ContainerItem, evidence: EvidenceReference[]): { ds: DataSet; root: ContainerItem } {
  const ds = compositeInstance(sopClassUID, modality, input);
  // SR Document Series / Key Object Document Series: Type 2 (PS3.3 C.17.1, C.17.6.1).
  ds.set('ReferencedPerformedProcedureStepSequence', []);
  writeContentTree(ds, root);
  const read = readStructuredReport(ds).root;
  const listed = new Set(evidence.map((e) => e.sopInstanceUID));
  for (const r of referencedInstances(read)) {
    if (!listed.has(r.sopInstanceUID)) {
      throw new StructuredReportError('Current Requested Procedure Evidence Sequence (0040,A375)', r.path, `does not list the referenced instance ${r.sopInstanceUID}: give its study and series in evidence`);
    }
  }
  if (evidence.length) setEvidence(ds, evidence);
  return { ds, root: read };
}

/**
 * A Basic Text SR document (PS3.3 A.35.1): Patient, General Study, SR Document Series, General
 * Equipment, SR Document General (Completion and Verification Flags, evidence) and SR Document Content.
 */
export function createBasicTextSR(input: BasicTextSRInput): DataSet {
  const root: ContainerItem = { valueType: 'CONTAINER', conceptName: input.title, continuity: 'SEPARATE', children: input.content };
  const { ds, root: read } = srDocument(SopClass.BasicTextSRStorage, 'SR', input, root, input.evidence ?? []);
  checkBasicText(read);
  ds.set('CompletionFlag', input.completionFlag ?? 'COMPLETE');
  if (input.completionFlagDescription) ds.set('CompletionFlagDescription', input.completionFlagDescription);
  if (input.verification) {
    const v = input.verification;
    const observer = ds.createItem();
    observer.set('VerifyingObserverName', PersonName.parse(v.observerName));
    observer.set('VerifyingObserverIdentificationCodeSequence', []);
    observer.set('VerifyingOrganization', v.organization);
    observer.set('VerificationDateTime', v.dateTime ?? TIMESTAMP(input.now ?? new Date()));
    ds.set('VerificationFlag', 'VERIFIED');
    ds.set('VerifyingObserverSequence', [observer]);
  } else {
    ds.set('VerificationFlag', 'UNVERIFIED');
  }
  // Type 2 in the SR Document General Module (PS3.3 C.17.2).
  ds.set('PerformedProcedureCodeSequence', []);
  declareCharacterSet(ds);
  return ds;
}

/** An image is referenced by an IMAGE item, a waveform by WAVEFORM, anything else by COMPOSITE (PS3.16 TID 2010). */
function referenceItem(r: KeyObjectReference): ContentItem {
  const name = lookupUid(r.sopClassUID)?.name ?? '';
  const reference = { sopClassUID: r.sopClassUID, sopInstanceUID: r.sopInstanceUID };
  if (/Image Storage/.test(name)) return { relationship: 'CONTAINS', valueType: 'IMAGE', reference: { ...reference, ...(r.frames?.length && { frames: r.frames }) } };
  if (/Waveform Storage/.test(name)) return { relationship: 'CONTAINS', valueType: 'WAVEFORM', reference };
  return { relationship: 'CONTAINS', valueType: 'COMPOSITE', reference };
}

/**
 * A Key Object Selection Document (PS3.3 A.35.4, PS3.16 TID 2010): the title, an optional description
 * and one item per selected instance; the instances are also listed as evidence by study and series.
 * The document goes into the study of the first reference unless a study is given.
 */
export function createKeyObjectSelection(input: KeyObjectSelectionInput): DataSet {
  if (input.references.length === 0) throw new StructuredReportError('references', '1', 'empty: a Key Object Selection Document selects at least one instance');
  const children: ContentNode[] = [];
  if (input.description) children.push({ relationship: 'CONTAINS', valueType: 'TEXT', conceptName: code('113012', 'DCM', 'Key Object Description'), text: input.description });
  children.push(...input.references.map(referenceItem));
  const root: ContainerItem = {
    valueType: 'CONTAINER',
    conceptName: input.title ?? code('113000', 'DCM', 'Of Interest'),
    continuity: 'SEPARATE',
    template: { mappingResource: 'DCMR', identifier: '2010' },
    children,
  };
  const study = { ...input.study, instanceUID: input.study?.instanceUID ?? input.references[0]!.studyUID };
  const evidence = input.references.map((r) => ({ studyInstanceUID: r.studyUID, seriesInstanceUID: r.seriesUID, sopClassUID: r.sopClassUID, sopInstanceUID: r.sopInstanceUID }));
  const { ds } = srDocument(SopClass.KeyObjectSelectionDocumentStorage, 'KO', { ...input, study }, root, evidence);
  declareCharacterSet(ds);
  return ds;
}
