import { test } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { store } from '@dcmkit/dimse/node';

test('smoke store', async () => {
  const corpus = '/work/shared/corpus/files/test_files';
  const files = readdirSync(corpus).filter((f) => f.endsWith('.dcm')).map((f) => path.join(corpus, f));
  const results = await store({ host: '127.0.0.1', port: 11999, calledAE: 'STORESCP' }, files);
  for (const r of results) console.log(path.basename(r.path), r.status?.toString(16), r.error);
});
