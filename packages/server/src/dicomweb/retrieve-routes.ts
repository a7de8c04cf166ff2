// The retrieve side of the archive under /dicomweb: WADO-RS (instances, metadata, frames, bulk data,
// rendered, thumbnails), WADO-URI and DELETE, decoding with every codec of @dcmkit/codecs (native ones in
// worker threads with a time limit: a damaged frame cannot hang the archive).
import { RLE_LOSSLESS } from '@dcmkit/codecs';
import { registerIsolatedCodecs } from '@dcmkit/codecs/node';
import { codecs } from '@dcmkit/pixel';
import type { RoutePlugin } from '../context.js';
import { deleteRoutes } from './delete.js';
import { bulkRoutes } from './wado-bulk.js';
import { framesRoutes } from './wado-frames.js';
import { metadataRoutes } from './wado-metadata.js';
import { renderedRoutes } from './wado-rendered.js';
import { wadoRoutes } from './wado-rs.js';
import { wadoUriRoutes } from './wado-uri.js';

const ROUTES: RoutePlugin[] = [wadoRoutes, metadataRoutes, framesRoutes, bulkRoutes, renderedRoutes, wadoUriRoutes, deleteRoutes];

export const retrieveRoutes: RoutePlugin = async (app, context) => {
  // The application may have filled the shared registry already.
  if (!codecs.has(RLE_LOSSLESS)) registerIsolatedCodecs(codecs);
  for (const routes of ROUTES) await routes(app, context);
};
