// Two ends of an in-memory connection, for association tests without sockets.
import type { Transport, TransportEvents } from '@dcmkit/dimse';

class MemoryEnd implements Transport {
  events?: TransportEvents;
  peer!: MemoryEnd;
  closed = false;
  /** Whether `pause` holds received chunks back, and how often it was called. */
  paused = false;
  pauses = 0;
  #held: Uint8Array[] = [];
  /** Every chunk written, for tests that look at the bytes. */
  readonly written: Uint8Array[] = [];

  constructor(readonly remote: string) {}

  start(events: TransportEvents): void {
    this.events = events;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('closed');
    this.written.push(bytes);
    const copy = bytes.slice();
    setTimeout(() => this.peer.#receive(copy), 0);
  }

  pause(): void {
    this.paused = true;
    this.pauses++;
  }

  resume(): void {
    this.paused = false;
    for (const chunk of this.#held.splice(0)) this.events?.data(chunk);
  }

  #receive(chunk: Uint8Array): void {
    if (this.paused) this.#held.push(chunk);
    else this.events?.data(chunk);
  }

  close(): void {
    if (this.closed) return;
    setTimeout(() => {
      for (const end of [this, this.peer]) {
        if (end.closed) continue;
        end.closed = true;
        end.events?.closed();
      }
    }, 0);
  }
}

/** [requestor end, acceptor end]. */
export function memoryConnection(): [MemoryEnd, MemoryEnd] {
  const a = new MemoryEnd('acceptor');
  const b = new MemoryEnd('requestor');
  a.peer = b;
  b.peer = a;
  return [a, b];
}
