// The worker pool behind `dcmkit convert`: tasks spread over threads, failures and dead threads
// reported per task, the pool carrying on with new threads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { WorkerPool } from '../src/workers/pool.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A worker speaking serve()'s protocol: replies with its thread id, fails on 'fail', dies on 'die'.
const entry = path.join(dir, 'worker.mjs');
writeFileSync(
  entry,
  `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', async (task) => {
  if (task === 'die') process.exit(3);
  await new Promise((resolve) => setTimeout(resolve, 20));
  parentPort.postMessage(task === 'fail' ? { ok: false, message: 'no good' } : { ok: true, value: threadId });
});
`,
);

test('tasks run on up to `size` threads; a failure or a dead thread fails only its task', async () => {
  const pool = new WorkerPool<string, number>(pathToFileURL(entry), 2);
  try {
    const threads = await Promise.all(['a', 'b', 'c', 'd'].map((t) => pool.run(t)));
    expect(new Set(threads).size).toBe(2);
    await expect(pool.run('fail')).rejects.toThrow(/^no good$/);
    await expect(pool.run('die')).rejects.toThrow(/the worker thread stopped \(exit code 3\)/);
    const after = await Promise.all(['e', 'f', 'g'].map((t) => pool.run(t)));
    expect(after.every((id) => typeof id === 'number')).toBe(true);
  } finally {
    await pool.close();
  }
  await expect(pool.run('late')).rejects.toThrow(/closed/);
});
