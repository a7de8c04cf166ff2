import { readPixelData } from '/tmp/probe/out/frames.js';
import { createHash } from 'node:crypto';
const sha = (b) => createHash('sha256').update(b).digest('hex').slice(0, 10);
const quiet = () => ({ print: () => {}, printErr: () => {} });
const charls = await (await import('@cornerstonejs/codec-charls/wasmjs')).default(quiet());
const oj = await (await import('@cornerstonejs/codec-openjpeg/wasmjs')).default(quiet());
const oh = await (await import('@cornerstonejs/codec-openjph/wasmjs')).default(quiet());
console.log('versions', charls.getVersion?.(), oj.getVersion?.(), oh.getVersion?.());
const T = '/work/shared/corpus/files/test_files/';
const imgs = [
  ['CT_small.dcm', { width: 128, height: 128, bitsPerSample: 16, componentCount: 1, isSigned: true }],
  ['MR_small.dcm', { width: 64, height: 64, bitsPerSample: 16, componentCount: 1, isSigned: true }],
  ['examples_rgb_color.dcm', { width: 320, height: 240, bitsPerSample: 8, componentCount: 3, isSigned: false }],
  ['examples_overlay.dcm', { width: 484, height: 300, bitsPerSample: 12, componentCount: 1, isSigned: false }],
];
for (const [f, fi] of imgs) {
  const px = readPixelData(T + f).frames[0];
  const tests = {
    charls: () => { const e = new charls.JpegLSEncoder(); e.getDecodedBuffer(fi).set(px); if (fi.componentCount === 3) e.setInterleaveMode(2); e.encode(); const enc = e.getEncodedBuffer().slice(); e.delete();
      const d = new charls.JpegLSDecoder(); d.getEncodedBuffer(enc.length).set(enc); d.decode(); const o = d.getDecodedBuffer().slice(); d.delete(); return [enc.length, o]; },
    charlsPlanar: () => { if (fi.componentCount !== 3) return [0, px]; const e = new charls.JpegLSEncoder(); e.getDecodedBuffer(fi).set(px); e.setInterleaveMode(0); e.encode(); const enc = e.getEncodedBuffer().slice(); e.delete();
      const d = new charls.JpegLSDecoder(); d.getEncodedBuffer(enc.length).set(enc); d.decode(); const o = d.getDecodedBuffer().slice(); console.log('  planar il', d.getInterleaveMode()); d.delete(); return [enc.length, o]; },
    oj: () => { const e = new oj.J2KEncoder(); e.getDecodedBuffer(fi).set(px); e.encode(); const enc = e.getEncodedBuffer().slice(); e.delete();
      const d = new oj.J2KDecoder(); d.getEncodedBuffer(enc.length).set(enc); d.decode(); const o = d.getDecodedBuffer().slice(); d.delete(); return [enc.length, o, enc]; },
    oh: () => { const e = new oh.HTJ2KEncoder(); e.getDecodedBuffer({ ...fi, isUsingColorTransform: fi.componentCount === 3 }).set(px); e.encode(); const enc = e.getEncodedBuffer().slice(); e.delete();
      const d = new oh.HTJ2KDecoder(); d.getEncodedBuffer(enc.length).set(enc); d.decode(); const o = d.getDecodedBuffer().slice(); d.delete(); 
      const d2 = new oj.J2KDecoder(); d2.getEncodedBuffer(enc.length).set(enc); let x = 'n/a'; try { d2.decode(); x = sha(d2.getDecodedBuffer()) === sha(px) ? 'oj-cross-ok' : 'oj-cross-diff'; } catch (err) { x = 'oj-cross-err ' + err; } d2.delete();
      return [enc.length + ' ' + x, o]; },
  };
  for (const [n, t] of Object.entries(tests)) {
    try { const [len, o] = t(); console.log(f, n, len, sha(o) === sha(px) ? 'RT-OK' : 'RT-DIFF', px.length, o.length); } catch (e) { console.log(f, n, 'ERR', e); }
  }
}
// 16-bit RGB through openjph
{
  const fi = { width: 33, height: 17, bitsPerSample: 16, componentCount: 3, isSigned: false, isUsingColorTransform: true };
  const px = new Uint8Array(33 * 17 * 6).map((_, i) => (i * 7919) % 251);
  const e = new oh.HTJ2KEncoder(); e.getDecodedBuffer(fi).set(px); e.encode(); const enc = e.getEncodedBuffer().slice(); e.delete();
  const d = new oh.HTJ2KDecoder(); d.getEncodedBuffer(enc.length).set(enc); d.decode(); const o = d.getDecodedBuffer().slice(); console.log('htj2k rgb16', JSON.stringify(d.getFrameInfo()), sha(o) === sha(px) ? 'RT-OK' : 'RT-DIFF', o.length, px.length); d.delete();
  const e2 = new oj.J2KEncoder(); e2.getDecodedBuffer(fi).set(px); e2.encode(); const enc2 = e2.getEncodedBuffer().slice(); e2.delete();
  const d2 = new oj.J2KDecoder(); d2.getEncodedBuffer(enc2.length).set(enc2); d2.decode(); const o2 = d2.getDecodedBuffer().slice(); console.log('j2k rgb16', sha(o2) === sha(px) ? 'RT-OK' : 'RT-DIFF'); d2.delete();
}
