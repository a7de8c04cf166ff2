// The CLI decodes compressed Pixel Data with every codec of @dcmkit/codecs, registered once.
import { registerAllCodecs } from '@dcmkit/codecs';
import { codecs } from '@dcmkit/pixel';

let registered = false;

/** Fills @dcmkit/pixel's shared registry; later calls do nothing. */
export function registerCodecs(): void {
  if (registered) return;
  registerAllCodecs(codecs);
  registered = true;
}
