import { SopClass, TransferSyntax, type Keyword } from '@dcmkit/dictionary';
import { DataSet } from '../dataset.js';
import { InformationModel } from '../model/information-model.js';
import { parseDicom } from '../parse/read.js';
import { writeDicom } from '../write/write.js';
import { createUid } from '../document/uid.js';
import {
  DIRECTORY_RECORD_SEQUENCE,
  DIRECTORY_RECORD_TYPE,
  FILE_SET_CONSISTENCY_FLAG,
  FILE_SET_ID,
  OFFSET_OF_FIRST_ROOT_RECORD,
  OFFSET_OF_LAST_ROOT_RECORD,
  OFFSET_OF_LOWER_LEVEL_ENTITY,
  OFFSET_OF_NEXT_RECORD,
  RECORD_IN_USE_FLAG,
  REFERENCED_FILE_ID,
  REFERENCED_SOP_CLASS_UID_IN_FILE,
  REFERENCED_SOP_INSTANCE_UID_IN_FILE,
  REFERENCED_TRANSFER_SYNTAX_UID_IN_FILE,
} from './dicomdir.js';
import { fileIDProblem } from './file-id.js';
import { itemOffset } from './record-offset.js';
import { recordTypeOf } from './record-types.js';

/** An instance of the File-set: where it is and its header (the data set, Pixel Data may be left out). */
export interface FileSetInstance {
  /** Referenced File ID: path components from the File-set root, each conformant (PS3.10 8.2). */
  fileID: string[];
  dataset: DataSet;
  /** Transfer Syntax UID of the file. */
  transferSyntax: string;
}

export interface CreateDicomDirOptions {
  /** File-set ID (0004,1130), up to 16 characters of CS; default empty. */
  fileSetID?: string;
  /** Media Storage SOP Instance UID of the DICOMDIR; default a new UID. */
  fileSetUID?: string;
}

export interface CreatedDicomDir {
  /** The DICOMDIR file, Explicit VR Little Endian (PS3.10 8.6). */
  bytes: Uint8Array;
  /** Type 1 record keys the instances lack, written empty. */
  warnings: string[];
}

/**
 * Keys copied into each record type, with their Type (PS3.3 F.5): 1 required, 2 present but maybe empty,
 * 3 optional (Series Description only, for listings). Other record types have those of IMAGE.
 */
type Key = [Keyword, 1 | 2 | 3];
const KEYS: Record<string, Key[]> = {
  PATIENT: [['PatientName', 2], ['PatientID', 1]],
  STUDY: [['StudyDate', 1], ['StudyTime', 1], ['StudyDescription', 2], ['StudyInstanceUID', 1], ['StudyID', 1], ['AccessionNumber', 2]],
  SERIES: [['Modality', 1], ['SeriesInstanceUID', 1], ['SeriesNumber', 1], ['SeriesDescription', 3]],
  IMAGE: [['InstanceNumber', 1]],
  'SR DOCUMENT': [['InstanceNumber', 1], ['CompletionFlag', 1], ['VerificationFlag', 1], ['ContentDate', 1], ['ContentTime', 1], ['ConceptNameCodeSequence', 1]],
  'KEY OBJECT DOC': [['InstanceNumber', 1], ['ContentDate', 1], ['ContentTime', 1], ['ConceptNameCodeSequence', 1]],
  'ENCAP DOC': [['InstanceNumber', 1], ['ContentDate', 2], ['ContentTime', 2], ['DocumentTitle', 2], ['ConceptNameCodeSequence', 2], ['MIMETypeOfEncapsulatedDocument', 1]],
  PRESENTATION: [['InstanceNumber', 1], ['PresentationCreationDate', 1], ['PresentationCreationTime', 1], ['ContentLabel', 1], ['ContentDescription', 2], ['ContentCreatorName', 2]],
};

const isEmpty = (ds: DataSet, keyword: Keyword) => !ds.has(keyword) || (ds.element(keyword)!.vr !== 'SQ' && (ds.getText(keyword)?.trim() ?? '') === '');

/** A Directory Record (PS3.3 F.3.2.2) with its keys taken from an instance; offsets filled in later. */
function directoryRecord(recordType: string, from: DataSet, warnings: string[], where: string): DataSet {
  const record = new DataSet();
  record.set(OFFSET_OF_NEXT_RECORD, 0, 'UL');
  record.set(RECORD_IN_USE_FLAG, 0xffff, 'US');
  record.set(OFFSET_OF_LOWER_LEVEL_ENTITY, 0, 'UL');
  record.set(DIRECTORY_RECORD_TYPE, recordType, 'CS');
  for (const [keyword, type] of [['SpecificCharacterSet', 3], ...(KEYS[recordType] ?? KEYS.IMAGE!)] as Key[]) {
    const el = from.element(keyword);
    if (type === 1 && isEmpty(from, keyword)) warnings.push(`${where}: ${keyword} (Type 1 in the ${recordType} record) is missing; written empty`);
    // Values are copied decoded, so they are encoded anew in the DICOMDIR's byte order.
    if (el) record.set(keyword, from.values(el), el.vr);
    else if (type !== 3) record.set(keyword, null);
  }
  return record;
}

interface Laid {
  record: DataSet;
  children: Laid[];
}

/**
 * A DICOMDIR for a File-set (PS3.10 8, PS3.3 F): PATIENT, STUDY, SERIES and one instance record each
 * (IMAGE, SR DOCUMENT, ENCAP DOC ... by SOP Class), grouped and sorted by the information model.
 * Offsets are laid out in two passes: the file is encoded with zero offsets, the item offsets are read
 * from it, then the offsets are filled in (their size is fixed, so nothing moves).
 */
export function createDicomDir(instances: FileSetInstance[], opts: CreateDicomDirOptions = {}): CreatedDicomDir {
  const warnings: string[] = [];
  for (const i of instances) {
    const problem = fileIDProblem(i.fileID);
    if (problem) throw new TypeError(`createDicomDir: File ID ${i.fileID.join('\\')}: ${problem}`);
  }
  const model = new InformationModel<FileSetInstance>();
  for (const i of instances) if (!model.add(i.dataset, i)) warnings.push(`${i.fileID.join('\\')}: SOP Instance UID already in the File-set; left out`);

  // A record takes its keys from an instance of its entity (all share them).
  const record = (type: string, from: FileSetInstance) => directoryRecord(type, from.dataset, warnings, from.fileID.join('\\'));
  const roots: Laid[] = model.patients().map((patient) => ({
    record: record('PATIENT', patient.studies[0]!.series[0]!.instances[0]!.ref),
    children: patient.studies.map((study) => ({
      record: record('STUDY', study.series[0]!.instances[0]!.ref),
      children: study.series.map((series) => ({
        record: record('SERIES', series.instances[0]!.ref),
        children: series.instances.map(({ ref, sopClassUID, sopInstanceUID }) => {
          const leaf = record(recordTypeOf(sopClassUID), ref);
          leaf.set(REFERENCED_FILE_ID, ref.fileID, 'CS');
          leaf.set(REFERENCED_SOP_CLASS_UID_IN_FILE, sopClassUID, 'UI');
          leaf.set(REFERENCED_SOP_INSTANCE_UID_IN_FILE, sopInstanceUID, 'UI');
          leaf.set(REFERENCED_TRANSFER_SYNTAX_UID_IN_FILE, ref.transferSyntax, 'UI');
          return { record: leaf, children: [] };
        }),
      })),
    })),
  }));

  // The records in the sequence depth first: each entity's records follow their parent (as dcmtk writes).
  const order: Laid[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const laid = stack.pop()!;
    order.push(laid);
    for (let i = laid.children.length - 1; i >= 0; i--) stack.push(laid.children[i]!);
  }

  const dataset = new DataSet();
  dataset.set(FILE_SET_ID, opts.fileSetID ?? null, 'CS');
  dataset.set(OFFSET_OF_FIRST_ROOT_RECORD, 0, 'UL');
  dataset.set(OFFSET_OF_LAST_ROOT_RECORD, 0, 'UL');
  dataset.set(FILE_SET_CONSISTENCY_FLAG, 0, 'US');
  dataset.set(DIRECTORY_RECORD_SEQUENCE, order.map((l) => l.record));
  const meta = new DataSet();
  meta.set('MediaStorageSOPClassUID', SopClass.MediaStorageDirectoryStorage);
  meta.set('MediaStorageSOPInstanceUID', opts.fileSetUID ?? createUid());
  const file = { meta, dataset, transferSyntax: TransferSyntax.ExplicitVRLittleEndian };

  // Pass 1: where each record's item lands.
  const laidOut = parseDicom(writeDicom(file)).dataset.items(DIRECTORY_RECORD_SEQUENCE);
  const offsets = new Map(order.map((l, i) => [l, itemOffset(laidOut[i]!)!]));
  // Pass 2: the offsets (PS3.3 F.3.2.1), relative to the first byte of the file.
  const link = (chain: Laid[]) =>
    chain.forEach((l, i) => {
      l.record.set(OFFSET_OF_NEXT_RECORD, i + 1 < chain.length ? offsets.get(chain[i + 1]!)! : 0, 'UL');
      l.record.set(OFFSET_OF_LOWER_LEVEL_ENTITY, l.children.length ? offsets.get(l.children[0]!)! : 0, 'UL');
      link(l.children);
    });
  link(roots);
  if (roots.length) {
    dataset.set(OFFSET_OF_FIRST_ROOT_RECORD, offsets.get(roots[0]!)!, 'UL');
    dataset.set(OFFSET_OF_LAST_ROOT_RECORD, offsets.get(roots.at(-1)!)!, 'UL');
  }
  return { bytes: writeDicom(file), warnings };
}
