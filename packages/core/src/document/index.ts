export { extractEncapsulatedDocument, extensionsOf, type EncapsulatedDocument } from './encapsulated.js';
export { encapsulatePdf, type EncapsulatePdfOptions } from './encapsulate-pdf.js';
export { createUid } from './uid.js';
export type { PatientInput, StudyInput, SeriesInput, InstanceInput } from './composite.js';
