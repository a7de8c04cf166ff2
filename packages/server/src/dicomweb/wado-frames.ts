// WADO-RS Retrieve Frames (PS3.18 10.4, frame resources): .../instances/{instance}/frames/{frameList},
// and the rendered and thumbnail resources under it. The frame list sits in a wildcard segment: it can be
// longer than the router's limit for one parameter.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingPart } from '@dcmkit/dicomweb';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';
import { acceptableMediaTypes, selectRepresentation, type Acceptable } from './accept.js';
import { frameIndexes, parseFrameList } from './frame-list.js';
import { DEFAULT_FRAMES, frameRepresentation, type FrameRepresentation } from './frame-representation.js';
import { part, sendMultipart, sendSinglePart } from './multipart-response.js';
import type { QueryParams } from './query-params.js';
import { instanceIn, type ResourceParams } from './resource-scope.js';
import { StoredInstance } from './stored-instance.js';
import { sendRendered } from './wado-rendered.js';

async function* frameParts(context: ServerContext, record: InstanceRecord, indexes: number[], how: FrameRepresentation): AsyncIterable<OutgoingPart> {
  const instance = new StoredInstance(context.store, record);
  try {
    const contentType = `${how.type}; transfer-syntax=${how.transferSyntax}`;
    for (const index of indexes) yield part(contentType, how.decode ? await instance.decoded(index) : await instance.stored(index));
  } finally {
    await instance.close();
  }
}

/** Sends frames `indexes` (0-based) of `record` in the first representation `acceptable` allows. */
export async function sendFrames(reply: FastifyReply, context: ServerContext, record: InstanceRecord, indexes: number[], acceptable: Acceptable[]): Promise<FastifyReply> {
  const what = `frames of instance ${record.sopInstanceUID} (${record.transferSyntaxUID})`;
  const how = selectRepresentation(acceptable, (a) => frameRepresentation(a, record, indexes.length), frameRepresentation(DEFAULT_FRAMES, record, indexes.length), what);
  if (!how) throw new HttpError(406, `${what} cannot be decoded: no codec for their Transfer Syntax`);
  const parts = frameParts(context, record, indexes, how);
  if (!how.multipart) return sendSinglePart(reply, parts);
  return sendMultipart(reply, how.type, parts, { 'transfer-syntax': how.transferSyntax });
}

type FramesRequest = FastifyRequest<{ Params: Required<ResourceParams> & { '*': string }; Querystring: QueryParams }>;

export const framesRoutes: RoutePlugin = (app, context) => {
  app.get('/studies/:study/series/:series/instances/:instance/frames/*', async (request: FramesRequest, reply) => {
    const [list, resource, ...rest] = request.params['*'].split('/');
    if (rest.length > 0 || (resource !== undefined && resource !== 'rendered' && resource !== 'thumbnail')) {
      throw new HttpError(404, `no route for ${request.method} ${request.url.split('?')[0]}`);
    }
    const numbers = parseFrameList(list!);
    const record = await instanceIn(context.index, request.params);
    const indexes = frameIndexes(numbers, record);
    if (resource !== undefined) return sendRendered(request, reply, context, [{ record, indexes }], resource, 'multipart');
    return sendFrames(reply, context, record, indexes, acceptableMediaTypes(request.headers.accept, request.query.accept));
  });
};
