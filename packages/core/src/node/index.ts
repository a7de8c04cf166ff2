export { FileSource, readDicomFile } from './file-source.js';
export { writeDicomFile } from './write-file.js';
