// Worker threads of the CLI, from its compiled .js or, in tests and development, its TypeScript sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker for `entry`: the compiled .js module beside the caller's; when running from the
 * TypeScript sources the .js does not exist, and the worker compiles the .ts as it imports it.
 */
export function spawnWorker(entry: URL): Worker {
  if (existsSync(fileURLToPath(entry))) return new Worker(entry);
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  return new Worker(new URL('./from-source.mjs', import.meta.url), { workerData: { entry: source.href } });
}
