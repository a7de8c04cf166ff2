export { writeDicom, writeDicomAsync, writeDataSet, type WriteOptions, type DicomFileInput } from './write.js';
export { DicomWriteError } from './error.js';
export { byteSwapSize, copySwapped } from './swap.js';
export { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './meta.js';
export { formatDS, formatIS } from '../values/encode.js';
