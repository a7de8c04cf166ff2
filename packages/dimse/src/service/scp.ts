// The service provider side of the DIMSE-C services (PS3.7 9.1; PS3.4 A, B, C): each request on an
// association handed to a handler, one at a time, and answered; C-CANCEL stops the running one.
import { DataSet, parseDataSet, writeDataSet } from '@dcmkit/core';
import { CommandField, type DimseMessage } from '../message/command.js';
import type { DataSetSource } from '../message/fragments.js';
import { Status, statusCategory } from '../message/status.js';
import { VERIFICATION, queryRetrieveClass, type InformationModel, type QueryLevel } from '../uids.js';
import type { DimseChannel } from './channel.js';
import { ServiceUser, type StatusResult } from './scu.js';
import { storageProposals, type ContextProposal, type StoreInstance } from './storage.js';

/** A C-STORE request (PS3.4 B.2.2): the instance as received, and who sent it. */
export interface StoreRequest extends StoreInstance {
  callingAE: string;
  /** Set when the store is a C-MOVE sub-operation of another AE's request (PS3.7 9.1.1.1.9-10). */
  moveOriginator?: { aeTitle: string; messageId: number };
}

/** A C-STORE request whose data set is read as it arrives (see ServiceHandlers.storeStream). */
export interface StoreStreamRequest extends Omit<StoreRequest, 'dataSet'> {
  /** The data set's fragments in order; iterating throws when the association ends before the last one. */
  dataSet: AsyncIterable<Uint8Array>;
}

/** A C-FIND, C-MOVE or C-GET request (PS3.4 C.4): the model, the level and the identifier's keys. */
export interface QueryRequest {
  callingAE: string;
  model: InformationModel;
  level: QueryLevel;
  identifier: DataSet;
  /** Aborted when the peer sends C-CANCEL-RQ (PS3.7 9.3.2.3). */
  signal: AbortSignal;
}

/** An instance matched by C-MOVE or C-GET: what negotiation needs, and its data set on demand. */
export interface RetrieveInstance {
  sopClassUID: string;
  sopInstanceUID: string;
  transferSyntaxUID: string;
  /** The instance to send; a data set source is closed once its sub-operation ends. */
  load(): Promise<StoreInstance<Uint8Array | DataSetSource>>;
}

export interface ServiceHandlers {
  /** C-STORE: the status to answer (PS3.4 B.2.3); answer Success only once the instance is durable. */
  store?(request: StoreRequest): Promise<StatusResult>;
  /**
   * C-STORE with the data set read as it arrives, fragment by fragment, instead of `store`: the association
   * reads no further than the handler, so memory stays bounded whatever the data set's size.
   */
  storeStream?(request: StoreStreamRequest): Promise<StatusResult>;
  /** C-FIND: the matches' identifiers, each holding the requested keys. */
  find?(request: QueryRequest): AsyncIterable<DataSet>;
  /** C-MOVE and C-GET: the instances that match. */
  retrieve?(request: QueryRequest): Promise<RetrieveInstance[]>;
  /** C-MOVE: an association to `aeTitle` proposing `contexts`; undefined when the AE is not known (status A801). */
  moveDestination?(aeTitle: string, contexts: ContextProposal[]): Promise<ServiceUser | undefined>;
}

const QUERY_LEVELS = new Set<string>(['PATIENT', 'STUDY', 'SERIES', 'IMAGE']);
/** LO values are at most 64 characters (PS3.5 6.2). */
const comment = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 64);

/** Serves the DIMSE-C requests arriving on `channel` with `handlers`; unsupported services are refused. */
export function serveAssociation(channel: DimseChannel, handlers: ServiceHandlers): void {
  const running = new Map<number, AbortController>();
  let queue = Promise.resolve();
  channel.setRequestHandler(
    (request) => {
      const field = request.command.getNumber('CommandField');
      if (field === CommandField.CCancelRQ) {
        running.get(request.command.getNumber('MessageIDBeingRespondedTo') ?? -1)?.abort();
        return;
      }
      const id = request.command.getNumber('MessageID') ?? 0;
      const control = new AbortController();
      running.set(id, control);
      // One operation at a time: the Asynchronous Operations Window is not negotiated (PS3.7 D.3.3.3).
      queue = queue.then(() => perform(channel, handlers, request, control.signal).catch(() => undefined)).finally(() => running.delete(id));
    },
    (request) => handlers.storeStream !== undefined && request.command.getNumber('CommandField') === CommandField.CStoreRQ,
  );
}

async function perform(channel: DimseChannel, handlers: ServiceHandlers, request: DimseMessage, signal: AbortSignal): Promise<void> {
  const command = request.command;
  const field = command.getNumber('CommandField')!;
  const pc = channel.association.contexts.get(request.contextId)!;
  const sopClass = command.getString('AffectedSOPClassUID') ?? pc.abstractSyntax;
  const respond = (status: number, extra: Record<string, unknown> = {}, data?: Uint8Array) =>
    channel.respond(request, { CommandField: field | 0x8000, AffectedSOPClassUID: sopClass, Status: status, ...extra }, data);

  if (field === CommandField.CEchoRQ && pc.abstractSyntax === VERIFICATION) return respond(Status.Success);
  if (field === CommandField.CStoreRQ && (request.stream ? handlers.storeStream : handlers.store && request.data)) return performStore(channel, handlers, request, respond);
  const qr = queryRetrieveClass(pc.abstractSyntax);
  const handled =
    (field === CommandField.CFindRQ && qr?.operation === 'find' && handlers.find) ||
    (field === CommandField.CMoveRQ && qr?.operation === 'move' && handlers.retrieve) ||
    (field === CommandField.CGetRQ && qr?.operation === 'get' && handlers.retrieve);
  if (!handled || !qr || !request.data) return respond(Status.UnrecognizedOperation);

  const identifier = parseDataSet(request.data, pc.transferSyntax);
  const level = identifier.getString('QueryRetrieveLevel')?.trim() ?? '';
  if (!QUERY_LEVELS.has(level)) return respond(Status.DataSetDoesNotMatchSOPClass, { ErrorComment: `Query/Retrieve Level "${level}" (PS3.4 C.3)` });
  const query: QueryRequest = { callingAE: channel.association.callingAE, model: qr.model, level: level as QueryLevel, identifier, signal };
  if (field === CommandField.CFindRQ) return performFind(handlers.find!(query), pc.transferSyntax, signal, respond);
  const destination = command.getString('MoveDestination')?.trim();
  return performRetrieve(channel, handlers, query, request, destination, respond);
}

type Respond = (status: number, extra?: Record<string, unknown>, data?: Uint8Array) => Promise<void>;

/** C-STORE (PS3.4 B.2.3): the handler's status, sent once a streamed data set has arrived whole (or been dropped). */
async function performStore(channel: DimseChannel, handlers: ServiceHandlers, request: DimseMessage, respond: Respond): Promise<void> {
  const c = request.command;
  const sopInstanceUID = c.getString('AffectedSOPInstanceUID') ?? '';
  const originator = c.getString('MoveOriginatorApplicationEntityTitle');
  const about = {
    sopClassUID: c.getString('AffectedSOPClassUID') ?? '',
    sopInstanceUID,
    transferSyntaxUID: channel.association.contexts.get(request.contextId)!.transferSyntax,
    callingAE: channel.association.callingAE,
    moveOriginator: originator ? { aeTitle: originator.trim(), messageId: c.getNumber('MoveOriginatorMessageID') ?? 0 } : undefined,
  };
  const { stream } = request;
  let result: StatusResult;
  try {
    result = stream ? await handlers.storeStream!({ ...about, dataSet: stream }) : await handlers.store!({ ...about, dataSet: request.data! });
  } catch (e) {
    result = { status: Status.OutOfResources, errorComment: comment(e) };
  }
  // What the handler left unread is dropped: the response follows the data set's last fragment.
  await stream?.dropRest();
  await respond(result.status, { AffectedSOPInstanceUID: sopInstanceUID, ErrorComment: result.errorComment });
}

/** C-FIND responses (PS3.4 C.4.1.2): one Pending per match, then Success, or Cancel once cancelled. */
async function performFind(matches: AsyncIterable<DataSet>, transferSyntax: string, signal: AbortSignal, respond: Respond): Promise<void> {
  try {
    for await (const match of matches) {
      if (signal.aborted) return respond(Status.Cancel);
      await respond(Status.Pending, {}, writeDataSet(match, transferSyntax));
    }
  } catch (e) {
    return respond(Status.UnableToProcess, { ErrorComment: comment(e) });
  }
  return respond(signal.aborted ? Status.Cancel : Status.Success);
}

/**
 * C-MOVE and C-GET (PS3.4 C.4.2.2, C.4.3.2): a C-STORE sub-operation per match, on a new association to
 * the move destination or on this one for C-GET, a Pending response with the counts after each.
 */
async function performRetrieve(channel: DimseChannel, handlers: ServiceHandlers, query: QueryRequest, request: DimseMessage, destination: string | undefined, respond: Respond): Promise<void> {
  let instances: RetrieveInstance[];
  try {
    instances = await handlers.retrieve!(query);
  } catch (e) {
    return respond(Status.UnableToProcess, { ErrorComment: comment(e) });
  }
  let target: ServiceUser | undefined;
  if (destination === undefined) target = new ServiceUser(channel);
  else {
    try {
      target = await handlers.moveDestination?.(destination, storageProposals(instances));
    } catch (e) {
      return respond(Status.OutOfResourcesSubOperations, { ErrorComment: comment(e) });
    }
    if (!target) return respond(Status.MoveDestinationUnknown, { ErrorComment: `unknown move destination ${destination}` });
  }
  const moveOriginator = destination === undefined ? undefined : { aeTitle: query.callingAE, messageId: request.command.getNumber('MessageID') ?? 0 };
  const counts = { completed: 0, failed: 0, warning: 0 };
  const failedUIDs: string[] = [];
  /** Why the first failed sub-operation failed: the destination's Error Comment or status, or ours. */
  let firstFailure: string | undefined;
  let next = 0;
  try {
    for (; next < instances.length && !query.signal.aborted; next++) {
      const instance = instances[next]!;
      const { category, why } = await storeSubOperation(instance, target, moveOriginator).then(
        (r) => ({ category: statusCategory(r.status), why: r.errorComment ?? `status ${r.status.toString(16).padStart(4, '0').toUpperCase()}H` }),
        (e: unknown) => ({ category: 'failure' as const, why: e instanceof Error ? e.message : String(e) }),
      );
      if (category === 'success') counts.completed++;
      else if (category === 'warning') counts.warning++;
      else {
        counts.failed++;
        failedUIDs.push(instance.sopInstanceUID);
        firstFailure ??= why;
      }
      if (next + 1 < instances.length) await respond(Status.Pending, subOperations(instances.length - next - 1, counts));
    }
  } finally {
    if (destination !== undefined) await target.channel.association.release().catch(() => target!.channel.association.abort());
  }
  const cancelled = next < instances.length;
  const failedList = counts.failed ? failedUIDList(failedUIDs, request, channel) : undefined;
  const status = cancelled ? Status.Cancel : counts.failed || counts.warning ? Status.SubOperationsCompleteWithFailures : Status.Success;
  // Error Comment (PS3.7 C.4): LO, 64 characters at most.
  const errorComment = firstFailure === undefined ? undefined : comment(new Error(`${counts.failed} failed, first: ${firstFailure}`));
  return respond(status, { ...subOperations(cancelled ? instances.length - next : undefined, counts), ErrorComment: errorComment }, failedList);
}

/** A C-STORE sub-operation: the instance loaded and sent; a data set source is closed however that ends. */
async function storeSubOperation(instance: RetrieveInstance, target: ServiceUser, moveOriginator?: { aeTitle: string; messageId: number }): Promise<StatusResult> {
  const loaded = await instance.load();
  try {
    return await target.store(loaded, { moveOriginator });
  } finally {
    if (!(loaded.dataSet instanceof Uint8Array)) await loaded.dataSet.close?.();
  }
}

const subOperations = (remaining: number | undefined, counts: { completed: number; failed: number; warning: number }) => ({
  NumberOfRemainingSuboperations: remaining,
  NumberOfCompletedSuboperations: counts.completed,
  NumberOfFailedSuboperations: counts.failed,
  NumberOfWarningSuboperations: counts.warning,
});

/** The final response's identifier: Failed SOP Instance UID List (0008,0058), PS3.4 C.4.2.1.4. */
function failedUIDList(uids: string[], request: DimseMessage, channel: DimseChannel): Uint8Array {
  const ds = new DataSet();
  ds.set('FailedSOPInstanceUIDList', uids);
  return writeDataSet(ds, channel.association.contexts.get(request.contextId)!.transferSyntax);
}
