export { FileSource, readDicomFile } from './file-source.js';
export { writeDicomFile } from './write-file.js';
export { FileIDResolver, readDicomDirFile, type DicomDirFile } from './file-set.js';
