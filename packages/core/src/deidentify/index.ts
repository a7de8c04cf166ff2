export { deidentify, type DeidentifyResult } from './deidentify.js';
export { deidentifyFile } from './file.js';
export { DeidentifyError, type DeidentifyErrorCode, type DeidentifyWarning } from './error.js';
export type { DeidentifyOptions, PixelRegion } from './options.js';
export type { SafePrivateAttribute } from './private.js';
export type { PatientIdentity } from './identity.js';
export { uuidDerivedUid, isWellKnownUid } from './uid.js';
