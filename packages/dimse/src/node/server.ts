// A DIMSE service provider on a TCP port (PS3.8 9.2: each accepted connection awaits an A-ASSOCIATE-RQ):
// Verification always; Storage, Query/Retrieve FIND and MOVE/GET when the handlers serve them.
import { createServer, type Server, type Socket } from 'node:net';
import { TransferSyntax } from '@dcmkit/core';
import {
  ALL_TRANSFER_SYNTAXES,
  Association,
  DimseChannel,
  VERIFICATION,
  queryRetrieveClass,
  serveAssociation,
  storageSopClasses,
  type AcceptancePolicy,
  type AssociationOptions,
  type ChannelOptions,
  type ContextProposal,
  type ServiceHandlers,
  type ServiceUser,
} from '../index.js';
import { connect } from './connect.js';
import { SocketTransport } from './socket-transport.js';

/** A remote AE a C-MOVE can send to. */
export interface ApplicationEntity {
  host: string;
  port: number;
}

export interface DimseServerOptions extends AssociationOptions, ChannelOptions {
  /** Our AE title; associations calling another are rejected. */
  aeTitle: string;
  port: number;
  /** Address to listen on, default 127.0.0.1. */
  host?: string;
  handlers: ServiceHandlers;
  /** C-MOVE destinations by AE title. */
  aeTable?: Record<string, ApplicationEntity>;
  /** Associations at once; more are rejected as transient (local limit exceeded). Default 32. */
  maxAssociations?: number;
  /** Hears about associations that failed (malformed PDUs, aborts, timeouts). */
  onError?(error: Error, remote: string): void;
}

const QUERY_SYNTAXES = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian];
const MAX_CONTEXTS = 128;

/** What the server accepts: the transfer syntaxes of each abstract syntax the handlers serve. */
function acceptancePolicy(options: DimseServerOptions, busy: () => boolean): AcceptancePolicy {
  const { handlers } = options;
  const storage = storageSopClasses();
  return {
    aeTitle: options.aeTitle,
    busy,
    transferSyntaxes(abstractSyntax) {
      if (abstractSyntax === VERIFICATION) return QUERY_SYNTAXES;
      // Storage contexts serve C-STORE, and C-GET's sub-operations when this side retrieves.
      if (storage.has(abstractSyntax)) return handlers.store || handlers.storeStream || handlers.retrieve ? ALL_TRANSFER_SYNTAXES : undefined;
      const qr = queryRetrieveClass(abstractSyntax);
      if (qr?.operation === 'find') return handlers.find ? QUERY_SYNTAXES : undefined;
      if (qr) return handlers.retrieve ? QUERY_SYNTAXES : undefined;
      return undefined;
    },
  };
}

export class DimseServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #associations = new Set<Association>();

  constructor(readonly options: DimseServerOptions) {
    this.#server = createServer((socket) => this.#accept(socket));
  }

  /** Starts listening; resolves to the port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve(this.port);
      });
    });
  }

  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  /** Stops accepting connections and waits for the associations in progress to end (aborting them after `graceMs`). */
  async close(graceMs = 10_000): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const ends = Promise.all([...this.#associations].map((a) => a.closed));
    const timer = setTimeout(() => {
      for (const a of this.#associations) a.abort();
      for (const s of this.#sockets) s.destroy();
    }, graceMs);
    await ends;
    clearTimeout(timer);
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  async #accept(socket: Socket): Promise<void> {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    const transport = new SocketTransport(socket);
    const max = this.options.maxAssociations ?? 32;
    let association: Association;
    try {
      association = await Association.accept(transport, acceptancePolicy(this.options, () => this.#associations.size >= max), this.options);
    } catch (e) {
      this.options.onError?.(e as Error, transport.remote);
      return;
    }
    this.#associations.add(association);
    void association.closed.then(() => {
      this.#associations.delete(association);
      if (association.error) this.options.onError?.(association.error, transport.remote);
    });
    serveAssociation(new DimseChannel(association, this.options), { ...this.options.handlers, moveDestination: (ae, contexts) => this.#moveDestination(ae, contexts) });
  }

  /** An association to a C-MOVE destination of the AE table, as the archive's AE. */
  async #moveDestination(aeTitle: string, contexts: ContextProposal[]): Promise<ServiceUser | undefined> {
    const entity = this.options.aeTable?.[aeTitle];
    if (!entity) return undefined;
    return connect({ ...this.options, ...entity, callingAE: this.options.aeTitle, calledAE: aeTitle }, contexts.slice(0, MAX_CONTEXTS));
  }
}

/** Creates a DimseServer and starts listening. */
export async function startDimseServer(options: DimseServerOptions): Promise<DimseServer> {
  const server = new DimseServer(options);
  await server.listen();
  return server;
}
