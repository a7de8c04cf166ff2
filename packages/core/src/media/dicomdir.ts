import { SopClass } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { DicomParseError, type ParseWarning } from '../errors.js';
import type { DicomFile } from '../parse/read.js';
import { itemOffset } from './record-offset.js';
import { recordLevel } from './record-types.js';

// Basic Directory IOD attributes (PS3.3 F.3, Table F.3-3).
export const FILE_SET_ID = 0x00041130;
export const OFFSET_OF_FIRST_ROOT_RECORD = 0x00041200;
export const OFFSET_OF_LAST_ROOT_RECORD = 0x00041202;
export const FILE_SET_CONSISTENCY_FLAG = 0x00041212;
export const DIRECTORY_RECORD_SEQUENCE = 0x00041220;
export const OFFSET_OF_NEXT_RECORD = 0x00041400;
export const RECORD_IN_USE_FLAG = 0x00041410;
export const OFFSET_OF_LOWER_LEVEL_ENTITY = 0x00041420;
export const DIRECTORY_RECORD_TYPE = 0x00041430;
export const REFERENCED_FILE_ID = 0x00041500;
export const REFERENCED_SOP_CLASS_UID_IN_FILE = 0x00041510;
export const REFERENCED_SOP_INSTANCE_UID_IN_FILE = 0x00041511;
export const REFERENCED_TRANSFER_SYNTAX_UID_IN_FILE = 0x00041512;

/** One Directory Record (PS3.3 F.3.2.2) and the records of its lower-level entity. */
export interface DirectoryRecord {
  /** Directory Record Type (0004,1430): PATIENT, STUDY, SERIES, IMAGE, SR DOCUMENT ... */
  type: string;
  /** Offset of the record's Item in the file; -1 when not known. */
  offset: number;
  /** Record In-use Flag (0004,1410) is not 0000H (retired, PS3.3 F.3.2.2). */
  inUse: boolean;
  /** Referenced File ID (0004,1500): path components of the file, as stored (upper case on conformant media). */
  fileID?: string[];
  referencedSOPClassUID?: string;
  referencedSOPInstanceUID?: string;
  referencedTransferSyntaxUID?: string;
  /** The record's item: its keys (Patient's Name, Study Date, Modality ...). */
  dataset: DataSet;
  children: DirectoryRecord[];
}

export interface DicomDir {
  /** File-set ID (0004,1130). */
  fileSetID: string;
  /** Records of the root directory entity, in their order. */
  roots: DirectoryRecord[];
  /** Every record, in the order of the Directory Record Sequence. */
  records: DirectoryRecord[];
  /** How the hierarchy was built: from the record offsets (PS3.3 F.3.2.1), or from the sequence order. */
  linkedBy: 'offsets' | 'sequence order';
  warnings: ParseWarning[];
}

const text = (ds: DataSet, tag: number) => ds.getText(tag)?.replace(/[\0 ]+$/, '').trim() || undefined;

function toRecord(item: DataSet): DirectoryRecord {
  const fileID = item.has(REFERENCED_FILE_ID) ? item.getStrings(REFERENCED_FILE_ID).map((c) => c.trim()) : undefined;
  const record: DirectoryRecord = {
    type: text(item, DIRECTORY_RECORD_TYPE) ?? '',
    offset: itemOffset(item) ?? -1,
    inUse: item.getNumber(RECORD_IN_USE_FLAG) !== 0,
    dataset: item,
    children: [],
  };
  if (fileID) record.fileID = fileID;
  const sopClass = text(item, REFERENCED_SOP_CLASS_UID_IN_FILE);
  if (sopClass) record.referencedSOPClassUID = sopClass;
  const sopInstance = text(item, REFERENCED_SOP_INSTANCE_UID_IN_FILE);
  if (sopInstance) record.referencedSOPInstanceUID = sopInstance;
  const ts = text(item, REFERENCED_TRANSFER_SYNTAX_UID_IN_FILE);
  if (ts) record.referencedTransferSyntaxUID = ts;
  return record;
}

/**
 * Links records by their offsets (PS3.3 F.3.2.1): each entity is a chain of records from its first
 * record along Offset of the Next Directory Record; Offset of Referenced Lower-Level Directory Entity
 * starts a record's child entity. 0 (or an absent offset) ends a chain. Returns the reason when an
 * offset names no record or a record is reached twice (a loop), so the caller can fall back.
 */
function linkByOffsets(firsts: number[], records: DirectoryRecord[]): { roots: DirectoryRecord[]; unreached: DirectoryRecord[] } | { broken: string } {
  for (const r of records) r.children = [];
  const byOffset = new Map<number, DirectoryRecord>();
  for (const r of records) if (r.offset >= 0) byOffset.set(r.offset, r);
  const seen = new Set<DirectoryRecord>();
  const roots: DirectoryRecord[] = [];
  // Chains still to walk: where each starts and the list its records go to.
  const chains = firsts.map((offset) => ({ offset, into: roots })).reverse();
  while (chains.length > 0) {
    const { offset: start, into } = chains.pop()!;
    for (let offset = start; offset !== 0; ) {
      const record = byOffset.get(offset);
      if (!record) return { broken: `offset ${offset} is not the start of a directory record` };
      if (seen.has(record)) return { broken: `the record at offset ${offset} is reached twice` };
      seen.add(record);
      into.push(record);
      const lower = record.dataset.getNumber(OFFSET_OF_LOWER_LEVEL_ENTITY) ?? 0;
      if (lower !== 0) chains.push({ offset: lower, into: record.children });
      offset = record.dataset.getNumber(OFFSET_OF_NEXT_RECORD) ?? 0;
    }
  }
  return { roots, unreached: records.filter((r) => !seen.has(r) && r.inUse) };
}

/** Records that no other record's offset names: the heads of the root entity's chains. */
function chainHeads(records: DirectoryRecord[]): number[] {
  const named = new Set<number>();
  for (const r of records) {
    named.add(r.dataset.getNumber(OFFSET_OF_NEXT_RECORD) ?? 0);
    named.add(r.dataset.getNumber(OFFSET_OF_LOWER_LEVEL_ENTITY) ?? 0);
  }
  return records.filter((r) => r.inUse && r.offset >= 0 && !named.has(r.offset)).map((r) => r.offset);
}

/**
 * The hierarchy from the sequence order: each record belongs to the nearest record before it of a
 * higher level (PATIENT > STUDY > SERIES > IMAGE ...), as dcmtk and pydicom write them.
 */
function linkBySequenceOrder(records: DirectoryRecord[]): DirectoryRecord[] {
  for (const r of records) r.children = [];
  const roots: DirectoryRecord[] = [];
  const open: DirectoryRecord[] = [];
  for (const r of records) {
    const level = recordLevel(r.type);
    while (open.length > 0 && recordLevel(open.at(-1)!.type) >= level) open.pop();
    (open.at(-1)?.children ?? roots).push(r);
    if (level < 3) open.push(r);
  }
  return roots;
}

/**
 * Reads a DICOMDIR (Basic Directory IOD, PS3.3 F; PS3.10 8): its Directory Records as a tree. The tree
 * follows the record offsets, which are relative to the first byte of the file (PS3.3 F.3.2.1). When the
 * root offset leaves records in use unreached, the root chains start at the records no offset names;
 * when offsets are absent or broken (an offset that names no record, a loop), the tree is rebuilt from
 * the order of the Directory Record Sequence. Each fallback is reported as a warning.
 */
export function readDicomDir(file: DicomFile): DicomDir {
  const ds = file.dataset;
  const warnings: ParseWarning[] = [...file.warnings];
  const sopClass = file.meta.getText('MediaStorageSOPClassUID')?.replace(/\0/g, '').trim();
  if (sopClass && sopClass !== SopClass.MediaStorageDirectoryStorage) warnings.push({ message: `Media Storage SOP Class UID is ${sopClass}, not Media Storage Directory Storage` });
  if (!ds.has(DIRECTORY_RECORD_SEQUENCE)) throw new DicomParseError('a Directory Record Sequence (0004,1220): this is not a DICOMDIR', { tag: DIRECTORY_RECORD_SEQUENCE });
  if (file.deflated) throw new DicomParseError('a DICOMDIR that is not deflated: record offsets count the bytes of the file (PS3.10 8.6)');
  const records = ds.items(DIRECTORY_RECORD_SEQUENCE).map(toRecord);
  const fileSetID = text(ds, FILE_SET_ID) ?? '';
  const result = (roots: DirectoryRecord[], linkedBy: DicomDir['linkedBy']): DicomDir => ({ fileSetID, roots, records, linkedBy, warnings });
  if (records.length === 0) return result([], 'offsets');

  const first = ds.getNumber(OFFSET_OF_FIRST_ROOT_RECORD) ?? 0;
  let linked = first !== 0 ? linkByOffsets([first], records) : { broken: 'Offset of the First Directory Record of the Root Directory Entity is 0 or absent' };
  if ('roots' in linked && linked.unreached.length > 0) {
    const heads = chainHeads(records);
    const again = linkByOffsets(heads, records);
    if ('roots' in again && again.unreached.length === 0) {
      warnings.push({ message: `the root chain from offset ${first} leaves ${linked.unreached.length} record(s) unreached: root chains taken from the records no offset names (${heads.join(', ')})` });
      return result(again.roots, 'offsets');
    }
    linked = linkByOffsets([first], records);
  }
  if ('roots' in linked) {
    if (linked.unreached.length) warnings.push({ message: `${linked.unreached.length} directory record(s) in use are in no chain of offsets: left out (first at offset ${linked.unreached[0]!.offset})` });
    return result(linked.roots, 'offsets');
  }
  warnings.push({ message: `directory record offsets unusable (${linked.broken}): hierarchy rebuilt from the sequence order` });
  return result(linkBySequenceOrder(records), 'sequence order');
}
