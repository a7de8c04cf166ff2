export {
  readDicomDir,
  type DicomDir,
  type DirectoryRecord,
} from './dicomdir.js';
export { directoryInstances, type DirectoryInstance } from './instances.js';
export { createDicomDir, type FileSetInstance, type CreateDicomDirOptions, type CreatedDicomDir } from './create-dicomdir.js';
export { fileIDProblem, fileIDOf, MAX_FILE_ID_COMPONENTS } from './file-id.js';
export { recordTypeOf } from './record-types.js';
