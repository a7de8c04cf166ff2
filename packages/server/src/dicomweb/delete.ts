// DELETE of a study, series or instance: the archive's own transaction (PS3.18 defines none), as other
// archives offer it. Exclusive of stores into its scope (see writeLocks); journaled, so that a crash
// midway is completed by start-up repair: index rows go first, then the files.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import type { InstanceRecord, InstanceScope } from '../index/types.js';
import { journalOf } from '../ingest/write-journal.js';
import { writeLocks } from '../ingest/write-locks.js';
import { describeScope, resourceScope, type ResourceParams } from './resource-scope.js';

/** Removes the instances in scope, rows then files; resolves to their records. */
function deleteScope(context: ServerContext, scope: InstanceScope): Promise<InstanceRecord[]> {
  return writeLocks.delete(scope, async () => {
    const keys = (await context.index.listInstances(scope)).map((r) => r.storageKey);
    if (keys.length === 0) return [];
    const entry = await journalOf(context.config.data).record({ kind: 'delete', keys });
    // The intent goes even when a step failed: rolled forward later, it could remove an instance stored since.
    try {
      const records = await context.index.deleteInstances(scope);
      await Promise.all(records.map((r) => context.store.delete(r.storageKey)));
      return records;
    } finally {
      await entry.done();
    }
  });
}

export const deleteRoutes: RoutePlugin = (app, context) => {
  async function remove(request: FastifyRequest<{ Params: ResourceParams }>, reply: FastifyReply) {
    const scope = resourceScope(request.params);
    const removed = await context.track(deleteScope(context, scope));
    if (removed.length === 0) throw new HttpError(404, `no ${describeScope(scope)}`);
    return reply.code(204).send();
  }
  app.delete('/studies/:study', remove);
  app.delete('/studies/:study/series/:series', remove);
  app.delete('/studies/:study/series/:series/instances/:instance', remove);
};
