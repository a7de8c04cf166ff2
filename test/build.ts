// The packages as `npm run build` makes them, for tests that run compiled code (child processes, worker threads).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');

/**
 * `tsc -b packages/cli`: the CLI and the packages it uses, as `npm run build` makes them. Test files
 * running in parallel build one at a time (a lock folder), so no two write the same outputs.
 */
export function buildCli(): void {
  const lock = resolve(repoRoot, 'node_modules/.dcmkit-build.lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 300_000) throw new Error(`${lock} is held for too long: remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-b', 'packages/cli'], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tsc -b packages/cli failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}
