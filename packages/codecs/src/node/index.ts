// @dcmkit/codecs/node: Node-only helpers; codecs in worker threads with a time limit, and the worker pool they use.
export { registerIsolatedCodecs, type IsolationOptions } from './isolated-codecs.js';
export { serve, Transfer } from './serve.js';
export { WorkerPool, WorkerTimeoutError, type Reply, type TaskOptions } from './worker-pool.js';
