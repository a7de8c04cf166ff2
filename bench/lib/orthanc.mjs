// Orthanc (Debian packages orthanc and orthanc-dicomweb), run on loopback with a temporary configuration
// for side-by-side figures; undefined when it is not installed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcess } from './server.mjs';

const BINARY = '/usr/sbin/Orthanc';
const PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts Orthanc with DICOMweb at {url}/dicom-web; resolves to { url, child, stop() } (stop removes its data). */
export async function startOrthanc(log) {
  if (!existsSync(BINARY) || !existsSync(PLUGIN)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'dcmkit-bench-orthanc-'));
  const httpPort = await freePort();
  const config = {
    Name: 'bench',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    HttpPort: httpPort,
    DicomPort: await freePort(),
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpBindAddress: '127.0.0.1',
    Plugins: [PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false },
    StableAge: 3600,
  };
  writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config));
  const child = spawn(BINARY, [join(dir, 'orthanc.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = `http://127.0.0.1:${httpPort}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited: ${err.slice(-2000)}`);
    const ok = await fetch(`${url}/system`).then((r) => r.ok, () => false);
    if (ok) {
      log(`orthanc: listening at ${url}`);
      return {
        url,
        child,
        async stop() {
          await stopProcess(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopProcess(child);
  rmSync(dir, { recursive: true, force: true });
  throw new Error('Orthanc did not start');
}
