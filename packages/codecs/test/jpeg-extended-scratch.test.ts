import { it } from 'vitest';
import { decodeJpegExtended } from '../src/jpeg-extended/decode.js';
import { decodeFrame } from '../src/jpeg-extended/stream.js';
import { fullResolution } from '../src/jpeg-extended/upsample.js';
import { frameInfo, framesOf, record } from './corpus.js';
const time = (label: string, f: () => void, mp: number) => { for (let i = 0; i < 20; i++) f(); const n = 100; const t = performance.now(); for (let i = 0; i < n; i++) f(); const ms = (performance.now() - t) / n; console.log(label, ms.toFixed(2), 'ms', (mp / ms / 1000).toFixed(1), 'MP/s'); };
it('speed', () => {
  for (const path of ['test_files/JPEG-lossy.dcm', 'test_files/examples_ybr_color.dcm']) {
    const r = record(path); const f = framesOf(r)[0]!; const info = frameInfo(r); const mp = r.rows * r.columns;
    time(path + ' all', () => decodeJpegExtended(f, info), mp);
    time(path + ' frame', () => decodeFrame(f, info), mp);
    const fr = decodeFrame(f, info);
    time(path + ' upsample', () => fr.components.map((c) => fullResolution(c, fr)), mp);
  }
});
