// A bulk data value of a stored instance (PS3.18 8.7.3.3.1: uncompressed Bulkdata is little endian): read
// by offset from the index's location, or from the parsed file when the index has none (deflated files)
// or the bytes need swapping (big-endian files).
import { TransferSyntax, byteSwapSize, copySwapped, type DataSet, type Element } from '@dcmkit/core';
import type { InstanceRecord } from '../index/types.js';
import type { InstanceStore } from '../store/instance-store.js';
import type { ByteRange } from './byte-range.js';
import { StoredInstance } from './stored-instance.js';

export interface BulkValue {
  size: number;
  /** Bytes [start, end) of the value. */
  read(range: ByteRange): Uint8Array | AsyncIterable<Uint8Array>;
}

/** The element at a bulk data tag path ([tag, item index, ..., tag]) of a data set. */
function elementAt(ds: DataSet, path: readonly number[]): Element | undefined {
  let current = ds;
  for (let i = 0; i + 1 < path.length; i += 2) {
    const item = current.items(path[i]!)[path[i + 1]!];
    if (!item) return undefined;
    current = item;
  }
  return current.element(path.at(-1)!);
}

/** The value at `path` (tag path text `tagPath`) of `record`; undefined when there is none (or it is a sequence or encapsulated). */
export async function bulkValue(store: InstanceStore, record: InstanceRecord, path: readonly number[], tagPath: string): Promise<BulkValue | undefined> {
  const location = record.bulkData[tagPath];
  if (location && record.transferSyntaxUID !== TransferSyntax.ExplicitVRBigEndian) {
    const [offset, size] = location;
    return { size, read: ({ start, end }) => store.stream(record.storageKey, { start: offset + start, end: offset + end }) };
  }
  const bytes = await StoredInstance.with(store, record, async (instance) => {
    const file = await instance.file();
    const el = elementAt(file.dataset, path);
    if (!el || el.items || el.encapsulated) return undefined;
    const value = (await el.readBytes()) ?? new Uint8Array(0);
    if (file.dataset.encoding.littleEndian) return value;
    const swapped = new Uint8Array(value.length);
    copySwapped(value, swapped, 0, byteSwapSize(el.vr));
    return swapped;
  });
  return bytes && { size: bytes.length, read: ({ start, end }) => bytes.subarray(start, end) };
}
