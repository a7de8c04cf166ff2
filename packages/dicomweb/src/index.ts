export { isValidUid } from './uid.js';
export { MEDIA_TYPES, parseMediaType, formatMediaType, type MediaType } from './media-types.js';
export type { QidoQuery, QueryLevel } from './qido/query.js';
export { formatBulkTagPath, parseBulkTagPath, bulkDataPath } from './bulk-uri.js';
