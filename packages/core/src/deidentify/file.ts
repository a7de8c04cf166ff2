import { DataSet } from '../dataset.js';
import { EXPLICIT_LE } from '../transfer-syntax.js';
import type { DicomFileInput } from '../write/write.js';
import { deidentify, type DeidentifyResult } from './deidentify.js';
import { KeyedHash } from './keyed-hash.js';
import type { DeidentifyOptions } from './options.js';
import { UidReplacer } from './uid.js';

/**
 * De-identifies a file: its data set by `deidentify`, and its File Meta Information and preamble
 * replaced (PS3.15 E.1.1 (7)): the file to write has no preamble (zeros are written) and a meta with
 * only the Media Storage SOP Class and (replaced) Instance UID, for the writer to complete with the
 * Transfer Syntax and dcmkit as the implementation. Those UIDs come from the data set when it has them.
 */
export function deidentifyFile(file: DicomFileInput, opts: DeidentifyOptions): DeidentifyResult & { file: DicomFileInput } {
  const result = deidentify(file.dataset, opts);
  const meta = new DataSet(EXPLICIT_LE);
  const sopClass = file.meta?.getString('MediaStorageSOPClassUID');
  const sopInstance = file.meta?.getString('MediaStorageSOPInstanceUID');
  if (sopClass) meta.set('MediaStorageSOPClassUID', sopClass);
  if (sopInstance) {
    const uids = new UidReplacer(KeyedHash.of(opts.secret), result.uidMap);
    meta.set('MediaStorageSOPInstanceUID', opts.retainUIDs ? sopInstance : uids.replace(sopInstance));
  }
  return { ...result, file: { dataset: result.dataset, meta, transferSyntax: file.transferSyntax } };
}
