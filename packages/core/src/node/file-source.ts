import { open, type FileHandle } from 'node:fs/promises';
import { statSync } from 'node:fs';
import type { ByteSource } from '../source.js';
import { readDicom, type DicomFile, type ReadOptions } from '../parse/read.js';

/** A file read by offset: only the windows the parser asks for and the values you read are loaded. */
export class FileSource implements ByteSource {
  #handle?: Promise<FileHandle>;

  constructor(readonly name: string, readonly size: number = statSync(name).size) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    this.#handle ??= open(this.name, 'r');
    const fh = await this.#handle;
    const n = Math.max(0, Math.min(length, this.size - offset));
    const out = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const { bytesRead } = await fh.read(out, done, n - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === n ? out : out.subarray(0, done);
  }

  async close(): Promise<void> {
    if (this.#handle) await (await this.#handle).close();
    this.#handle = undefined;
  }
}

/**
 * Reads a DICOM file by offset. Values of at least `bulkThreshold` bytes (default 64 KiB) and Pixel
 * Data fragments stay on disk until read; call `file.source.close()` when done with them.
 */
export async function readDicomFile(path: string, opts: ReadOptions = {}): Promise<DicomFile> {
  const source = new FileSource(path);
  try {
    const file = await readDicom(source, { name: path, ...opts });
    // A deflated data set was inflated into memory: the file is no longer needed.
    if (file.source !== source) await source.close();
    return file;
  } catch (e) {
    await source.close();
    throw e;
  }
}
