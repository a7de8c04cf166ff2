export * from './types.js';
export { StructuredReportError } from './error.js';
export { code, formatCode } from './code.js';
export { readStructuredReport, evidenceOf, type StructuredReport, type VerifyingObserver, type EvidenceReference } from './read.js';
export { readContentTree } from './read-content.js';
export { writeContentTree } from './write-content.js';
export { formatStructuredReport, formatContentNode, type FormatOptions } from './format.js';
export {
  createBasicTextSR,
  createKeyObjectSelection,
  type BasicTextSRInput,
  type KeyObjectSelectionInput,
  type KeyObjectReference,
  type Verification,
} from './create.js';
export {
  BASIC_TEXT_SR,
  ENHANCED_SR,
  COMPREHENSIVE_SR,
  COMPREHENSIVE_3D_SR,
  EXTENSIBLE_SR,
  KEY_OBJECT_SELECTION,
  documentType,
  isStructuredReport,
} from './document.js';
