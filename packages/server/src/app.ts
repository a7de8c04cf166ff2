// The fastify app: DICOMweb under /dicomweb, operations endpoints, and the viewer page at /.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import type { RoutePlugin, ServerContext } from './context.js';
import { replyToError, sendError } from './errors.js';
import { openIndex } from './index/open.js';
import { FileStore } from './store/file-store.js';
import type { InstanceStore } from './store/instance-store.js';
import { s3LocationOf } from './store/s3-location.js';
import { Metrics, observeRequests } from './ops/metrics.js';
import { bearerAuth } from './ops/auth.js';
import { repairArchive, type RepairReport } from './ops/repair.js';
import { journalOf } from './ingest/write-journal.js';
import { opsRoutes } from './ops/routes.js';
import { viewerRoutes } from './viewer/static.js';
import { logOptions } from './ops/logging.js';
import { stowRoutes } from './dicomweb/stow.js';
import { qidoRoutes } from './dicomweb/qido.js';
import type { DimseServer } from '@dcmkit/dimse/node';
import { startDimseScp } from './dimse-scp.js';
import { retrieveRoutes } from './dicomweb/retrieve-routes.js';
import { wadoUriRoutes } from './dicomweb/wado-uri.js';

/** The DICOMweb route plugins, registered in order under /dicomweb. */
const DICOMWEB_ROUTES: RoutePlugin[] = [stowRoutes, qidoRoutes, retrieveRoutes];

/** A built server: the fastify app (use `app.inject` in tests), its context, and what start-up repair found. */
export interface DcmkitServer {
  app: FastifyInstance;
  context: ServerContext;
  repair: RepairReport;
  /** Listens on config.host:config.port; resolves to the base URL (http://127.0.0.1:8080). */
  listen(): Promise<string>;
  /** Stops accepting requests, lets in-flight stores finish, closes the index. */
  close(): Promise<void>;
}

/** Files under the data folder, or the bucket of an s3:// `store` (the SDK loaded only then). */
async function storeOf(config: ServerConfig): Promise<InstanceStore> {
  const location = s3LocationOf(config.store);
  if (!location) return new FileStore(config.data);
  const { s3StoreOf } = await import('./store/s3-store.js');
  return s3StoreOf(location, config.data);
}

/**
 * Repairs the archive of `config` without serving it, listing the store even when replicas share it
 * (an object a crashed replica uploaded but did not index gets its row); what was done is reported.
 */
export async function repairStore(config: ServerConfig): Promise<RepairReport> {
  const store = await storeOf(config);
  const index = await openIndex(config);
  try {
    return await repairArchive(store, index, journalOf(config.data), { listShared: true });
  } finally {
    await index.close();
  }
}

/** Opens the store and the index, repairs them (see repairArchive), and builds the app. */
export async function buildServer(config: ServerConfig): Promise<DcmkitServer> {
  const store = await storeOf(config);
  const index = await openIndex(config);
  const metrics = new Metrics();
  const inflight = new Set<Promise<unknown>>();
  const context: ServerContext = {
    config,
    index,
    store,
    metrics,
    track(work) {
      inflight.add(work);
      const done = () => inflight.delete(work);
      work.then(done, done);
      return work;
    },
  };
  let repair: RepairReport;
  try {
    repair = await repairArchive(store, index, journalOf(config.data));
  } catch (e) {
    await index.close();
    throw e;
  }

  const app = Fastify({
    logger: logOptions(config),
    requestTimeout: config.requestTimeoutMs,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: 'idle',
  });
  app.setErrorHandler(replyToError);
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, `no route for ${request.method} ${request.url.split('?')[0]}`));
  observeRequests(app, metrics);
  await app.register(opsRoutes(context));
  await app.register(viewerRoutes);
  await app.register(
    async (scope) => {
      // Bodies are read by the routes themselves (streamed multipart, media types checked there).
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      if (config.auth) scope.addHook('onRequest', bearerAuth(index));
      for (const routes of DICOMWEB_ROUTES) await routes(scope, context);
    },
    { prefix: '/dicomweb' },
  );
  // WADO-URI also where older clients look for it, /wado (PS3.18 9.1), behind the same auth.
  await app.register(async (scope) => {
    if (config.auth) scope.addHook('onRequest', bearerAuth(index));
    await wadoUriRoutes(scope, context);
  });

  let closing: Promise<void> | undefined;
  let dimse: DimseServer | undefined;
  return {
    app,
    context,
    repair,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      if (config.dimsePort) dimse = await startDimseScp(context);
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
      return `http://${host}:${port}`;
    },
    close() {
      closing ??= (async () => {
        // Keep-alive connections of finished in-flight requests are closed as they become idle.
        const idle = setInterval(() => app.server.closeIdleConnections(), 100);
        try {
          await app.close();
        } finally {
          clearInterval(idle);
        }
        await dimse?.close();
        await Promise.allSettled([...inflight]);
        await index.close();
      })();
      return closing;
    },
  };
}
