// The CLI decodes compressed Pixel Data with every codec of @dcmkit/codecs, registered once; those
// wrapping native libraries run in worker threads with a time limit (one per worker of `convert`).
import { isMainThread } from 'node:worker_threads';
import { registerIsolatedCodecs } from '@dcmkit/codecs/node';
import { codecs } from '@dcmkit/pixel';

let registered = false;

/** Fills @dcmkit/pixel's shared registry; later calls do nothing. */
export function registerCodecs(): void {
  if (registered) return;
  registerIsolatedCodecs(codecs, isMainThread ? {} : { threads: 1 });
  registered = true;
}
