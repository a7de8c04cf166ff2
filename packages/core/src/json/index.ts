export type { DicomJson, DicomJsonAttribute, DicomJsonValue, DicomJsonPersonName } from './model.js';
export { toDicomJson, DicomJsonError, type DicomJsonOptions } from './to-json.js';
export { fromDicomJson } from './from-json.js';
export { formatDicomJson } from './format.js';
export { encodeBase64, decodeBase64 } from './base64.js';
export { stringifyJson } from './stringify.js';
