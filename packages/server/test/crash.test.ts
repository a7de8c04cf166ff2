// Crash safety: the real server is killed with SIGKILL again and again while instances are being stored;
// after each restart every acknowledged instance is there, and the index and the files agree.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stowBody } from './support/archive.js';
import { buildCli } from '../../../test/build.js';
import { kill9, startServerProcess, type ServerProcess } from './support/process.js';
import { syntheticInstance } from './support/synthetic.js';

const ROUNDS = 5;
const CLIENTS = 4;
const root = '1.2.826.0.1.3680043.10.3';
let data: string;
let server: ServerProcess | undefined;

beforeAll(() => {
  buildCli();
  data = mkdtempSync(join(tmpdir(), 'dcmkit-crash-'));
}, 300_000);
afterAll(async () => {
  if (server) await kill9(server);
  rmSync(data, { recursive: true, force: true });
});

/** Stores instances one request at a time until the server goes away; resolves to the acknowledged SOP Instance UIDs. */
async function client(url: string, round: number, id: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let n = 0; ; n++) {
    const study = `${root}.${round}`;
    const sop = `${study}.${id}.${n}`;
    const { body, contentType } = stowBody([syntheticInstance({ study, series: `${study}.${id}`, sop, rows: 128, columns: 128, instanceNumber: n })]);
    try {
      const res = await fetch(`${url}/dicomweb/studies`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
      if (res.status === 200) acknowledged.push(sop);
      else throw new Error(`STOW answered ${res.status}`);
    } catch (e) {
      if ((e as Error).message.startsWith('STOW answered')) throw e;
      return acknowledged; // the server was killed
    }
  }
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.dcm'))
    .map((e) => join(e.parentPath, e.name));

it('keeps every acknowledged instance through repeated kill -9 during ingest', async () => {
  const acknowledged = new Set<string>();
  /** What each start-up repaired (printed by dcmkit serve). */
  const repairs: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    server = await startServerProcess(['--data', data]);
    repairs.push(server.stderr());
    const clients = Array.from({ length: CLIENTS }, (_, id) => client(server!.url, round, id));
    await new Promise((r) => setTimeout(r, 400 + 150 * round));
    await kill9(server);
    for (const sops of await Promise.all(clients)) for (const sop of sops) acknowledged.add(sop);
  }
  expect(acknowledged.size).toBeGreaterThan(ROUNDS * CLIENTS);

  // A last start repairs what the last kill left; then everything acknowledged is found.
  server = await startServerProcess(['--data', data], { DCMKIT_MAX_QUERY_RESULTS: '100000' });
  repairs.push(server.stderr());
  // Kills landed inside stores: temporary files were removed, or files without index rows indexed.
  expect(repairs.join('')).toMatch(/repair: (removed \d+ temporary|indexed \d+ stored)/);
  const found = (await (await fetch(`${server.url}/dicomweb/instances?limit=100000`)).json()) as Record<string, { Value: string[] }>[];
  const indexed = new Set(found.map((m) => m['00080018']!.Value[0]!));
  for (const sop of acknowledged) expect(indexed, sop).toContain(sop);
  process.kill(server.child.pid!, 'SIGTERM');
  await new Promise((r) => server!.child.once('exit', r));
  server = undefined;

  // Index rows and files agree one to one, with the same bytes; no temporary file is left.
  const db = new Database(join(data, 'index.sqlite'), { readonly: true });
  const rows = db.prepare('select storage_key, sha256 from instances').all() as { storage_key: string; sha256: string }[];
  db.close();
  const onDisk = files(join(data, 'instances')).map((f) => f.slice(data.length + 1));
  expect(new Set(rows.map((r) => r.storage_key))).toEqual(new Set(onDisk));
  for (const r of rows) expect(createHash('sha256').update(readFileSync(join(data, r.storage_key))).digest('hex')).toBe(r.sha256);
  expect(readdirSync(join(data, 'tmp'))).toEqual([]);
  expect(rows.length).toBeGreaterThanOrEqual(acknowledged.size);
}, 300_000);
