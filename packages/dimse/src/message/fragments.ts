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

/**
 * A data set to send that is not held whole: its length, and its bytes in order, read on demand chunk by
 * chunk as its PDUs are sent.
 */
export interface DataSetSource {
  /** Bytes the chunks add up to. */
  readonly length: number;
  chunks(): AsyncIterable<Uint8Array>;
  /** Releases what the chunks are read from, once the data set is sent or will not be. */
  close?(): Promise<void>;
}

/**
 * The P-DATA-TF PDUs of a message, one PDV each, for a receiver whose Maximum Length Received is
 * `maxPduLength`. A data set given as a source is read as its PDUs are taken: at most a chunk and a
 * fragment are held, whatever its length.
 */
export async function* messagePdus(message: DimseMessage, maxPduLength: number): AsyncGenerator<Uint8Array> {
  const size = maxPduLength === 0 ? UNLIMITED_FRAGMENT : maxPduLength - PDV_OVERHEAD;
  if (size < 1) throw new RangeError(`a Maximum Length of ${maxPduLength} leaves no room for a fragment`);
  const pdu = (data: Uint8Array, command: boolean, last: boolean) => encodePData([{ contextId: message.contextId, command, last, data }]);
  for (const [data, last] of bytesFragments(encodeCommand(message.command), size)) yield pdu(data, true, last);
  const dataSet = message.source ? sourceFragments(message.source, size) : message.data ? bytesFragments(message.data, size) : [];
  for await (const [data, last] of dataSet) yield pdu(data, false, last);
}

/** Fragments of `size` bytes, each with whether it is the last; nothing to send is one empty last fragment. */
function* bytesFragments(bytes: Uint8Array, size: number): Generator<[Uint8Array, boolean]> {
  for (let at = 0; at < bytes.length || at === 0; at += size) yield [bytes.subarray(at, at + size), at + size >= bytes.length];
}

/**
 * A source's chunks cut into fragments of `size` bytes: the last is flagged only once the source has
 * ended at the length it announced, so a short or long source throws before the message would end.
 */
async function* sourceFragments(source: DataSetSource, size: number): AsyncGenerator<[Uint8Array, boolean]> {
  let held: Uint8Array[] = [];
  let heldLength = 0;
  let read = 0;
  for await (const chunk of source.chunks()) {
    read += chunk.length;
    if (read > source.length) throw new RangeError(`a data set source of ${source.length} bytes gave more`);
    for (let at = 0; at < chunk.length; ) {
      const piece = chunk.subarray(at, at + size - heldLength);
      at += piece.length;
      held.push(piece);
      heldLength += piece.length;
      if (heldLength === size && read - (chunk.length - at) < source.length) {
        yield [joined(held), false];
        held = [];
        heldLength = 0;
      }
    }
  }
  if (read < source.length) throw new RangeError(`a data set source of ${source.length} bytes ended after ${read}`);
  yield [joined(held), true];
}

const joined = (parts: Uint8Array[]): Uint8Array => (parts.length === 1 ? parts[0]! : concatBytes(parts));

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
    return joined(parts);
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
