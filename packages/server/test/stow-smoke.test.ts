import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startArchive, stow } from './support/archive.js';

const corpus = '/work/shared/corpus/files/';
describe('smoke', () => {
  it('stores and finds one file', async () => {
    const a = await startArchive();
    try {
      const f = new Uint8Array(readFileSync(corpus + 'test_files/CT_small.dcm'));
      const r = await stow(a.url, [f]);
      console.log(r.status, JSON.stringify(r.json).slice(0, 500));
      const q = await fetch(`${a.url}/dicomweb/studies?PatientName=C*`);
      console.log(q.status, (await q.text()).slice(0, 1500));
      const s = await fetch(`${a.url}/dicomweb/instances?includefield=all&limit=1`);
      console.log(s.status, (await s.text()).slice(0, 800));
      expect(r.status).toBe(200);
    } finally {
      await a.close();
    }
  });
});
