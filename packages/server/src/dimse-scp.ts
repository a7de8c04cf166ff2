// The archive's DIMSE service provider (PS3.4 A, B, C): C-ECHO; C-STORE into the same store and index
// as STOW-RS, acknowledged once durable; C-FIND, C-MOVE (to the AEs of the configured table) and C-GET
// over the index (see dimse-query.ts).
import { Status, instanceOfPart10Source, part10Header, type RetrieveInstance, type StoreStreamRequest, type StatusResult } from '@dcmkit/dimse';
import { DimseServer, type ApplicationEntity } from '@dcmkit/dimse/node';
import type { ServerContext } from './context.js';
import { findMatches, retrieveMatches } from './dimse-query.js';
import { storeInstance } from './ingest/store-instance.js';
import type { InstanceRecord } from './index/types.js';

/** "NAME=host:port" entries separated by commas (the aeTable setting, `--ae`) as an AE table. */
export function parseAETable(text: string): Record<string, ApplicationEntity> {
  const table: Record<string, ApplicationEntity> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^([^=]{1,16})=(.+):(\d{1,5})$/.exec(entry);
    if (!m || Number(m[3]) > 65535) throw new Error(`aeTable: expected NAME=host:port, got "${entry}"`);
    table[m[1]!.trim()] = { host: m[2]!.replace(/^\[(.*)\]$/, '$1'), port: Number(m[3]) };
  }
  return table;
}

/**
 * C-STORE: File Meta Information, then the data set written as it arrives, through the STOW-RS ingest
 * path; an association that ends before the data set does leaves nothing behind.
 */
async function store(context: ServerContext, request: StoreStreamRequest): Promise<StatusResult> {
  const pending = await context.store.begin();
  try {
    await pending.write(part10Header(request, request.callingAE));
    for await (const fragment of request.dataSet) await pending.write(fragment);
  } catch (e) {
    await pending.discard();
    throw e;
  }
  const outcome = await storeInstance(context, pending);
  // Failure reasons of the ingest are DIMSE statuses already (PS3.4 B.2.3, PS3.7 C).
  return outcome.ok ? { status: Status.Success } : { status: outcome.reason, errorComment: outcome.message.slice(0, 64) };
}

/** A stored instance as a C-MOVE/C-GET sub-operation: its data set read from the file as it is sent. */
function retrieveInstance(context: ServerContext, record: InstanceRecord): RetrieveInstance {
  return {
    sopClassUID: record.sopClassUID,
    sopInstanceUID: record.sopInstanceUID,
    transferSyntaxUID: record.transferSyntaxUID,
    async load() {
      const { sopClassUID, sopInstanceUID, transferSyntaxUID } = record;
      return instanceOfPart10Source(await context.store.open(record.storageKey, record.size), { sopClassUID, sopInstanceUID, transferSyntaxUID }, record.storageKey);
    },
  };
}

/** Starts the DIMSE SCP on `port` (default: the dimsePort setting) with the archive's AE title and AE table. */
export async function startDimseScp(context: ServerContext, port = context.config.dimsePort): Promise<DimseServer> {
  const { config } = context;
  const server = new DimseServer({
    aeTitle: config.aeTitle,
    port,
    host: config.host,
    aeTable: parseAETable(config.aeTable),
    handlers: {
      storeStream: (request) => context.track(store(context, request)),
      find: (request) => findMatches(context.index, request, config.aeTitle),
      retrieve: async (request) => (await retrieveMatches(context.index, request)).map((r) => retrieveInstance(context, r)),
    },
  });
  await server.listen();
  return server;
}
