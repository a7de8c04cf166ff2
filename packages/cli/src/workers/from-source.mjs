// Starts a worker from the TypeScript sources (tests run the CLI from src/, where no .js exists):
// registers import hooks that compile .ts files as they load, then imports the worker's module.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('./source-hooks.mjs', import.meta.url);
await import(workerData.entry);
