import { DataSet } from '../dataset.js';
import type { DicomDir, DirectoryRecord } from './dicomdir.js';

/** An instance a DICOMDIR references, with the keys of the records above it. */
export interface DirectoryInstance {
  record: DirectoryRecord;
  /** Referenced File ID (0004,1500). */
  fileID: string[];
  /**
   * The keys of the PATIENT, STUDY and SERIES records above and of the record itself in one data set,
   * with SOP Class/Instance UID from the Referenced ... in File attributes: what `InformationModel.add` takes.
   */
  dataset: DataSet;
}

/** The instances of a DICOMDIR: every record in use with a Referenced File ID, in tree order. */
export function directoryInstances(dir: DicomDir): DirectoryInstance[] {
  const out: DirectoryInstance[] = [];
  const stack: { record: DirectoryRecord; above: DirectoryRecord[] }[] = dir.roots.map((record) => ({ record, above: [] })).reverse();
  while (stack.length > 0) {
    const { record, above } = stack.pop()!;
    const path = [...above, record];
    if (record.fileID && record.inUse) {
      const dataset = new DataSet(record.dataset.encoding);
      for (const r of path) for (const el of r.dataset) dataset.add(el);
      if (record.referencedSOPClassUID) dataset.set('SOPClassUID', record.referencedSOPClassUID);
      if (record.referencedSOPInstanceUID) dataset.set('SOPInstanceUID', record.referencedSOPInstanceUID);
      out.push({ record, fileID: record.fileID, dataset });
    }
    for (let i = record.children.length - 1; i >= 0; i--) stack.push({ record: record.children[i]!, above: path });
  }
  return out;
}
