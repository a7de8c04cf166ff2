import { readPixelData } from '/tmp/probe/out/frames.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Decoder } from 'jpeg-lossless-decoder-js';
const man = Object.fromEntries(JSON.parse(readFileSync('/work/shared/corpus/manifest.json','utf8')).map(r => [r.path, r]));
const sha = (b) => createHash('sha256').update(b).digest('hex').slice(0, 10);
const charls = await (await import('@cornerstonejs/codec-charls/wasmjs')).default();
const oj = await (await import('@cornerstonejs/codec-openjpeg/wasmjs')).default();
const oh = await (await import('@cornerstonejs/codec-openjph/wasmjs')).default();
const bytes = (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
for (const r of Object.values(man)) {
  const ts = r.transferSyntaxUID;
  if (!r.pixels && !(r.path.includes('embedded'))) continue;
  let kind = null;
  if (ts === '1.2.840.10008.1.2.4.80' || ts === '1.2.840.10008.1.2.4.81') kind = 'ls';
  else if (ts?.startsWith('1.2.840.10008.1.2.4.9')) kind = 'j2k';
  else if (ts === '1.2.840.10008.1.2.4.70' || ts === '1.2.840.10008.1.2.4.57') kind = 'll';
  if (!kind) continue;
  const { frames } = readPixelData('/work/shared/corpus/files/' + r.path);
  const f = frames[0];
  let out, info = '';
  try {
    if (kind === 'ls') {
      const d = new charls.JpegLSDecoder(); d.getEncodedBuffer(f.length).set(f); d.decode();
      info = JSON.stringify(d.getFrameInfo()) + ' il=' + d.getInterleaveMode() + ' near=' + d.getNearLossless();
      out = d.getDecodedBuffer().slice(); d.delete();
    } else if (kind === 'j2k') {
      const d = new oj.J2KDecoder(); d.getEncodedBuffer(f.length).set(f); d.decode();
      info = JSON.stringify(d.getFrameInfo()) + ' cs=' + d.getColorSpace() + ' rev=' + d.getIsReversible();
      out = d.getDecodedBuffer().slice(); d.delete();
    } else {
      const d = new Decoder(); const ab = f.slice().buffer; const o = d.decode(ab, 0, ab.byteLength);
      info = `x=${d.xDim} y=${d.yDim} comp=${d.numComp} prec=${d.precision} sel=${d.selector}`; out = bytes(o);
    }
    const ref = r.pixels?.sha256?.slice(0, 10);
    console.log(r.path.padEnd(48), r.photometricInterpretation, r.bitsStored, r.pixelRepresentation, info, sha(out) === ref ? 'MATCH' : `got ${sha(out)} ref ${ref}`, out.length);
  } catch (e) { console.log(r.path, 'ERR', String(e)); }
}
