import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import type { ArchiveIndex } from './index/types.js';
import type { InstanceStore } from './store/instance-store.js';
import type { Metrics } from './ops/metrics.js';

/** What every route plugin gets besides the fastify scope. */
export interface ServerContext {
  config: ServerConfig;
  index: ArchiveIndex;
  store: InstanceStore;
  metrics: Metrics;
  /**
   * Runs a store operation that graceful shutdown waits for (STOW-RS writes, DELETE):
   * close() lets every tracked operation finish before closing the index.
   */
  track<T>(work: Promise<T>): Promise<T>;
}

/**
 * A DICOMweb route plugin, registered under the /dicomweb prefix by `buildServer`
 * (paths inside it are relative: "/studies/:study/series").
 */
export type RoutePlugin = (app: FastifyInstance, context: ServerContext) => Promise<void> | void;
