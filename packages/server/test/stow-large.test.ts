// A ~300 MB instance through STOW-RS: the server's memory stays bounded whatever the part size
// (the body is streamed to a temporary file, never held whole).
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDicom } from '@dcmkit/core';
import { newBoundary } from '@dcmkit/dicomweb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../../../test/build.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { withPixelDataHeader } from './support/pixel-data-header.js';
import { syntheticDataSet } from './support/synthetic.js';

const ROWS = 512;
const COLUMNS = 512;
const FRAMES = 600; // 512 x 512 x 2 bytes x 600 = 314,572,800 bytes of Pixel Data
const uid = '1.2.826.0.1.3680043.10.4';

/** The file up to the Pixel Data value: the header of a 16-bit multi-frame image, then (7FE0,0010) OW with its length. */
function header(pixelBytes: number): Uint8Array {
  const ds = syntheticDataSet({ study: uid, series: `${uid}.1`, sop: `${uid}.1.1`, rows: ROWS, columns: COLUMNS, frames: FRAMES, noPixelData: true });
  return withPixelDataHeader(writeDicom({ dataset: ds }, { transferSyntax: '1.2.840.10008.1.2.1' }), pixelBytes);
}

let data: string;
let server: ServerProcess;
beforeAll(async () => {
  buildCli();
  data = mkdtempSync(join(tmpdir(), 'dcmkit-large-'));
  server = await startServerProcess(['--data', data]);
}, 300_000);
afterAll(async () => {
  server?.child.kill('SIGTERM');
  if (server) await new Promise((r) => server.child.once('exit', r));
  rmSync(data, { recursive: true, force: true });
});

/** Peak resident set size of a process (VmHWM), in bytes. */
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

it('stores a 300 MB part with bounded server memory', async () => {
  const pixelBytes = ROWS * COLUMNS * 2 * FRAMES;
  const boundary = newBoundary();
  const enc = new TextEncoder();
  const head = header(pixelBytes);
  const chunk = new Uint8Array(1 << 20).fill(0x5a);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(enc.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`));
      controller.enqueue(head);
    },
    pull(controller) {
      if (sent < pixelBytes) {
        const n = Math.min(chunk.length, pixelBytes - sent);
        controller.enqueue(chunk.subarray(0, n));
        sent += n;
      } else {
        controller.enqueue(enc.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
  const before = peakRss(server.child.pid!);
  const res = await fetch(`${server.url}/dicomweb/studies`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit);
  expect(res.status).toBe(200);
  const peak = peakRss(server.child.pid!);
  // The whole part is 300 MB; the server grew by far less than that.
  expect(peak - before).toBeLessThan(96 * 1024 ** 2);
  expect(peak).toBeLessThan(256 * 1024 ** 2);
  const file = join(data, 'instances', uid, `${uid}.1`, `${uid}.1.1.dcm`);
  expect(statSync(file).size).toBe(head.length + pixelBytes);
  const [m] = (await (await fetch(`${server.url}/dicomweb/instances?SOPInstanceUID=${uid}.1.1`)).json()) as Record<string, { Value: number[] }>[];
  expect(m!['00280008']!.Value).toEqual([FRAMES]);
  console.log(`300 MB STOW: server peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${((peak - before) / 2 ** 20).toFixed(0)} MiB over its start-up peak)`);
}, 300_000);
