// DIMSE messages as P-DATA-TF PDUs and back (PS3.8 9.3.5, Annex E; PS3.7 6.3.1): the command set, then
// the data set, each cut into fragments that fit the receiver's Maximum Length, never interleaved.
import { concatBytes } from '@dcmkit/core';
import { DimseProtocolError } from '../errors.js';
import { encodePData } from '../pdu/encode.js';
import type { Pdv } from '../pdu/types.js';
import { decodeCommand, encodeCommand, hasDataSet, type DimseMessage } from './command.js';

/** PDV item overhead inside a P-DATA-TF's variable field: 4-byte length, context ID, message control header. */
const PDV_OVERHEAD = 6;
/** Fragment size when the receiver announced no limit (Maximum Length 0, PS3.8 D.1). */
const UNLIMITED_FRAGMENT = 1 << 20;

/** The P-DATA-TF PDUs of a message, one PDV each, for a receiver whose Maximum Length Received is `maxPduLength`. */
export function* messagePdus(message: DimseMessage, maxPduLength: number): Generator<Uint8Array> {
  const size = maxPduLength === 0 ? UNLIMITED_FRAGMENT : maxPduLength - PDV_OVERHEAD;
  if (size < 1) throw new RangeError(`a Maximum Length of ${maxPduLength} leaves no room for a fragment`);
  const parts: [Uint8Array, boolean][] = [[encodeCommand(message.command), true]];
  if (message.data) parts.push([message.data, false]);
  for (const [bytes, command] of parts) {
    for (let at = 0; at < bytes.length || at === 0; at += size) {
      const data = bytes.subarray(at, at + size);
      yield encodePData([{ contextId: message.contextId, command, last: at + size >= bytes.length, data }]);
    }
  }
}

/**
 * Where a data set's fragments go as they arrive instead of being assembled: in order, the last one
 * flagged (PS3.8 9.3.5, E.2).
 */
export interface DataSetSink {
  /** Takes the next fragment; while the promise it returns is pending, no further PDV is read (back-pressure). */
  write(fragment: Uint8Array): Promise<void> | void;
  /** The fragment written last was the data set's last. */
  end(): void;
  /** The data set will not complete: the association was aborted, the connection lost, or the peer broke the protocol. */
  abort(reason: Error): void;
}

/**
 * Collects PDVs into messages: command fragments up to the last, then the data set's when the command
 * announces one (PS3.7 E.1). A message grows to at most `maxMessageBytes`, unless `openSink` takes its
 * data set: its fragments are then handed over as they come, whatever its size.
 */
export class MessageAssembler {
  #contextId = -1;
  #command?: ReturnType<typeof decodeCommand>;
  #fragments: Uint8Array[] = [];
  #size = 0;
  #sink?: DataSetSink;

  constructor(
    readonly maxMessageBytes: number,
    /** Asked, once a command that announces a data set is whole, for a sink to stream that data set to. */
    readonly openSink: (message: DimseMessage) => DataSetSink | undefined = () => undefined,
  ) {}

  /** Adds one PDV; returns the message it completes, if any, or the pending write of a streamed fragment. */
  push(pdv: Pdv): DimseMessage | Promise<void> | undefined {
    if (this.#contextId === -1) this.#contextId = pdv.contextId;
    else if (pdv.contextId !== this.#contextId) throw new DimseProtocolError(`a fragment for presentation context ${pdv.contextId} inside a message on context ${this.#contextId}`);
    const expectCommand = this.#command === undefined;
    if (pdv.command !== expectCommand) throw new DimseProtocolError(`a ${expectCommand ? 'command' : 'data set'} fragment, got a ${pdv.command ? 'command' : 'data set'} fragment`);
    if (this.#sink) return this.#stream(pdv, this.#sink);
    this.#size += pdv.data.length;
    if (this.#size > this.maxMessageBytes) throw new DimseProtocolError(`a message of at most ${this.maxMessageBytes} bytes`);
    this.#fragments.push(pdv.data);
    if (!pdv.last) return undefined;
    const bytes = this.#joined();
    if (expectCommand) {
      this.#command = decodeCommand(bytes);
      if (!hasDataSet(this.#command)) return this.#done({ contextId: pdv.contextId, command: this.#command });
      this.#sink = this.openSink({ contextId: pdv.contextId, command: this.#command });
      return undefined;
    }
    return this.#done({ contextId: pdv.contextId, command: this.#command!, data: bytes });
  }

  /** Whether a message is partly received. */
  get busy(): boolean {
    return this.#contextId !== -1;
  }

  /** Gives up the message in progress; a sink streaming its data set is told why. */
  abort(reason: Error): void {
    const sink = this.#sink;
    this.#fragments = [];
    this.#size = 0;
    this.#reset();
    sink?.abort(reason);
  }

  #stream(pdv: Pdv, sink: DataSetSink): Promise<void> | undefined {
    const written = sink.write(pdv.data);
    if (pdv.last) {
      this.#reset();
      sink.end();
    }
    return written ?? undefined;
  }

  #joined(): Uint8Array {
    const parts = this.#fragments;
    this.#fragments = [];
    this.#size = 0;
    return parts.length === 1 ? parts[0]! : concatBytes(parts);
  }

  #done(message: DimseMessage): DimseMessage {
    this.#reset();
    return message;
  }

  #reset(): void {
    this.#contextId = -1;
    this.#command = undefined;
    this.#sink = undefined;
  }
}
