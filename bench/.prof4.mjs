import { readFileSync, readdirSync } from 'node:fs';
import { parseDicom } from '@dcmkit/core';
import dicomParser from 'dicom-parser';
import { dcmkitValues, dicomParserValues } from './lib/walk.mjs';
const mode = process.argv[2];
const dir = '/work/main/bench/data/ct-series-300/';
const files = readdirSync(dir).map(f => new Uint8Array(readFileSync(dir + f)));
const fns = {
  dk: (f) => parseDicom(f).dataset.size,
  dkv: (f) => { const d = parseDicom(f); return dcmkitValues(d.meta) + dcmkitValues(d.dataset); },
  dp: (f) => dicomParser.parseDicom(f).elements,
  dpv: (f) => dicomParserValues(dicomParser, dicomParser.parseDicom(f)),
};
const fn = fns[mode];
const times = [];
for (let it = 0; it < (+process.argv[3] || 40); it++) {
  const t0 = performance.now();
  let n = 0;
  for (const f of files) n += fn(f) ? 1 : 0;
  times.push(performance.now() - t0);
}
times.sort((a,b)=>a-b);
console.log(mode, 'median', (times[times.length>>1] / files.length * 1000).toFixed(1), 'min', (times[0] / files.length * 1000).toFixed(1), 'us/file');
