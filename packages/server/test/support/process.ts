// The real server process (node packages/cli/bin/dcmkit.js serve), built from the current sources.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, rmdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../../..');

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

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts `dcmkit serve` on an ephemeral loopback port; resolves once it prints where it listens. */
export function startServerProcess(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'packages/cli/bin/dcmkit.js'), 'serve', '--port', '0', '--log-level', 'warn', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /DICOMweb at (http:\/\/[^\s]+)\/dicomweb/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

/** Sends SIGKILL and waits for the process to be gone. */
export function kill9(p: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
    p.child.once('exit', () => resolve());
    p.child.kill('SIGKILL');
  });
}
