// WADO-RS Retrieve Rendered and Thumbnail (PS3.18 10.4, rendered and thumbnail resources): studies,
// series, instances and frames rendered for display as JPEG or PNG (PS3.18 8.7.4), with the rendering
// parameters of 8.3.5.1.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingPart } from '@dcmkit/dicomweb';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';
import { acceptableMediaTypes, inRange, selectRepresentation } from './accept.js';
import { allFrames } from './frame-list.js';
import { part, sendMultipart, sendSinglePart } from './multipart-response.js';
import { single, type QueryParams } from './query-params.js';
import { RENDERED_TYPES, renderImage, type RenderRequest, type RenderedType } from './render-image.js';
import { parseViewport, renderedParams } from './rendered-params.js';
import { instancesIn, resourceScope, type ResourceParams } from './resource-scope.js';
import { StoredInstance } from './stored-instance.js';

/** Frames to render: `indexes` (0-based) of `record`. */
export interface RenderTarget {
  record: InstanceRecord;
  indexes: number[];
}

export type RenderedResource = 'rendered' | 'thumbnail';

/** Largest thumbnail side when the request gives no viewport. */
const THUMBNAIL_SIZE = 128;

/** The rendering asked by the query, less the media type; a thumbnail is the viewport at most (vw,vh). */
function renderOptions(query: QueryParams, resource: RenderedResource): Omit<RenderRequest, 'mediaType'> {
  if (resource === 'rendered') return renderedParams(query);
  const viewport = single(query, 'viewport');
  const { size, region } = viewport === undefined ? { size: { width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE } } : parseViewport(viewport);
  if (region) throw new HttpError(400, 'viewport: a thumbnail takes vw,vh only', 'viewport');
  return { size };
}

interface RenderedChoice {
  type: RenderedType;
  multipart: boolean;
}

async function* renderedParts(context: ServerContext, targets: RenderTarget[], request: RenderRequest): AsyncIterable<OutgoingPart> {
  for (const { record, indexes } of targets) {
    const images = await StoredInstance.with(context.store, record, async (instance) => {
      const file = await instance.file();
      const out: Uint8Array[] = [];
      for (const index of indexes) out.push(await renderImage(file, index, request));
      return out;
    });
    for (const body of images) yield part(request.mediaType, body);
  }
}

/** The frame a thumbnail of several frames shows: the middle instance's middle frame. */
function representative(targets: RenderTarget[]): RenderTarget {
  const { record, indexes } = targets[Math.floor((targets.length - 1) / 2)]!;
  return { record, indexes: [indexes[Math.floor((indexes.length - 1) / 2)]!] };
}

/**
 * What a request for a single part (image/png ...) gets when there are several images: the first (a study,
 * series or multi-frame instance shown by one image), or all of them as multipart/related (a frame list).
 */
export type SeveralImages = 'first' | 'multipart';

/**
 * Renders `targets` (instances without frames are left out): one image as a single part unless
 * multipart/related is asked for; several as multipart/related, or as `several` says for a single part Accept.
 */
export async function sendRendered(
  request: FastifyRequest<{ Querystring: QueryParams }>,
  reply: FastifyReply,
  context: ServerContext,
  targets: RenderTarget[],
  resource: RenderedResource,
  several: SeveralImages,
): Promise<FastifyReply> {
  const options = renderOptions(request.query, resource);
  let images = targets.filter((t) => t.indexes.length > 0);
  if (images.length === 0) throw new HttpError(406, 'nothing to render: no instance with pixel data');
  if (resource === 'thumbnail') images = [representative(images)];
  const count = images.reduce((n, t) => n + t.indexes.length, 0);
  const acceptable = acceptableMediaTypes(request.headers.accept, request.query.accept);
  // PS3.18 Table 8.7.4-1: image/jpeg is the default rendered media type; image/png is also produced.
  const choice = selectRepresentation<RenderedChoice>(
    acceptable,
    (a) => {
      const type = RENDERED_TYPES.find((t) => inRange(a.type, t));
      return type && { type, multipart: a.multipart === true || (count > 1 && (a.multipart === undefined || several === 'multipart')) };
    },
    { type: 'image/jpeg', multipart: count > 1 },
    resource,
  );
  const render = { ...options, mediaType: choice.type };
  if (choice.multipart) return sendMultipart(reply, choice.type, renderedParts(context, images, render));
  const first = { record: images[0]!.record, indexes: [images[0]!.indexes[0]!] };
  return sendSinglePart(reply, renderedParts(context, [first], render));
}


export const renderedRoutes: RoutePlugin = (app, context) => {
  for (const resource of ['rendered', 'thumbnail'] as const) {
    const handler = async (request: FastifyRequest<{ Params: ResourceParams; Querystring: QueryParams }>, reply: FastifyReply) => {
      const scope = resourceScope(request.params);
      const records = await instancesIn(context.index, scope);
      return sendRendered(request, reply, context, records.map((record) => ({ record, indexes: allFrames(record) })), resource, 'first');
    };
    app.get(`/studies/:study/${resource}`, handler);
    app.get(`/studies/:study/series/:series/${resource}`, handler);
    app.get(`/studies/:study/series/:series/instances/:instance/${resource}`, handler);
  }
};
