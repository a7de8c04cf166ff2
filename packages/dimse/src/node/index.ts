export { SocketTransport } from './socket-transport.js';
export { connect, withAssociation, DEFAULT_CALLING_AE, DEFAULT_CALLED_AE, type PeerOptions } from './connect.js';
export { echo, store, find, move, get, type StoreFileResult } from './scu.js';
export { DimseServer, startDimseServer, type DimseServerOptions, type ApplicationEntity } from './server.js';
