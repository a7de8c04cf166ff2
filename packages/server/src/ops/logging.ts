// Structured request logs (pino) that leave out patient data: no query strings or UIDs unless configured.
import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../config.js';

/** A URL's path with UID segments and the query string masked. */
export const maskUrl = (url: string): string => url.split('?')[0]!.replace(/\/[0-9.]{6,64}(?=\/|$)/g, '/{uid}');

export function logOptions(config: ServerConfig): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: config.logPatientData ? req.url : maskUrl(req.url) }),
    },
  };
}
