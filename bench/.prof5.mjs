import { readFileSync } from 'node:fs';
import { parseDicom } from '@dcmkit/core';
import { readDicomFile } from '@dcmkit/core/node';
import dicomParser from 'dicom-parser';
const path = '/work/main/bench/data/multiframe-1000.dcm';
const mode = process.argv[2];
const bytes = mode === 'disk' ? undefined : readFileSync(path);
const fns = {
  disk: async () => { const f = await readDicomFile(path); await f.source.close(); },
  mem: () => parseDicom(bytes),
  dp: () => dicomParser.parseDicom(bytes),
};
const times = [];
for (let i = 0; i < +(process.argv[3] || 50); i++) { const t0 = performance.now(); await fns[mode](); times.push(performance.now() - t0); }
times.sort((a, b) => a - b);
console.log(mode, 'median', times[times.length >> 1].toFixed(2), 'min', times[0].toFixed(2), 'ms');
