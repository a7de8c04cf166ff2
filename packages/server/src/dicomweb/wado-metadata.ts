// WADO-RS Retrieve Metadata (PS3.18 10.4, metadata resources): the DICOM JSON of each instance of a study, series or
// instance (PS3.18 F.2), bulk data as BulkDataURIs, served from the index without reading the files.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../context.js';
import { acceptableMediaTypes, inRange, selectRepresentation } from './accept.js';
import type { QueryParams } from './query-params.js';
import { describeScope, foundIn, resourceScope, type ResourceParams } from './resource-scope.js';

const DICOM_JSON = 'application/dicom+json';

export const metadataRoutes: RoutePlugin = (app, context) => {
  async function metadata(request: FastifyRequest<{ Params: ResourceParams; Querystring: QueryParams }>, reply: FastifyReply) {
    const scope = resourceScope(request.params);
    const acceptable = acceptableMediaTypes(request.headers.accept, request.query.accept);
    // PS3.18 8.7.3: application/dicom+json (or plain JSON); XML metadata is not offered.
    const type = selectRepresentation(
      acceptable,
      (a) => (a.multipart !== true && (inRange(a.type, DICOM_JSON) || a.type === 'application/json') ? DICOM_JSON : undefined),
      DICOM_JSON,
      `the metadata of ${describeScope(scope)}`,
    );
    // The stored JSON texts joined: nothing is parsed or serialised again.
    const metadata = foundIn(await context.index.instanceMetadata(scope), scope);
    return reply.type(type).send(`[${metadata.join(',')}]`);
  }
  app.get('/studies/:study/metadata', metadata);
  app.get('/studies/:study/series/:series/metadata', metadata);
  app.get('/studies/:study/series/:series/instances/:instance/metadata', metadata);
};
