// The Transfer Syntax an instance is sent in (PS3.18 8.7.3.5.2, 8.7.8 Selected Transfer Syntax), and the
// instance re-encoded in it with the registered codecs when it is not the stored one.
import { TransferSyntax, isNativeTransferSyntax, transferSyntaxInfo, writeDicomAsync } from '@dcmkit/core';
import { codecs, transcode } from '@dcmkit/pixel';
import type { InstanceRecord } from '../index/types.js';
import type { InstanceStore } from '../store/instance-store.js';
import { isLossySyntax, isWebSyntax } from './bulk-media-types.js';
import { StoredInstance } from './stored-instance.js';

/** Whether the codecs can move an instance's pixels from one Transfer Syntax to another (PS3.5 8, A.4). */
function canTranscode(from: string, to: string, hasPixels: boolean): boolean {
  if (from === to) return true;
  const target = transferSyntaxInfo(to);
  if (!isNativeTransferSyntax(to) && !target.encapsulated) return false;
  // Without pixels only the data set encoding changes.
  if (!hasPixels) return true;
  const decodable = isNativeTransferSyntax(from) || codecs.has(from);
  return decodable && (isNativeTransferSyntax(to) || codecs.get(to)?.encode !== undefined);
}

/**
 * The Transfer Syntax to send `record` in for a requested one: "*" the stored one; none the default
 * Explicit VR Little Endian, or the stored one when its pixel data is lossy (PS3.18 8.7.3); a UID when it is
 * stored or the codecs can produce it. Undefined when the request cannot be met.
 */
export function instanceSyntax(record: InstanceRecord, requested: string | undefined): string | undefined {
  const stored = record.transferSyntaxUID;
  if (requested === '*') return stored;
  const target = requested ?? (isLossySyntax(stored) ? stored : TransferSyntax.ExplicitVRLittleEndian);
  if (target === stored) return stored;
  if (!isWebSyntax(target)) return undefined;
  return canTranscode(stored, target, record.numberOfFrames > 0) ? target : undefined;
}

/** The Part 10 file of a stored instance re-encoded in `transferSyntax` (PS3.10 7.1). */
async function transcodedInstance(instance: StoredInstance, transferSyntax: string): Promise<Uint8Array> {
  const file = await instance.file();
  const transcoded = await transcode(file, transferSyntax);
  return writeDicomAsync({ ...transcoded, preamble: file.preamble }, { transferSyntax });
}

/** The Part 10 file of `record` in `transferSyntax`: the stored bytes streamed as they are, or re-encoded. */
export async function instanceBody(store: InstanceStore, record: InstanceRecord, transferSyntax: string): Promise<Uint8Array | AsyncIterable<Uint8Array>> {
  if (transferSyntax === record.transferSyntaxUID) return store.stream(record.storageKey);
  return StoredInstance.with(store, record, (instance) => transcodedInstance(instance, transferSyntax));
}
