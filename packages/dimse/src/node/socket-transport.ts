// A TCP connection (PS3.8 9.1.1) as the Upper Layer's Transport.
import type { Socket } from 'node:net';
import { AssociationClosedError, type Transport, type TransportEvents } from '../index.js';

export class SocketTransport implements Transport {
  #closed = false;
  readonly remote: string;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
  }

  start(events: TransportEvents): void {
    let failure: Error | undefined;
    this.socket.on('data', (chunk: Uint8Array) => events.data(chunk));
    this.socket.on('error', (e) => (failure = e));
    this.socket.on('close', () => {
      this.#closed = true;
      events.closed(failure);
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.#closed || this.socket.destroyed) return Promise.reject(new AssociationClosedError(`connection to ${this.remote} is closed`));
    return new Promise((resolve, reject) => {
      const fail = () => reject(new AssociationClosedError(`connection to ${this.remote} closed while sending`));
      if (this.socket.write(bytes)) return resolve();
      // Back-pressure: wait until the socket's buffer drains, or the connection is gone.
      this.socket.once('close', fail);
      this.socket.once('drain', () => {
        this.socket.off('close', fail);
        resolve();
      });
    });
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    if (this.socket.destroyed) return;
    // Whatever was written goes out first; then the connection is closed both ways.
    this.socket.end(() => this.socket.destroy());
  }
}
