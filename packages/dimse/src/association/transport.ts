// What the Upper Layer needs of a transport connection (PS3.8 9.1.1, TCP in PS3.8 9.2): a byte stream
// both ways and its end. Node's net.Socket is wrapped in src/node/socket-transport.ts.

export interface TransportEvents {
  data(bytes: Uint8Array): void;
  /** The connection is closed (by either side); `error` when it failed. */
  closed(error?: Error): void;
}

export interface Transport {
  /** Starts delivering events; called once. */
  start(events: TransportEvents): void;
  /** Sends bytes; resolves when the transport can take more (back-pressure), rejects once closed. */
  write(bytes: Uint8Array): Promise<void>;
  /** Stops delivering received bytes until `resume` (the peer is then held back by flow control). */
  pause(): void;
  resume(): void;
  /** Closes the connection once written bytes are sent. */
  close(): void;
  /** The peer's address, for messages. */
  readonly remote: string;
}
