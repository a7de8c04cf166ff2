import { readFileSync } from 'node:fs';
import { parseDicom, readDicom } from '@dcmkit/core';
import { FileSource } from '@dcmkit/core/node';
const path = '/work/main/bench/data/multiframe-1000.dcm';
const head = readFileSync(path).subarray(0, 4 << 20);
const size = 524806840;
const mode = process.argv[2];
const fns = {
  memsrc: () => readDicom({ size, read: async (o, l) => head.slice(o, o + l) }),
  memsrcview: () => readDicom({ size, read: async (o, l) => head.subarray(o, o + l) }),
  file: async () => { const s = new FileSource(path); const f = await readDicom(s); await s.close(); },
  fileread: async () => { const s = new FileSource(path); await s.read(0, 1 << 20); await s.close(); },
  stop: () => parseDicom(head.subarray(0, 600000), { stopBeforePixelData: true }),
};
const times = [];
for (let i = 0; i < +(process.argv[3] || 100); i++) { const t0 = performance.now(); await fns[mode](); times.push(performance.now() - t0); }
times.sort((a, b) => a - b);
console.log(mode, 'median', times[times.length >> 1].toFixed(2), 'min', times[0].toFixed(2), 'ms');
