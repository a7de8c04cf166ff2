// DIMSE message exchange over an association (PS3.7 7, 9.1): Message IDs, responses routed to the
// request they answer, requests from the peer handed to a handler, and the DIMSE response timeout.
import type { DataSet } from '@dcmkit/core';
import type { Association } from '../association/association.js';
import { AssociationClosedError, DimseTimeoutError } from '../errors.js';
import { CommandField, commandSet, isResponse, type CommandValues, type DimseMessage } from '../message/command.js';
import { DataSetStream } from '../message/data-set-stream.js';
import { Status, statusCategory } from '../message/status.js';
import { AbortReason, AbortSource } from '../pdu/types.js';

export interface ChannelOptions {
  /** Longest wait for a response, in milliseconds; 0 or undefined: no limit. The association is aborted when it runs out. */
  dimseTimeout?: number;
}

/** Responses of one request, queued until read. */
class ResponseQueue {
  #queue: DimseMessage[] = [];
  #wake?: () => void;
  error?: Error;

  push(m: DimseMessage): void {
    this.#queue.push(m);
    this.#wake?.();
  }

  fail(e: Error): void {
    this.error ??= e;
    this.#wake?.();
  }

  async next(timeout: number, onTimeout: () => Error): Promise<DimseMessage> {
    while (this.#queue.length === 0) {
      if (this.error) throw this.error;
      await new Promise<void>((resolve) => {
        const timer = timeout > 0 ? setTimeout(() => this.fail(onTimeout()), timeout) : undefined;
        this.#wake = () => {
          clearTimeout(timer);
          this.#wake = undefined;
          resolve();
        };
      });
    }
    return this.#queue.shift()!;
  }
}

export class DimseChannel {
  #nextId = 1;
  readonly #pending = new Map<number, ResponseQueue>();
  readonly #timeout: number;
  #onRequest?: (request: DimseMessage) => void;
  #streamed?: (request: DimseMessage) => boolean;

  constructor(
    readonly association: Association,
    options: ChannelOptions = {},
  ) {
    this.#timeout = options.dimseTimeout ?? 0;
    association.setMessageHandler(
      (m) => this.#receive(m),
      (m) => this.#stream(m),
    );
    void association.closed.then(() => {
      const error = association.error ?? new AssociationClosedError('the association was released');
      for (const q of this.#pending.values()) q.fail(error);
    });
  }

  /**
   * Receives the peer's requests (C-CANCEL included); without a handler they are answered "unrecognized
   * operation". Requests `streamed` picks are handed over as soon as their command set is in, with their
   * data set in `stream` as it arrives; the others whole, with `data`.
   */
  setRequestHandler(handler: ((request: DimseMessage) => void) | undefined, streamed?: (request: DimseMessage) => boolean): void {
    this.#onRequest = handler;
    this.#streamed = handler && streamed;
  }

  /** A Message ID unique among this association's outstanding requests (PS3.7 9.1.1.1.2). */
  nextMessageId(): number {
    const id = this.#nextId;
    this.#nextId = (this.#nextId % 0xffff) + 1;
    return id;
  }

  /** Sends a request and yields its responses up to the final one (any status but Pending, PS3.7 9.1). */
  async *request(message: DimseMessage): AsyncGenerator<DimseMessage> {
    const id = message.command.getNumber('MessageID')!;
    const queue = new ResponseQueue();
    this.#pending.set(id, queue);
    try {
      await this.association.send(message);
      for (;;) {
        const response = await queue.next(this.#timeout, () => this.#timedOut(message.command));
        yield response;
        if (statusCategory(response.command.getNumber('Status') ?? Status.ProcessingFailure) !== 'pending') return;
      }
    } finally {
      this.#pending.delete(id);
    }
  }

  /** The final response of a request that has no pending ones (C-ECHO, C-STORE). */
  async call(message: DimseMessage): Promise<DimseMessage> {
    let last: DimseMessage | undefined;
    for await (const response of this.request(message)) last = response;
    return last!;
  }

  /** Sends a message without awaiting anything back (responses, C-CANCEL-RQ). */
  send(message: DimseMessage): Promise<void> {
    return this.association.send(message);
  }

  /** Sends the response to `request` with these values (PS3.7 9.3: Message ID Being Responded To, Affected SOP Class UID). */
  respond(request: DimseMessage, values: Omit<CommandValues, 'MessageIDBeingRespondedTo'>, data?: Uint8Array): Promise<void> {
    const command = commandSet({ ...values, MessageIDBeingRespondedTo: request.command.getNumber('MessageID') }, data !== undefined);
    return this.send({ contextId: request.contextId, command, data });
  }

  #timedOut(command: DataSet): Error {
    const error = new DimseTimeoutError(`no DIMSE response within ${this.#timeout} ms to message ${command.getNumber('MessageID')}`);
    this.association.abort(AbortReason.NotSpecified, AbortSource.ServiceUser, error.message);
    return error;
  }

  /** A stream for the data set of a request the handler takes streamed, the request handed over with it. */
  #stream(message: DimseMessage): DataSetStream | undefined {
    if (isResponse(message.command.getNumber('CommandField')!) || !this.#onRequest || !this.#streamed?.(message)) return undefined;
    const stream = new DataSetStream();
    this.#onRequest({ ...message, stream });
    return stream;
  }

  #receive(message: DimseMessage): void {
    const field = message.command.getNumber('CommandField')!;
    if (isResponse(field)) {
      const queue = this.#pending.get(message.command.getNumber('MessageIDBeingRespondedTo') ?? -1);
      // A response to no outstanding request is dropped (PS3.7 9.1: responses carry the request's Message ID).
      queue?.push(message);
      return;
    }
    if (this.#onRequest) this.#onRequest(message);
    else if (field !== CommandField.CCancelRQ) void this.respond(message, { CommandField: field | 0x8000, Status: Status.UnrecognizedOperation }).catch(() => undefined);
  }
}
