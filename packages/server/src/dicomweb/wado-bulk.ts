// WADO-RS Retrieve Bulkdata (PS3.18 10.4, Bulkdata resources): the values metadata points to with
// BulkDataURIs, .../instances/{instance}/bulk/{tagPath}, as application/octet-stream, with byte ranges
// (RFC 9110 14). Encapsulated Pixel Data is sent as its frames (PS3.18 8.7.3.3.2).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PIXEL_DATA } from '@dcmkit/core';
import { parseBulkTagPath } from '@dcmkit/dicomweb';
import type { RoutePlugin } from '../context.js';
import { HttpError, sendError } from '../errors.js';
import { acceptableMediaTypes, inRange, selectRepresentation } from './accept.js';
import { OCTET_STREAM } from './bulk-media-types.js';
import { bulkValue } from './bulk-value.js';
import { UnsatisfiableRange, contentRange, requestedRange } from './byte-range.js';
import { allFrames } from './frame-list.js';
import { part, sendMultipart, sendSinglePart } from './multipart-response.js';
import type { QueryParams } from './query-params.js';
import { instanceIn, type ResourceParams } from './resource-scope.js';
import { sendFrames } from './wado-frames.js';

type BulkRequest = FastifyRequest<{ Params: Required<ResourceParams> & { '*': string }; Querystring: QueryParams }>;

export const bulkRoutes: RoutePlugin = (app, context) => {
  app.get('/studies/:study/series/:series/instances/:instance/bulk/*', async (request: BulkRequest, reply: FastifyReply) => {
    const tagPath = request.params['*'];
    const path = parseBulkTagPath(tagPath);
    if (!path) throw new HttpError(400, `bulk: "${tagPath.slice(0, 80)}" is not a tag path (tag, item index, tag ... joined by ".")`, 'bulk');
    const record = await instanceIn(context.index, request.params);
    const acceptable = acceptableMediaTypes(request.headers.accept, request.query.accept);
    if (path.length === 1 && path[0] === PIXEL_DATA && !(tagPath in record.bulkData) && record.numberOfFrames > 0) {
      return sendFrames(reply, context, record, allFrames(record), acceptable);
    }
    const value = await bulkValue(context.store, record, path, tagPath);
    if (!value) throw new HttpError(404, `instance ${record.sopInstanceUID} has no bulk data value ${tagPath}`);
    const multipart = selectRepresentation(acceptable, (a) => (inRange(a.type, OCTET_STREAM) ? (a.multipart ?? true) : undefined), true, `bulk data ${tagPath}`);
    let range;
    try {
      range = requestedRange(request.headers.range, value.size);
    } catch (e) {
      if (!(e instanceof UnsatisfiableRange)) throw e;
      return sendError(reply.header('Content-Range', `bytes */${value.size}`), 416, e.message);
    }
    const headers: Record<string, string> = range ? { 'Content-Range': contentRange(range, value.size) } : {};
    const parts = (async function* () {
      yield part(OCTET_STREAM, value.read(range ?? { start: 0, end: value.size }), headers);
    })();
    reply.header('Accept-Ranges', 'bytes');
    if (range) reply.code(206);
    return multipart ? sendMultipart(reply, OCTET_STREAM, parts) : sendSinglePart(reply, parts);
  });
};
