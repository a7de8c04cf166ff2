import { DataSet } from '../dataset.js';
import { EXPLICIT_LE } from '../transfer-syntax.js';
import { TRANSFER_SYNTAX_UID, type Tag } from '../tag.js';

/** dcmkit's Implementation Class UID: a fixed UUID as a UID under the 2.25 root (PS3.5 B.2). */
export const IMPLEMENTATION_CLASS_UID = '2.25.213755180118788527950158295844014573395';
export const IMPLEMENTATION_VERSION_NAME = 'DCMKIT_0_1';

// File Meta Information elements (PS3.10 Table 7.1-1).
const FILE_META_GROUP_LENGTH = 0x00020000;
const FILE_META_VERSION = 0x00020001;
const MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
const MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
const IMPLEMENTATION_CLASS_UID_TAG = 0x00020012;
const IMPLEMENTATION_VERSION_NAME_TAG = 0x00020013;
const SOP_CLASS_UID = 0x00080016;
const SOP_INSTANCE_UID = 0x00080018;

/**
 * The File Meta Information to write (PS3.10 7.1, Table 7.1-1): the given group 0002 elements (Source
 * AE Title, private information ...) with the Group Length (recomputed when written), version 00\01,
 * the Media Storage SOP Class/Instance UIDs of the data set, the target Transfer Syntax and dcmkit as
 * the implementation. `unchanged`: the data set is written byte for byte as it was read, so the meta
 * read with it still describes it and is kept (the implementation that wrote it stays named). Elements
 * that already hold the value keep their bytes.
 */
export function fileMetaInformation(given: DataSet | undefined, dataset: DataSet, transferSyntax: string, unchanged: boolean): DataSet {
  const meta = new DataSet(EXPLICIT_LE);
  for (const el of given ?? []) if (el.tag >>> 16 === 0x0002) meta.add(el);
  if (!meta.has(FILE_META_GROUP_LENGTH)) meta.set(FILE_META_GROUP_LENGTH, 0, 'UL');
  ensure(meta, FILE_META_VERSION, 'OB', new Uint8Array([0x00, 0x01]));
  ensure(meta, TRANSFER_SYNTAX_UID, 'UI', transferSyntax);
  if (unchanged && meta.has(IMPLEMENTATION_CLASS_UID_TAG)) return meta;
  const sopClass = dataset.getString(SOP_CLASS_UID);
  if (sopClass) ensure(meta, MEDIA_STORAGE_SOP_CLASS_UID, 'UI', sopClass);
  const sopInstance = dataset.getString(SOP_INSTANCE_UID);
  if (sopInstance) ensure(meta, MEDIA_STORAGE_SOP_INSTANCE_UID, 'UI', sopInstance);
  ensure(meta, IMPLEMENTATION_CLASS_UID_TAG, 'UI', IMPLEMENTATION_CLASS_UID);
  ensure(meta, IMPLEMENTATION_VERSION_NAME_TAG, 'SH', IMPLEMENTATION_VERSION_NAME);
  return meta;
}

/** Sets an element unless it holds that value already (its bytes, padding included, then stay). */
function ensure(meta: DataSet, tag: Tag, vr: string, value: string | Uint8Array): void {
  const el = meta.element(tag);
  const current = el?.vr === vr ? meta.values(el) : [];
  const same =
    current.length === 1 &&
    (value instanceof Uint8Array
      ? current[0] instanceof Uint8Array && current[0].length === value.length && current[0].every((b, i) => b === value[i])
      : current[0] === value);
  if (!same) meta.set(tag, value, vr);
}
