// A stored instance: its frames as stored (native samples or the compressed codestream) or decoded, and
// the parsed file. Frames of the usual files are read by offset from the index's FrameLocation, unparsed.
import { concatBytes, TransferSyntax, readDicom, type ByteSource, type DicomFile } from '@dcmkit/core';
import { arrayBytes, decodeFrame, frameBytes } from '@dcmkit/pixel';
import type { InstanceRecord } from '../index/types.js';
import type { InstanceStore } from '../store/instance-store.js';

/**
 * The index's byte ranges are the frames themselves when it has them (not for deflated files, whose
 * offsets are in the inflated stream, nor for frames that do not start on a byte boundary) and the file
 * is little endian (big-endian samples need swapping, PS3.5 A.3).
 */
const readableByOffset = (record: InstanceRecord): boolean =>
  record.frames.length === record.numberOfFrames && record.transferSyntaxUID !== TransferSyntax.ExplicitVRBigEndian;

async function readParts(source: ByteSource, parts: [number, number][]): Promise<Uint8Array> {
  if (parts.length === 1) return source.read(parts[0]![0], parts[0]![1]);
  return concatBytes(await Promise.all(parts.map(([offset, length]) => source.read(offset, length))));
}

/** One stored instance, opened once and parsed only when needed; close it after use (or use `StoredInstance.with`). */
export class StoredInstance {
  #source?: Promise<ByteSource>;
  #file?: Promise<DicomFile>;

  constructor(
    private readonly store: InstanceStore,
    readonly record: InstanceRecord,
  ) {}

  /** Runs `use` on the instance, closing it afterwards. */
  static async with<T>(store: InstanceStore, record: InstanceRecord, use: (instance: StoredInstance) => Promise<T>): Promise<T> {
    const instance = new StoredInstance(store, record);
    try {
      return await use(instance);
    } finally {
      await instance.close();
    }
  }

  #open(): Promise<ByteSource> {
    return (this.#source ??= this.store.open(this.record.storageKey, this.record.size));
  }

  /** The parsed stored file (bulk values and fragments left in the file). */
  file(): Promise<DicomFile> {
    return (this.#file ??= this.#open().then((source) => readDicom(source, { name: this.record.storageKey })));
  }

  /**
   * Frame `index` (0-based) as stored: the fragments of an encapsulated frame joined (PS3.18 8.7.3.3.2:
   * "the compressed octet stream without the fragment delimiters"), or a native frame's samples little endian.
   */
  async stored(index: number): Promise<Uint8Array> {
    if (!readableByOffset(this.record)) return frameBytes(await this.file(), index);
    return readParts(await this.#open(), this.record.frames[index]!.parts);
  }

  /** Frame `index` (0-based) decoded to native samples, little endian, colour-by-pixel (see decodeFrame). */
  async decoded(index: number): Promise<Uint8Array> {
    return arrayBytes((await decodeFrame(await this.file(), index)).data);
  }

  async close(): Promise<void> {
    const source = await this.#source?.catch(() => undefined);
    await source?.close?.();
  }
}
