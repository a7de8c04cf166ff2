export * from './tag.js';
export * from './errors.js';
export * from './source.js';
export { concatBytes } from './bytes.js';
export * from './element.js';
export * from './dataset.js';
export * from './transfer-syntax.js';
export * from './values/person-name.js';
export * from './values/date-time.js';
export { decodeNumbers, decodeText } from './values/decode.js';
export * from './model/information-model.js';
export { SpecificCharacterSet } from './charset/index.js';
export { parseDicom, readDicom, parseDataSet, type DicomFile, type ReadOptions } from './parse/read.js';
export { DEFAULT_MAX_INFLATED_BYTES } from './parse/inflate.js';
export type { ParserOptions } from './parse/parser.js';
export * from './json/index.js';
export * from './xml/index.js';
export * from './write/index.js';
export * from './sr/index.js';
export * from './rt/index.js';
export * from './document/index.js';
export * from './media/index.js';
export * from './deidentify/index.js';
export { dumpLines, type DumpOptions } from './dump/dump-lines.js';
export { MAX_INDENT_LEVELS } from './indent.js';
export {
  TransferSyntax,
  SopClass,
  lookupTag,
  lookupKeyword,
  lookupUid,
  lookupPrivate,
  isStringVR,
  isSingleValuedVR,
  hasLongLength,
  numericSize,
  resolveUid,
  tagOf,
  type Keyword,
  type KeywordValues,
  type VR,
  type DictionaryEntry,
} from '@dcmkit/dictionary';
