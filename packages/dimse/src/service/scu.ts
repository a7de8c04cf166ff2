// The service user side of the DIMSE-C services (PS3.7 9.1; PS3.4 A, B, C): C-ECHO, C-STORE, C-FIND,
// C-MOVE and C-GET requests on an established association, C-CANCEL on an AbortSignal.
import { DataSet, parseDataSet, writeDataSet } from '@dcmkit/core';
import { findContext, isAccepted, type PresentationContext } from '../association/context.js';
import { DimseStatusError, PresentationContextError } from '../errors.js';
import { CommandField, Priority, commandSet, type DimseMessage } from '../message/command.js';
import type { DataSetSource } from '../message/fragments.js';
import { Status, statusCategory } from '../message/status.js';
import { QUERY_RETRIEVE, VERIFICATION, type InformationModel } from '../uids.js';
import type { DimseChannel } from './channel.js';
import { canRewrite, dataSetIn, type StoreInstance } from './storage.js';

/** A response's status and comment. */
export interface StatusResult {
  status: number;
  errorComment?: string;
}

/** C-MOVE/C-GET sub-operation counts (PS3.7 9.1.3.1, 9.1.4.1) as of the latest response. */
export interface RetrieveResult extends StatusResult {
  remaining?: number;
  completed: number;
  failed: number;
  warning: number;
  /** Failed SOP Instance UID List (0008,0058) of the final response. */
  failedSOPInstanceUIDs: string[];
}

/** A C-STORE sub-operation received during C-GET (PS3.4 C.4.3.3): its data set's fragments as they arrive. */
export type IncomingStore = Omit<StoreInstance, 'dataSet'> & {
  callingAE: string;
  /** Iterating throws when the association ends before the last fragment. */
  dataSet: AsyncIterable<Uint8Array>;
};

export interface RetrieveOptions {
  /** Sends C-CANCEL-RQ when aborted (PS3.7 9.3.2.3); the final response then has status Cancel. */
  signal?: AbortSignal;
  onProgress?(progress: RetrieveResult): void;
}

const statusOf = (m: DimseMessage): StatusResult => ({ status: m.command.getNumber('Status') ?? Status.ProcessingFailure, errorComment: m.command.getString('ErrorComment') });

export class ServiceUser {
  constructor(readonly channel: DimseChannel) {}

  #context(abstractSyntax: string): PresentationContext {
    const pc = findContext(this.channel.association.contexts, abstractSyntax);
    if (!pc) throw new PresentationContextError(`no accepted presentation context for ${abstractSyntax}`);
    return pc;
  }

  /** C-ECHO (PS3.7 9.1.5): resolves to the status, Success when the peer is there. */
  async echo(): Promise<number> {
    const pc = this.#context(VERIFICATION);
    const command = commandSet({ CommandField: CommandField.CEchoRQ, MessageID: this.channel.nextMessageId(), AffectedSOPClassUID: VERIFICATION }, false);
    return statusOf(await this.channel.call({ contextId: pc.id, command })).status;
  }

  /**
   * C-STORE (PS3.7 9.1.1) on a context of the instance's SOP class, in its own transfer syntax when
   * accepted, else (data set bytes only) rewritten into an accepted uncompressed one.
   */
  async store(instance: StoreInstance<Uint8Array | DataSetSource>, options: { priority?: number; moveOriginator?: { aeTitle: string; messageId: number } } = {}): Promise<StatusResult> {
    const pc = findContext(this.channel.association.contexts, instance.sopClassUID, instance.transferSyntaxUID) ?? this.#convertible(instance);
    const dataSet = dataSetIn(instance, pc.transferSyntax)!;
    const command = commandSet(
      {
        CommandField: CommandField.CStoreRQ,
        MessageID: this.channel.nextMessageId(),
        AffectedSOPClassUID: instance.sopClassUID,
        AffectedSOPInstanceUID: instance.sopInstanceUID,
        Priority: options.priority ?? Priority.Medium,
        MoveOriginatorApplicationEntityTitle: options.moveOriginator?.aeTitle,
        MoveOriginatorMessageID: options.moveOriginator?.messageId,
      },
      true,
    );
    const message = dataSet instanceof Uint8Array ? { contextId: pc.id, command, data: dataSet } : { contextId: pc.id, command, source: dataSet };
    return statusOf(await this.channel.call(message));
  }

  /** An accepted context of the instance's SOP class whose transfer syntax the data set's bytes can be rewritten in. */
  #convertible(instance: StoreInstance<Uint8Array | DataSetSource>): PresentationContext {
    const bytes = instance.dataSet instanceof Uint8Array;
    for (const pc of this.channel.association.contexts.values()) {
      if (bytes && isAccepted(pc) && pc.abstractSyntax === instance.sopClassUID && canRewrite(instance.transferSyntaxUID, pc.transferSyntax)) return pc;
    }
    throw new PresentationContextError(`no accepted presentation context for SOP class ${instance.sopClassUID} in transfer syntax ${instance.transferSyntaxUID}${bytes ? ' or one it converts to' : ''}`);
  }

  /**
   * C-FIND (PS3.7 9.1.2, PS3.4 C.4.1): yields each match's identifier; throws a DimseStatusError when
   * the search fails; ends quietly after a cancel.
   */
  async *find(model: InformationModel, identifier: DataSet, options: { signal?: AbortSignal; priority?: number } = {}): AsyncGenerator<DataSet> {
    const sopClass = QUERY_RETRIEVE[model].find;
    const pc = this.#context(sopClass);
    const messageId = this.channel.nextMessageId();
    const command = commandSet({ CommandField: CommandField.CFindRQ, MessageID: messageId, AffectedSOPClassUID: sopClass, Priority: options.priority ?? Priority.Medium }, true);
    const stop = this.#cancelOn(options.signal, pc, messageId);
    try {
      for await (const response of this.channel.request({ contextId: pc.id, command, data: writeDataSet(identifier, pc.transferSyntax) })) {
        const { status, errorComment } = statusOf(response);
        const category = statusCategory(status);
        if (category === 'pending' && response.data) yield parseDataSet(response.data, pc.transferSyntax);
        else if (category === 'failure') throw new DimseStatusError('C-FIND', status, errorComment);
      }
    } finally {
      stop();
    }
  }

  /** C-MOVE (PS3.7 9.1.4, PS3.4 C.4.2): the archive sends the matches to `destination` on its own association. */
  move(model: InformationModel, identifier: DataSet, destination: string, options: RetrieveOptions = {}): Promise<RetrieveResult> {
    return this.#retrieve(QUERY_RETRIEVE[model].move, CommandField.CMoveRQ, identifier, options, destination);
  }

  /**
   * C-GET (PS3.7 9.1.3, PS3.4 C.4.3): the matches come back as C-STORE sub-operations on this association
   * (which must have storage contexts with the SCP role), each handed to `onStore` for its status with
   * its data set streamed as it arrives (memory does not grow with the instance).
   */
  async get(model: InformationModel, identifier: DataSet, onStore: (instance: IncomingStore) => Promise<number>, options: RetrieveOptions = {}): Promise<RetrieveResult> {
    this.channel.setRequestHandler(
      (request) => void this.#storeSubOperation(request, onStore),
      (request) => request.command.getNumber('CommandField') === CommandField.CStoreRQ,
    );
    try {
      return await this.#retrieve(QUERY_RETRIEVE[model].get, CommandField.CGetRQ, identifier, options);
    } finally {
      this.channel.setRequestHandler(undefined);
    }
  }

  async #storeSubOperation(request: DimseMessage, onStore: (instance: IncomingStore) => Promise<number>): Promise<void> {
    const field = request.command.getNumber('CommandField');
    if (field === CommandField.CCancelRQ) return;
    const sopClassUID = request.command.getString('AffectedSOPClassUID') ?? '';
    const sopInstanceUID = request.command.getString('AffectedSOPInstanceUID') ?? '';
    const respond = (status: number, comment?: string) =>
      this.channel.respond(request, { CommandField: field! | 0x8000, AffectedSOPClassUID: sopClassUID, AffectedSOPInstanceUID: field === CommandField.CStoreRQ ? sopInstanceUID : undefined, Status: status, ErrorComment: comment });
    const { stream } = request;
    if (field !== CommandField.CStoreRQ || !stream) return respond(Status.UnrecognizedOperation).catch(() => undefined);
    const transferSyntaxUID = this.channel.association.contexts.get(request.contextId)!.transferSyntax;
    let status: number;
    let comment: string | undefined;
    try {
      status = await onStore({ sopClassUID, sopInstanceUID, transferSyntaxUID, dataSet: stream, callingAE: this.channel.association.calledAE });
    } catch (e) {
      status = Status.OutOfResources;
      comment = (e as Error).message.slice(0, 64);
    }
    // What onStore left unread is dropped: the response follows the data set's last fragment.
    await stream.dropRest();
    await respond(status, comment).catch(() => undefined);
  }

  async #retrieve(sopClass: string, field: number, identifier: DataSet, options: RetrieveOptions, destination?: string): Promise<RetrieveResult> {
    const pc = this.#context(sopClass);
    const messageId = this.channel.nextMessageId();
    const command = commandSet({ CommandField: field, MessageID: messageId, AffectedSOPClassUID: sopClass, Priority: Priority.Medium, MoveDestination: destination }, true);
    const stop = this.#cancelOn(options.signal, pc, messageId);
    const result: RetrieveResult = { status: Status.Pending, completed: 0, failed: 0, warning: 0, failedSOPInstanceUIDs: [] };
    try {
      for await (const response of this.channel.request({ contextId: pc.id, command, data: writeDataSet(identifier, pc.transferSyntax) })) {
        const c = response.command;
        Object.assign(result, statusOf(response), {
          remaining: c.getNumber('NumberOfRemainingSuboperations'),
          completed: c.getNumber('NumberOfCompletedSuboperations') ?? result.completed,
          failed: c.getNumber('NumberOfFailedSuboperations') ?? result.failed,
          warning: c.getNumber('NumberOfWarningSuboperations') ?? result.warning,
        });
        if (response.data) result.failedSOPInstanceUIDs = parseDataSet(response.data, pc.transferSyntax).getStrings('FailedSOPInstanceUIDList');
        options.onProgress?.(result);
      }
    } finally {
      stop();
    }
    return result;
  }

  /** Sends C-CANCEL-RQ for `messageId` when `signal` aborts (PS3.7 9.3.2.3); returns the unsubscribe. */
  #cancelOn(signal: AbortSignal | undefined, pc: PresentationContext, messageId: number): () => void {
    if (!signal) return () => undefined;
    const cancel = () => void this.channel.send({ contextId: pc.id, command: commandSet({ CommandField: CommandField.CCancelRQ, MessageIDBeingRespondedTo: messageId }, false) }).catch(() => undefined);
    if (signal.aborted) queueMicrotask(cancel);
    else signal.addEventListener('abort', cancel, { once: true });
    return () => signal.removeEventListener('abort', cancel);
  }
}
