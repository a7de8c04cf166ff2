export * from './value-types.js';
export * from './vr.js';
export * from './lookup.js';
export * from './uid-registry.js';
export type { Keyword, KeywordValues } from './generated/keywords.js';
export { TransferSyntax, SopClass } from './generated/uids.js';
export { DEIDENTIFICATION_ROWS, DEIDENTIFICATION_PRIVATE, type DeidentificationRow, type DeidentificationOption } from './generated/deidentification.js';
