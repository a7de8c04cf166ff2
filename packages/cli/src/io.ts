import { readDicomFile } from '@dcmkit/core/node';
import type { DicomFile, ReadOptions } from '@dcmkit/core';

/** A bad command line: exit code 2. */
export class UsageError extends Error {}

/** Reads a DICOM file by offset; errors name the file. */
export const openDicom = (path: string, opts: ReadOptions = {}): Promise<DicomFile> => readDicomFile(path, opts);

/** Writes to stdout, waiting for the pipe to drain (large JSON outputs). */
export function out(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
