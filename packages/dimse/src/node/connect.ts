// Opening an association to a remote AE over TCP (PS3.8 9.2: A-ASSOCIATE request primitive, transport connect).
import { connect as tcpConnect } from 'node:net';
import { Association, AssociationClosedError, DimseChannel, DimseTimeoutError, ServiceUser, type AssociationOptions, type ChannelOptions, type ContextProposal, type RoleSelection } from '../index.js';
import { SocketTransport } from './socket-transport.js';

/** Where a remote AE listens, and the AE titles of both ends. */
export interface PeerOptions extends AssociationOptions, ChannelOptions {
  host: string;
  port: number;
  /** Our AE title, default "DCMKIT". */
  callingAE?: string;
  /** The remote AE title, default "ANY-SCP". */
  calledAE?: string;
  /** Milliseconds to wait for the TCP connection, default 15 s. */
  connectTimeout?: number;
}

export const DEFAULT_CALLING_AE = 'DCMKIT';
export const DEFAULT_CALLED_AE = 'ANY-SCP';

/** Opens a TCP connection; rejects on refusal or after `timeout` ms. */
function openSocket(host: string, port: number, timeout: number): Promise<SocketTransport> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new DimseTimeoutError(`no TCP connection to ${host}:${port} within ${timeout} ms`));
    }, timeout);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new SocketTransport(socket));
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new AssociationClosedError(`cannot connect to ${host}:${port}: ${e.message}`));
    });
  });
}

/** Requests an association proposing `contexts` (and `roles`); resolves to a service user on it. */
export async function connect(peer: PeerOptions, contexts: ContextProposal[], roles: RoleSelection[] = []): Promise<ServiceUser> {
  const transport = await openSocket(peer.host, peer.port, peer.connectTimeout ?? 15_000);
  try {
    const association = await Association.request(transport, { callingAE: peer.callingAE ?? DEFAULT_CALLING_AE, calledAE: peer.calledAE ?? DEFAULT_CALLED_AE, contexts, roles }, peer);
    return new ServiceUser(new DimseChannel(association, peer));
  } catch (e) {
    transport.close();
    throw e;
  }
}

/** Runs `work` on an association and releases it afterwards (aborts it when `work` failed and release does too). */
export async function withAssociation<T>(peer: PeerOptions, contexts: ContextProposal[], work: (scu: ServiceUser) => Promise<T>, roles: RoleSelection[] = []): Promise<T> {
  const scu = await connect(peer, contexts, roles);
  const association = scu.channel.association;
  try {
    return await work(scu);
  } finally {
    if (association.established) await association.release().catch(() => association.abort());
  }
}
