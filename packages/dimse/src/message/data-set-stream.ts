// A data set read as it arrives (PS3.8 9.3.5: its PDVs in order, the last flagged): a DataSetSink on the
// association's side, an AsyncIterable of fragments on the reader's. A write waits until the reader has
// taken its fragment, so at most one fragment waits here and the association reads no further meanwhile.
import type { DataSetSink } from './fragments.js';

export class DataSetStream implements DataSetSink, AsyncIterable<Uint8Array> {
  #fragment?: Uint8Array;
  /** Resolves the write of `#fragment`. */
  #taken?: () => void;
  /** Wakes the reader waiting for a fragment, the end or an error. */
  #wake?: () => void;
  #ended = false;
  #error?: Error;
  #discarding = false;
  #finished!: () => void;
  /** Resolves once the data set has been received whole, or will not be (aborted). */
  readonly #ending = new Promise<void>((resolve) => (this.#finished = resolve));

  write(fragment: Uint8Array): Promise<void> | void {
    if (this.#discarding || this.#error) return;
    this.#fragment = fragment;
    this.#signal();
    return new Promise((resolve) => (this.#taken = resolve));
  }

  end(): void {
    this.#ended = true;
    this.#signal();
    this.#finished();
  }

  abort(reason: Error): void {
    this.#error ??= reason;
    this.#release();
    this.#signal();
    this.#finished();
  }

  /**
   * Drops what the reader left of the data set as it arrives (the association reads on); resolves once
   * the data set has ended (its last fragment received, or the association gone), when the request may be answered.
   */
  dropRest(): Promise<void> {
    this.#discard();
    return this.#ending;
  }

  /** The fragments in order; throws the reason when the data set will not complete. Stopping early discards the rest. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const fragment = this.#fragment;
        if (fragment) {
          this.#release();
          yield fragment;
        } else if (this.#error) throw this.#error;
        else if (this.#ended) return;
        else await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      if (!this.#ended) this.#discard();
    }
  }

  /** Drops the rest of the data set as it arrives (the reader gave up on it). */
  #discard(): void {
    this.#discarding = true;
    this.#release();
  }

  /** The waiting fragment is taken (or dropped): its write resolves. */
  #release(): void {
    this.#fragment = undefined;
    this.#taken?.();
    this.#taken = undefined;
  }

  #signal(): void {
    this.#wake?.();
    this.#wake = undefined;
  }
}
