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
export { documentType, isStructuredReportClass } from './document.js';
