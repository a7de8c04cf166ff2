export { FileSource, readDicomFile } from './file-source.js';
