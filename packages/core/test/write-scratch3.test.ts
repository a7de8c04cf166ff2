import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDicom, writeDicom, writeDataSet, TransferSyntax } from '@dcmkit/core';
import { valueDifferences } from './write-equal.js';
const corpus = '/work/shared/corpus';
const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const NATIVE = [TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian, TransferSyntax.DeflatedExplicitVRLittleEndian];
test('transcode', () => {
  const bad: string[] = []; let n = 0;
  for (const r of manifest) {
    if (!NATIVE.includes(r.transferSyntaxUID)) continue;
    let f; try { f = parseDicom(new Uint8Array(readFileSync(path.join(corpus, 'files', r.path)))); } catch { continue; }
    for (const ts of NATIVE) {
      n++;
      try {
        const g = parseDicom(writeDicom(f, { transferSyntax: ts }));
        const d = valueDifferences(f.dataset, g.dataset);
        const back = parseDicom(writeDicom(g, { transferSyntax: f.transferSyntax }));
        const d2 = valueDifferences(f.dataset, back.dataset);
        const x = writeDataSet(back.dataset, f.transferSyntax), y = writeDataSet(f.dataset, f.transferSyntax);
        if (x.length !== y.length || !x.every((b, i) => b === y[i])) bad.push(`${r.path} ${f.transferSyntax} -> ${ts}: BYTES differ ${x.length} ${y.length}`);
        if (d.length || d2.length) bad.push(`${r.path} -> ${ts}: ${d.slice(0, 3).join('; ')} | back: ${d2.slice(0, 3).join('; ')}`);
      } catch (e) { bad.push(`${r.path} -> ${ts}: THROW ${(e as Error).message}`); }
    }
  }
  console.log(n, bad.length, '\n' + bad.join('\n'));
});
