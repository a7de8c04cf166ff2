import { test, expect } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import { startDimseServer, echo } from '@dcmkit/dimse/node';

test('smoke', async () => {
  const server = await startDimseServer({ aeTitle: 'DCMKIT', port: 0, handlers: {}, onError: (e) => console.log('server error', e.message) });
  const r = spawnSync('echoscu', ['-d', '-aec', 'DCMKIT', '127.0.0.1', String(server.port)], { encoding: 'utf8' });
  console.log(r.status, r.stdout.slice(-3000), r.stderr.slice(-3000));
  expect(await echo({ host: '127.0.0.1', port: server.port, calledAE: 'DCMKIT' })).toBe(0);
  await server.close();
});
