import { it } from 'vitest';
import { decodeJpegExtended } from '../src/jpeg-extended/decode.js';
import { frameInfo, framesOf, record, sha256 } from './corpus.js';
import { readPixelData } from './frames.js';

it('12-bit vs dcmtk', async () => {
  const r = record('test_files/JPEG-lossy.dcm');
  const ours = new Uint16Array(decodeJpegExtended(framesOf(r)[0]!, frameInfo(r)).buffer);
  const refBytes = readPixelData('/tmp/jpeg-lossy-native.dcm').frames[0]!;
  console.log('dcmtk sha == manifest', sha256(refBytes) === r.pixels!.sha256);
  const ref = new Uint16Array(refBytes.slice().buffer);
  let diff = 0, maxd = 0; const hist: Record<number, number> = {};
  for (let i = 0; i < ref.length; i++) { const d = ours[i]! - ref[i]!; if (d) { diff++; hist[d] = (hist[d] ?? 0) + 1; } maxd = Math.max(maxd, Math.abs(d)); }
  console.log('differ', diff, '/', ref.length, 'max', maxd, hist);
});
