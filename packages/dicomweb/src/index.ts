export { isValidUid } from './uid.js';
export { MEDIA_TYPES, parseMediaType, formatMediaType, type MediaType } from './media-types.js';
export type { QidoQuery, QueryLevel } from './qido/query.js';
export { parseQidoQuery, attributePath, QueryParameterError } from './qido/parse.js';
export { formatBulkTagPath, parseBulkTagPath, bulkDataPath } from './bulk-uri.js';
