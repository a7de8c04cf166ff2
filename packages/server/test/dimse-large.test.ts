// A ~600 MB instance through the DIMSE SCP: the data set is written as it arrives and, moved back out
// with C-MOVE, sent as it is read from the file, so the server's memory stays bounded whatever its size;
// an association aborted mid data set leaves nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect as tcpConnect } from 'node:net';
import { toTag, writeDataSet } from '@dcmkit/core';
import { readDicomFile } from '@dcmkit/core/node';
import { Association, CommandField, commandSet, encodeCommand, encodePData, part10Header } from '@dcmkit/dimse';
import { SocketTransport } from '@dcmkit/dimse/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, repoRoot } from '../../../test/build.js';
import { dcmtkAvailable, freePort, runTool, startStoreScp, type StoreScp } from '../../dimse/test/dcmtk.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { withPixelDataHeader } from './support/pixel-data-header.js';
import { syntheticDataSet } from './support/synthetic.js';

const ROWS = 512;
const COLUMNS = 512;
const FRAMES = 1200; // 512 x 512 x 2 bytes x 1200 = 629,145,600 bytes of Pixel Data
const PIXEL_BYTES = ROWS * COLUMNS * 2 * FRAMES;
const uid = '1.2.826.0.1.3680043.10.5';
const CT = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT = '1.2.840.10008.1.2.1';

/** The data set up to the Pixel Data value: a 16-bit multi-frame image, then (7FE0,0010) OW with its length. */
function dataSetHead(sop: string): Uint8Array {
  const ds = syntheticDataSet({ study: uid, series: `${uid}.1`, sop, rows: ROWS, columns: COLUMNS, frames: FRAMES, noPixelData: true });
  return withPixelDataHeader(writeDataSet(ds, EXPLICIT), PIXEL_BYTES);
}

/** Pixel Data in 1 MiB chunks of a pattern that differs from chunk to chunk. */
function* pixelChunks(): Generator<Uint8Array> {
  const chunk = new Uint8Array(1 << 20);
  for (let at = 0, n = 0; at < PIXEL_BYTES; at += chunk.length, n++) {
    chunk.fill(n % 251);
    yield chunk.subarray(0, Math.min(chunk.length, PIXEL_BYTES - at));
  }
}

/** Peak resident set size of a process (VmHWM), in bytes. */
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
/** Resets a process's peak resident set size to its current one (proc(5): clear_refs, value 5), which it returns. */
function resetPeakRss(pid: number): number {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  return peakRss(pid);
}

const sha256File = (file: string, start = 0) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file, { start })
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });

describe.runIf(dcmtkAvailable())('DIMSE C-STORE, C-MOVE and C-GET of a large instance', () => {
  let work: string;
  let data: string;
  let port: number;
  let server: ServerProcess;
  let destination: StoreScp;
  beforeAll(async () => {
    buildCli();
    work = mkdtempSync(join(tmpdir(), 'dcmkit-dimse-large-'));
    data = join(work, 'data');
    mkdirSync(join(work, 'moved'));
    destination = await startStoreScp(join(work, 'moved'));
    port = await freePort();
    server = await startServerProcess(['--data', data, '--dimse-port', String(port), '--ae', `STORESCP=127.0.0.1:${destination.port}`]);
  }, 300_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    if (server) await new Promise((r) => server.child.once('exit', r));
    await destination?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('storescu sends 600 MB: the server stays far below that, the stored file is byte-identical', async () => {
    const sop = `${uid}.1.1`;
    // The Part 10 file storescu reads, and the one the archive is to write (its File Meta Information, the same data set).
    const head = dataSetHead(sop);
    const source = join(work, 'large.dcm');
    const expected = createHash('sha256').update(part10Header({ sopClassUID: CT, sopInstanceUID: sop, transferSyntaxUID: EXPLICIT }, 'STORESCU'));
    const file = await open(source, 'w');
    await file.write(part10Header({ sopClassUID: CT, sopInstanceUID: sop, transferSyntaxUID: EXPLICIT }));
    for (const part of [head, ...pixelChunks()]) {
      expected.update(part);
      await file.write(part);
    }
    await file.close();

    const before = peakRss(server.child.pid!);
    // -xe: propose Explicit VR Little Endian first, the file's own (no conversion by storescu).
    const sent = await runTool('storescu', ['-xe', '-aet', 'STORESCU', '-aec', 'DCMKIT', '127.0.0.1', String(port), source], 600_000);
    expect(sent.code, sent.stderr).toBe(0);
    const peak = peakRss(server.child.pid!);
    const size = statSync(source).size;
    expect(size).toBeGreaterThan(600 * 1e6);
    // The data set is 600 MB; the server grew by far less than that.
    expect(peak - before).toBeLessThan(96 * 1024 ** 2);
    expect(peak).toBeLessThan(256 * 1024 ** 2);

    const stored = join(data, 'instances', uid, `${uid}.1`, `${sop}.dcm`);
    expect(await sha256File(stored)).toBe(expected.digest('hex'));
    const [m] = (await (await fetch(`${server.url}/dicomweb/instances?SOPInstanceUID=${sop}`)).json()) as Record<string, { Value: number[] }>[];
    expect(m!['00280008']!.Value).toEqual([FRAMES]);
    console.log(`600 MB C-STORE (${size} bytes): server peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${((peak - before) / 2 ** 20).toFixed(0)} MiB over its peak before)`);
  }, 600_000);

  it('movescu has it sent to a storescp: the server stays far below 600 MB, the data set arrives byte-identical', async () => {
    const sop = `${uid}.1.1`;
    const dataSet = createHash('sha256');
    for (const part of [dataSetHead(sop), ...pixelChunks()]) dataSet.update(part);
    const pid = server.child.pid!;
    const start = resetPeakRss(pid);
    const keys = ['QueryRetrieveLevel=IMAGE', `StudyInstanceUID=${uid}`, `SeriesInstanceUID=${uid}.1`, `SOPInstanceUID=${sop}`].flatMap((k) => ['-k', k]);
    const moved = await runTool('movescu', ['-S', '-aem', 'STORESCP', ...keys, '-aec', 'DCMKIT', '127.0.0.1', String(port)], 600_000);
    expect(moved.code, moved.stderr).toBe(0);
    const peak = peakRss(pid);
    // The data set is 600 MB; sending it took far less than that.
    expect(peak - start).toBeLessThan(96 * 1024 ** 2);
    expect(peak).toBeLessThan(256 * 1024 ** 2);

    // storescp (+B) wrote the data set bit for bit behind its own File Meta Information.
    const name = readdirSync(join(work, 'moved')).find((n) => n.endsWith(sop));
    expect(name).toBeDefined();
    const received = join(work, 'moved', name!);
    const file = await readDicomFile(received, { tags: [toTag('SOPClassUID')] });
    await file.source.close?.();
    expect(statSync(received).size - file.datasetOffset).toBe(dataSetHead(sop).length + PIXEL_BYTES);
    expect(await sha256File(received, file.datasetOffset)).toBe(dataSet.digest('hex'));
    console.log(`600 MB C-MOVE (data set ${dataSetHead(sop).length + PIXEL_BYTES} bytes): server peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${((peak - start) / 2 ** 20).toFixed(0)} MiB over its resident size before)`);
  }, 600_000);

  it('our SCU (dcmkit store) sends the 600 MB file read from disk: its own peak RSS stays far below that', async () => {
    const sop = `${uid}.1.1`;
    const source = join(work, 'large.dcm');
    const moved = join(work, 'moved');
    for (const name of readdirSync(moved)) rmSync(join(moved, name));
    const module = pathToFileURL(join(repoRoot, 'packages/dimse/dist/node/index.js')).href;
    const script = `
      const { store } = await import(${JSON.stringify(module)});
      const [result] = await store({ host: '127.0.0.1', port: ${destination.port}, calledAE: 'STORESCP' }, [${JSON.stringify(source)}]);
      console.log(JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 600_000 });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { status?: number; error?: string; maxRssKiB: number };
    expect(result).toMatchObject({ sopInstanceUID: sop, status: 0 });
    // The file is 600 MB; the sending process held far less of it.
    expect(result.maxRssKiB * 1024).toBeLessThan(256 * 1024 ** 2);
    const name = readdirSync(moved).find((n) => n.endsWith(sop));
    const file = await readDicomFile(join(moved, name!), { tags: [toTag('SOPClassUID')] });
    await file.source.close?.();
    const original = await readDicomFile(source, { tags: [toTag('SOPClassUID')] });
    await original.source.close?.();
    expect(await sha256File(join(moved, name!), file.datasetOffset)).toBe(await sha256File(source, original.datasetOffset));
    console.log(`600 MB C-STORE by our SCU: its peak RSS ${(result.maxRssKiB / 1024).toFixed(0)} MiB`);
  }, 600_000);

  it('our C-GET SCU (dcmkit get) writes the 600 MB instance as it arrives: its own peak RSS stays far below that', async () => {
    const sop = `${uid}.1.1`;
    const out = join(work, 'got');
    const module = pathToFileURL(join(repoRoot, 'packages/dimse/dist/node/index.js')).href;
    const core = pathToFileURL(join(repoRoot, 'packages/core/dist/index.js')).href;
    const script = `
      const { get } = await import(${JSON.stringify(module)});
      const { DataSet } = await import(${JSON.stringify(core)});
      const identifier = new DataSet();
      identifier.set('QueryRetrieveLevel', 'IMAGE');
      identifier.set('StudyInstanceUID', ${JSON.stringify(uid)});
      identifier.set('SeriesInstanceUID', ${JSON.stringify(`${uid}.1`)});
      identifier.set('SOPInstanceUID', ${JSON.stringify(sop)});
      const result = await get({ host: '127.0.0.1', port: ${port}, calledAE: 'DCMKIT' }, identifier, ${JSON.stringify(out)}, { model: 'study' });
      console.log(JSON.stringify({ completed: result.completed, failed: result.failed, files: result.files, maxRssKiB: process.resourceUsage().maxRSS }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 600_000 });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { completed: number; failed: number; files: string[]; maxRssKiB: number };
    expect(result).toMatchObject({ completed: 1, failed: 0, files: [join(out, `${sop}.dcm`)] });
    // The instance is 600 MB; the receiving process held far less of it.
    expect(result.maxRssKiB * 1024).toBeLessThan(256 * 1024 ** 2);
    const got = await readDicomFile(result.files[0]!, { tags: [toTag('SOPClassUID')] });
    await got.source.close?.();
    const original = await readDicomFile(join(work, 'large.dcm'), { tags: [toTag('SOPClassUID')] });
    await original.source.close?.();
    expect(await sha256File(result.files[0]!, got.datasetOffset)).toBe(await sha256File(join(work, 'large.dcm'), original.datasetOffset));
    expect(readdirSync(out)).toEqual([`${sop}.dcm`]);
    console.log(`600 MB C-GET by our SCU: its peak RSS ${(result.maxRssKiB / 1024).toFixed(0)} MiB`);
  }, 600_000);

  it('an association aborted mid data set leaves no temporary file and nothing indexed', async () => {
    const sop = `${uid}.1.2`;
    const socket = tcpConnect({ host: '127.0.0.1', port });
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const transport = new SocketTransport(socket);
    const association = await Association.request(transport, { callingAE: 'MODALITY', calledAE: 'DCMKIT', contexts: [{ abstractSyntax: CT, transferSyntaxes: [EXPLICIT] }] });
    const command = commandSet({ CommandField: CommandField.CStoreRQ, MessageID: 1, AffectedSOPClassUID: CT, AffectedSOPInstanceUID: sop, Priority: 0 }, true);
    const pdv = (data: Uint8Array, isCommand: boolean, last: boolean) => transport.write(encodePData([{ contextId: 1, command: isCommand, last, data }]));
    await pdv(encodeCommand(command), true, true);
    await pdv(dataSetHead(sop), false, false);
    // 16 MiB of Pixel Data: past what the store holds in memory, so a temporary file is there.
    const chunks = pixelChunks();
    for (let i = 0; i < 16 * 16; i++) await pdv(chunks.next().value!.subarray(0, 64 * 1024), false, false);
    const temporary = join(data, 'tmp');
    const parts = () => (existsSync(temporary) ? readdirSync(temporary).filter((f) => f.endsWith('.part')) : []);
    for (let i = 0; parts().length === 0; i++) {
      if (i > 200) throw new Error('no temporary file while the data set arrives');
      await new Promise((r) => setTimeout(r, 25));
    }
    association.abort();
    await association.closed;
    for (let i = 0; parts().length > 0; i++) {
      if (i > 200) throw new Error(`temporary files left: ${parts().join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const res = await fetch(`${server.url}/dicomweb/instances?SOPInstanceUID=${sop}`);
    expect(res.status === 204 || ((await res.json()) as unknown[]).length === 0).toBe(true);
  }, 120_000);
});
