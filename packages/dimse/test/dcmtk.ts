// dcmtk's network tools as test peers: found on PATH (required when CI is set), started on free loopback ports.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** Whether dcmtk's tools are installed; under CI their absence fails the suite instead of skipping it. */
export function dcmtkAvailable(): boolean {
  const found = spawnSync('storescp', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI) throw new Error('dcmtk (storescp, storescu, findscu, movescu, getscu, echoscu) is required under CI: apt-get install dcmtk');
  return found;
}

/** A port the kernel says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port (within `ms`). */
async function listening(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on port ${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A running dcmtk storescp writing what it receives to `dir`, stopped by `stop()`. */
export interface StoreScp {
  port: number;
  aeTitle: string;
  stop(): Promise<void>;
}

export async function startStoreScp(dir: string, aeTitle = 'STORESCP', extra: string[] = []): Promise<StoreScp> {
  const port = await freePort();
  // -aet: its title; -od: output folder; -uf: files named by SOP Instance UID; +xa: every transfer syntax; +B: data sets written bit for bit as received.
  const child: ChildProcess = spawn('storescp', ['-aet', aeTitle, '-od', dir, '-uf', '+xa', '+B', ...extra, String(port)], { stdio: 'ignore' });
  await listening(port);
  return {
    port,
    aeTitle,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a dcmtk tool to its end (asynchronously: the test's own servers keep answering meanwhile). */
export function runTool(tool: string, args: string[], timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tool, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
