// Converting one file to another Transfer Syntax: read by windows, transcode, write atomically.
// Runs in a worker thread for folders, in the main thread for a single file.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readDicom, SopClass, transferSyntaxInfo } from '@dcmkit/core';
import { FileSource, writeDicomFile } from '@dcmkit/core/node';
import { transcode } from '@dcmkit/pixel';
import { registerCodecs } from '../codecs.js';

export interface ConvertTask {
  input: string;
  output: string;
  transferSyntax: string;
  nearLossless?: number;
  compressionRatio?: number;
}

/** Converts `task.input` into `task.output` (folders made as needed); resolves to warnings for the summary. */
export async function convertFile(task: ConvertTask): Promise<string[]> {
  registerCodecs();
  const source = new FileSource(task.input);
  try {
    const file = await readDicom(source, { name: task.input });
    // A file too short to hold an element reads as an empty data set.
    if (file.dataset.size === 0) throw new Error('not a DICOM file: no data element in it');
    const sopClass = file.dataset.getString('SOPClassUID') ?? file.meta.getString('MediaStorageSOPClassUID');
    if (sopClass === SopClass.MediaStorageDirectoryStorage) {
      // PS3.10 8.6: a DICOMDIR is Explicit VR Little Endian and records each file's Transfer Syntax (0004,1512).
      return ['DICOMDIR not written: its records name the files\' old Transfer Syntaxes (rebuild it with `dcmkit dicomdir`)'];
    }
    const { nearLossless, compressionRatio } = task;
    const transcoded = await transcode(file, task.transferSyntax, { nearLossless, compressionRatio });
    await mkdir(path.dirname(task.output), { recursive: true });
    await writeDicomFile(task.output, { ...file, ...transcoded }, { transferSyntax: task.transferSyntax });
    return file.transferSyntax === task.transferSyntax ? [`already ${transferSyntaxInfo(task.transferSyntax).name}: copied as it is`] : [];
  } finally {
    await source.close();
  }
}
