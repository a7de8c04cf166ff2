export { isValidUid } from './uid.js';
export { MEDIA_TYPES, parseMediaType, formatMediaType, type MediaType } from './media-types.js';
export type { QidoQuery, QueryLevel } from './qido/query.js';
export { parseQidoQuery, attributePath, QueryParameterError } from './qido/parse.js';
export { formatBulkTagPath, parseBulkTagPath, bulkDataPath } from './bulk-uri.js';
export { parseMultipart, MultipartError, type MultipartPart } from './multipart/parse.js';
export { multipartChunks, encodeMultipart, newBoundary, type OutgoingPart } from './multipart/encode.js';
export { jsonAttribute, firstText, firstInteger, itemsOf } from './dicom-json.js';
