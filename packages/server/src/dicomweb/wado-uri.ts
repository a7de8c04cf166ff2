// WADO-URI (PS3.18 Chapter 9): GET {base}/wado?requestType=WADO&studyUID=&seriesUID=&objectUID=... returns
// one instance as application/dicom (9.1.2.2.2 transferSyntax), or one frame rendered as image/jpeg or
// image/png with the windowing, region, size and quality parameters of 9.1.2.2.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';
import { acceptableMediaTypes, inRange, selectRepresentation } from './accept.js';
import { frameIndexes } from './frame-list.js';
import type { SourceRegion } from './image-region.js';
import { instanceBody, instanceSyntax } from './instance-syntax.js';
import { single, type QueryParams } from './query-params.js';
import { sendBody } from './multipart-response.js';
import { RENDERED_TYPES, renderImage, type RenderRequest, type RenderedType } from './render-image.js';
import { checkedWindow, decimal, parseQuality, positiveInteger } from './rendered-params.js';
import { checkedUid, instanceIn } from './resource-scope.js';
import { StoredInstance } from './stored-instance.js';

const DICOM = 'application/dicom';

/** Parameters of rendered images only: not with application/dicom (PS3.18 9.1.2.2). */
const IMAGE_ONLY = ['annotation', 'rows', 'columns', 'region', 'windowCenter', 'windowWidth', 'frameNumber'];

function required(query: QueryParams, name: string): string {
  const value = single(query, name);
  if (value === undefined || value === '') throw new HttpError(400, `${name}: required`, name);
  return value;
}

/** PS3.18 9.1.2.1.3, 9.1.2.1.4: the UIDs of the instance, each checked (PS3.5 9.1). */
const requiredUid = (query: QueryParams, name: string): string => checkedUid(required(query, name), name);

/** PS3.18 9.1.2.2.5 Region: x1,y1,x2,y2 as fractions of the image (0.0 to 1.0), top left then bottom right. */
function parseRegion(text: string): [number, number, number, number] {
  const values = text.split(',').map((v) => decimal(v, 'region'));
  const [x1, y1, x2, y2] = values;
  if (values.length !== 4 || !values.every((v) => v >= 0 && v <= 1) || !(x1! < x2!) || !(y1! < y2!)) {
    throw new HttpError(400, `region: "${text}" is not x1,y1,x2,y2 with 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1`, 'region');
  }
  return values as [number, number, number, number];
}

/** The rendering the image parameters ask for (PS3.18 9.1.2.2), less the media type. */
function imageRequest(query: QueryParams, record: InstanceRecord): { request: Omit<RenderRequest, 'mediaType'>; frame: number } {
  const center = single(query, 'windowCenter');
  const width = single(query, 'windowWidth');
  // PS3.18 9.1.2.2.6: Window Center and Window Width come together.
  if ((center === undefined) !== (width === undefined)) {
    const missing = center === undefined ? 'windowCenter' : 'windowWidth';
    throw new HttpError(400, `${missing}: required with ${missing === 'windowCenter' ? 'windowWidth' : 'windowCenter'}`, missing);
  }
  const rows = single(query, 'rows');
  const columns = single(query, 'columns');
  const quality = single(query, 'imageQuality');
  const regionText = single(query, 'region');
  const frameText = single(query, 'frameNumber');
  const frame = frameText === undefined ? 0 : frameIndexes([positiveInteger(frameText, 'frameNumber')], record)[0]!;
  let region: SourceRegion | undefined;
  if (regionText !== undefined) {
    const [x1, y1, x2, y2] = parseRegion(regionText);
    const c = record.columns ?? 0;
    const r = record.rows ?? 0;
    region = { x: Math.round(x1 * c), y: Math.round(y1 * r), width: Math.max(1, Math.round((x2 - x1) * c)), height: Math.max(1, Math.round((y2 - y1) * r)) };
  }
  const request = {
    ...(center !== undefined && { window: checkedWindow({ center: decimal(center, 'windowCenter'), width: decimal(width!, 'windowWidth') }, 'windowWidth') }),
    ...((rows !== undefined || columns !== undefined) && {
      size: { ...(rows !== undefined && { height: positiveInteger(rows, 'rows') }), ...(columns !== undefined && { width: positiveInteger(columns, 'columns') }) },
    }),
    ...(quality !== undefined && { quality: parseQuality(quality, 'imageQuality') }),
    ...(region && { region, regionParameter: 'region' }),
  };
  return { request, frame };
}

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
    const params = { study: requiredUid(query, 'studyUID'), series: requiredUid(query, 'seriesUID'), instance: requiredUid(query, 'objectUID') };
    const record = await instanceIn(context.index, params);
    // PS3.18 9.1.2.1.4: contentType lists the acceptable media types; image/jpeg by default for images.
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
