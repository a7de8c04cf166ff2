// Reading part of a Pixel Data value without loading the rest: from the bytes in memory when the
// parser kept them, else by offset from the file's ByteSource.
import type { DicomFile, Element } from '@dcmkit/core';
import { PixelDataError } from './errors.js';

/** `length` bytes at absolute offset `offset` of the source that holds `el` (a view when in memory). */
export async function readAt(file: DicomFile, el: Element, offset: number, length: number, frame?: number): Promise<Uint8Array> {
  const chunk = el.chunk;
  if (chunk?.bytes && offset >= chunk.base && offset + length <= chunk.base + chunk.bytes.length) {
    return chunk.bytes.subarray(offset - chunk.base, offset - chunk.base + length);
  }
  const bytes = await (chunk?.source ?? file.source).read(offset, length);
  if (bytes.length < length) {
    throw new PixelDataError('truncated', `${length} bytes at offset ${offset}, the source ends after ${bytes.length}`, { file: file.source.name, frame });
  }
  return bytes;
}

/** Bytes [start, start + length) of a defined-length value: parsed (in memory or deferred) or set by `DataSet.set`. */
export async function readValue(file: DicomFile, el: Element, start: number, length: number, frame?: number): Promise<Uint8Array> {
  if (el.chunk) return readAt(file, el, el.offset + start, length, frame);
  const value = file.dataset.values(el)[0];
  if (!(value instanceof Uint8Array) || value.length < start + length) {
    throw new PixelDataError('truncated', `${length} bytes at ${start} of the Pixel Data value`, { file: file.source.name, frame });
  }
  return value.subarray(start, start + length);
}

/** The value length of a parsed or created element. */
export function valueLength(file: DicomFile, el: Element): number {
  if (el.chunk) return el.length;
  const value = file.dataset.values(el)[0];
  return value instanceof Uint8Array ? value.length : 0;
}
