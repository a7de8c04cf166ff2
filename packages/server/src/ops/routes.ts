// /healthz (liveness and index reachability) and /metrics (Prometheus).
import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../context.js';

export const opsRoutes =
  (context: ServerContext): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', async (_request, reply) => {
      const ok = await context.index.ping().then(
        () => true,
        () => false,
      );
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'index unavailable' });
    });
    app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(context.metrics.render()));
  };
