// Instances to store over an association: the presentation contexts that carry them (PS3.4 B.3), and
// their data sets in the transfer syntax a context accepted.
import { isNativeTransferSyntax, parseDataSet, writeDataSet } from '@dcmkit/core';
import type { DataSetSource } from '../message/fragments.js';
import { NATIVE_TRANSFER_SYNTAXES } from '../uids.js';

/**
 * An instance to send with C-STORE: its data set (no File Meta) encoded in `transferSyntaxUID`, as bytes
 * or, when `Data` allows, as a source read while it is sent.
 */
export interface StoreInstance<Data extends Uint8Array | DataSetSource = Uint8Array> {
  sopClassUID: string;
  sopInstanceUID: string;
  transferSyntaxUID: string;
  dataSet: Data;
}

/** A presentation context to propose. */
export interface ContextProposal {
  abstractSyntax: string;
  transferSyntaxes: string[];
}

/**
 * One presentation context per SOP class and transfer syntax of the instances: the instance's own syntax
 * first, and for an uncompressed one the other uncompressed syntaxes it can be rewritten in (PS3.5 A.1-2).
 */
export function storageProposals(instances: Iterable<{ sopClassUID: string; transferSyntaxUID: string }>): ContextProposal[] {
  const seen = new Map<string, ContextProposal>();
  for (const { sopClassUID, transferSyntaxUID } of instances) {
    const key = `${sopClassUID} ${transferSyntaxUID}`;
    if (seen.has(key)) continue;
    const fallbacks = isNativeTransferSyntax(transferSyntaxUID) ? NATIVE_TRANSFER_SYNTAXES : [];
    seen.set(key, { abstractSyntax: sopClassUID, transferSyntaxes: [...new Set([transferSyntaxUID, ...fallbacks])] });
  }
  return [...seen.values()];
}

/** Whether a data set in `from` can be sent in `to` without a codec: the same, or both uncompressed. */
export const canRewrite = (from: string, to: string): boolean => from === to || (isNativeTransferSyntax(from) && isNativeTransferSyntax(to));

/**
 * The data set in `transferSyntax`: as it is, or its bytes rewritten between uncompressed syntaxes;
 * undefined when that needs a codec, or the whole data set of a source.
 */
export function dataSetIn<Data extends Uint8Array | DataSetSource>(instance: StoreInstance<Data>, transferSyntax: string): Data | Uint8Array | undefined {
  if (instance.transferSyntaxUID === transferSyntax) return instance.dataSet;
  if (!(instance.dataSet instanceof Uint8Array) || !canRewrite(instance.transferSyntaxUID, transferSyntax)) return undefined;
  return writeDataSet(parseDataSet(instance.dataSet, instance.transferSyntaxUID), transferSyntax);
}
