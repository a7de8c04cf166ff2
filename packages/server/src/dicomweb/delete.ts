// DELETE of a study, series or instance: the archive's own transaction (PS3.18 defines none), as other
// archives offer it. Index rows (and emptied series and studies) go first, then the files.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../context.js';
import { HttpError } from '../errors.js';
import { describeScope, resourceScope, type ResourceParams } from './resource-scope.js';

export const deleteRoutes: RoutePlugin = (app, context) => {
  async function remove(request: FastifyRequest<{ Params: ResourceParams }>, reply: FastifyReply) {
    const scope = resourceScope(request.params);
    // Rows go first: a file left by a crash is found by start-up repair; a row without its file would be served.
    const removed = await context.track(
      (async () => {
        const records = await context.index.deleteInstances(scope);
        await Promise.all(records.map((r) => context.store.delete(r.storageKey)));
        return records;
      })(),
    );
    if (removed.length === 0) throw new HttpError(404, `no ${describeScope(scope)}`);
    return reply.code(204).send();
  }
  app.delete('/studies/:study', remove);
  app.delete('/studies/:study/series/:series', remove);
  app.delete('/studies/:study/series/:series/instances/:instance', remove);
};
