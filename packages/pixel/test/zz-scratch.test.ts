import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { decodeFrame, renderFrame, encodeRgbaPng, sha256Hex } from '@dcmkit/pixel';
import { decodeOverlays, burnOverlays } from '../src/overlay.js';
import { readFileSync } from 'node:fs';
import { parseDicom } from '@dcmkit/core';
const openCorpusFile = (p: string) => parseDicom(readFileSync('/work/shared/corpus/files/' + p), { name: p });
test('x', async () => {
  const file = openCorpusFile('test_files/examples_overlay.dcm');
  const frame = await decodeFrame(file, 0, { maskToBitsStored: true });
  const r = renderFrame(frame, file.dataset);
  writeFileSync('/tmp/rtwork/plain.png', encodeRgbaPng(r, 3));
  const planes = await decodeOverlays(file, 0);
  console.log(planes.map((p) => ({ ...p, bitmap: p.bitmap.reduce((a, b) => a + b, 0) })));
  burnOverlays(r, planes);
  writeFileSync('/tmp/rtwork/overlay.png', encodeRgbaPng(r, 3));
});
