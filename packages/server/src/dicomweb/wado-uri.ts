// WADO-URI (PS3.18 Chapter 9): GET {base}/wado?requestType=WADO&studyUID=&seriesUID=&objectUID=... returns
// one instance as application/dicom (in the transferSyntax asked for), or one frame rendered as image/jpeg or
// image/png with the windowing, region, size and quality parameters of 9.1.2.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';
import { acceptableMediaTypes, inRange, selectRepresentation } from './accept.js';
import { instanceBody, instanceSyntax } from './instance-syntax.js';
import { single, type QueryParams } from './query-params.js';
import { sendBody } from './multipart-response.js';
import { RENDERED_TYPES, renderImage, type RenderedType } from './render-image.js';
import { instanceIn } from './resource-scope.js';
import { StoredInstance } from './stored-instance.js';
import { IMAGE_ONLY, imageRequest, instanceParams, required } from './wado-uri-params.js';

const DICOM = 'application/dicom';

async function sendInstance(reply: FastifyReply, context: ServerContext, query: QueryParams, record: InstanceRecord): Promise<FastifyReply> {
  const given = IMAGE_ONLY.find((name) => query[name] !== undefined);
  if (given) throw new HttpError(400, `${given}: not allowed with contentType=${DICOM}`, given);
  const requested = single(query, 'transferSyntax');
  const transferSyntax = instanceSyntax(record, requested);
  if (!transferSyntax) throw new HttpError(406, `instance ${record.sopInstanceUID} cannot be sent in Transfer Syntax ${requested}`);
  return sendBody(reply.type(`${DICOM}; transfer-syntax=${transferSyntax}`), await instanceBody(context.store, record, transferSyntax));
}

async function sendImage(reply: FastifyReply, context: ServerContext, query: QueryParams, record: InstanceRecord, mediaType: RenderedType): Promise<FastifyReply> {
  if (query.transferSyntax !== undefined) throw new HttpError(400, `transferSyntax: only with contentType=${DICOM}`, 'transferSyntax');
  if (record.numberOfFrames === 0) throw new HttpError(406, `instance ${record.sopInstanceUID} has no pixel data to render as ${mediaType}`);
  const { request, frame } = imageRequest(query, record);
  const image = await StoredInstance.with(context.store, record, async (instance) => renderImage(await instance.file(), frame, { ...request, mediaType }));
  return sendBody(reply.type(mediaType), image);
}

export const wadoUriRoutes: RoutePlugin = (app, context) => {
  app.get('/wado', async (request: FastifyRequest<{ Querystring: QueryParams }>, reply) => {
    const query = request.query;
    if (required(query, 'requestType') !== 'WADO') throw new HttpError(400, `requestType: "${query.requestType}" is not WADO`, 'requestType');
    // Unsupported parameters are ignored (PS3.18 8.3), but not a request to remove patient data.
    if (single(query, 'anonymize') === 'yes') throw new HttpError(400, 'anonymize: not supported by this server', 'anonymize');
    const record = await instanceIn(context.index, instanceParams(query));
    // PS3.18 9.1.2: contentType lists the acceptable media types; image/jpeg by default for images.
    const acceptable = acceptableMediaTypes(undefined, single(query, 'contentType'), 'contentType');
    const fallback = record.numberOfFrames > 0 ? 'image/jpeg' : DICOM;
    const type = selectRepresentation(
      acceptable,
      (a) => (a.type === '*/*' ? fallback : inRange(a.type, DICOM) ? DICOM : RENDERED_TYPES.find((t) => inRange(a.type, t))),
      fallback,
      `instance ${record.sopInstanceUID}`,
    );
    return type === DICOM ? sendInstance(reply, context, query, record) : sendImage(reply, context, query, record, type);
  });
};
