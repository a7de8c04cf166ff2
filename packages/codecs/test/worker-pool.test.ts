// The worker pool behind isolated codecs and `dcmkit convert`: tasks spread over threads, failures, dead
// threads and stuck threads reported per task, the pool carrying on with new threads.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WorkerPool, WorkerTimeoutError } from '@dcmkit/codecs/node';

const spawn = () => new Worker(new URL('./fixtures/pool-worker.mjs', import.meta.url));

describe('WorkerPool', () => {
  it('runs tasks on up to `size` threads; a failure or a dead thread fails only its task', async () => {
    const pool = new WorkerPool<string, number | string>(spawn, 2);
    try {
      const threads = await Promise.all([1, 2, 3, 4].map(() => pool.run('thread')));
      expect(new Set(threads).size).toBe(2);
      await expect(pool.run('fail')).rejects.toThrow(/^no good$/);
      await expect(pool.run('die')).rejects.toThrow(/the worker thread stopped \(exit code 3\)/);
      const after = await Promise.all([1, 2, 3].map(() => pool.run('thread')));
      expect(after.every((id) => typeof id === 'number')).toBe(true);
    } finally {
      await pool.close();
    }
    await expect(pool.run('late')).rejects.toThrow(/closed/);
  });

  it('stops a thread stuck past the time limit, fails its task, and serves the next task with a new thread', async () => {
    const pool = new WorkerPool<string, number | string>(spawn, 1);
    try {
      const first = await pool.run('thread');
      const started = performance.now();
      await expect(pool.run('spin', { timeoutMs: 300 })).rejects.toBeInstanceOf(WorkerTimeoutError);
      expect(performance.now() - started).toBeLessThan(10_000);
      const next = await pool.run('thread', { timeoutMs: 5_000 });
      expect(next).not.toBe(first);
    } finally {
      await pool.close();
    }
  });

  it('tasks queued behind a stuck one still run, each within its own limit', async () => {
    const pool = new WorkerPool<string, number | string>(spawn, 1);
    try {
      const results = await Promise.allSettled([pool.run('spin', { timeoutMs: 200 }), pool.run('a', { timeoutMs: 2_000 }), pool.run('b')]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      expect(results[0]).toMatchObject({ reason: { timeoutMs: 200 } });
    } finally {
      await pool.close();
    }
  });
});
