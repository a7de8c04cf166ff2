// dcmkit echo/store/find/move/get against the archive's DIMSE SCP (in this process) and a dcmtk storescp
// as the C-MOVE destination.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDicom } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';
import { dcmtkAvailable, freePort, startStoreScp, type StoreScp } from '../../dimse/test/dcmtk.js';
import { startArchive, type TestArchive } from '../../server/test/support/archive.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const work = mkdtempSync(path.join(tmpdir(), 'dcmkit-cli-dimse-'));
const FILES = ['CT_small.dcm', 'MR_small.dcm', 'rtplan.dcm'];
const uid = (file: string, keyword: 'StudyInstanceUID' | 'SOPInstanceUID') => parseDicom(new Uint8Array(readFileSync(path.join(corpus, file)))).dataset.getString(keyword)!;

let archive: TestArchive;
let port: string;
beforeAll(async () => {
  port = String(await freePort());
  archive = await startArchive({ dimsePort: Number(port) });
});
afterAll(async () => {
  await archive?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('echo and store', () => {
  test('echo answers Success; dcmtk spellings of the AE title options work', async () => {
    const r = await cli('echo', '127.0.0.1', port, '-aet', 'TESTER', '-aec', 'DCMKIT');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^C-ECHO DCMKIT@127\.0\.0\.1:\d+: success \(0x0000\) in \d+ ms/);
  });

  test('a wrong called AE title fails with the rejection, exit 1; a bad port is a usage error, exit 2', async () => {
    const rejected = await cli('echo', '127.0.0.1', port, '--aec', 'NOBODY');
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/association rejected \(permanent\) by the service user: called AE title not recognized/);
    expect((await cli('echo', '127.0.0.1', '99999')).code).toBe(2);
  });

  test('store sends a folder; the non-DICOM file is listed as failed, exit 1', async () => {
    const folder = path.join(work, 'to-store');
    mkdirSync(folder);
    for (const f of FILES) copyFileSync(path.join(corpus, f), path.join(folder, f));
    writeFileSync(path.join(folder, 'notes.txt'), 'not DICOM');
    const r = await cli('store', '127.0.0.1', port, folder, '--aec', 'DCMKIT');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dcmkit store: 3 of 4 file\(s\) stored at DCMKIT@127\.0\.0\.1:\d+ in [\d.]+ s/);
    expect(r.stderr).toMatch(/failed:\n {2}.*notes\.txt: /);
    expect(await archive.server.context.index.getInstance(uid('rtplan.dcm', 'SOPInstanceUID'))).toBeDefined();
  });
});

describe('find, move and get', () => {
  test('find prints one match per line, DICOM JSON with --json', async () => {
    const r = await cli('find', '127.0.0.1', port, '--aec', 'DCMKIT', '-k', 'PatientName=Compressed*', '--json');
    expect(r.code).toBe(0);
    const matches = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, { Value?: string[] }>);
    expect(matches.map((m) => m['0020000D']!.Value![0]).sort()).toEqual([uid('CT_small.dcm', 'StudyInstanceUID'), uid('MR_small.dcm', 'StudyInstanceUID')].sort());
    expect(r.stderr).toContain('dcmkit find: 2 match(es)');

    const series = await cli('find', '127.0.0.1', port, '--aec', 'DCMKIT', '-L', 'SERIES', '-k', `StudyInstanceUID=${uid('CT_small.dcm', 'StudyInstanceUID')}`);
    expect(series.stdout).toMatch(/^.*QueryRetrieveLevel=SERIES.*Modality=CT.*$/m);
  });

  test('find with an unknown keyword is a usage error', async () => {
    const r = await cli('find', '127.0.0.1', port, '-k', 'NoSuchKeyword=1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/-k: .*NoSuchKeyword/);
  });

  test('get writes the study into the folder', async () => {
    const out = path.join(work, 'got');
    const r = await cli('get', '127.0.0.1', port, '--aec', 'DCMKIT', '-k', `StudyInstanceUID=${uid('MR_small.dcm', 'StudyInstanceUID')}`, '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dcmkit get: success \(0x0000\): 1 received/);
    const sop = uid('MR_small.dcm', 'SOPInstanceUID');
    expect(readdirSync(out)).toEqual([`${sop}.dcm`]);
    expect(parseDicom(new Uint8Array(readFileSync(path.join(out, `${sop}.dcm`)))).meta.getString('MediaStorageSOPInstanceUID')).toBe(sop);
  });
});

describe.runIf(dcmtkAvailable())('move, to a dcmtk storescp', () => {
  let destination: StoreScp;
  let mover: TestArchive;
  let moverPort: string;
  beforeAll(async () => {
    mkdirSync(path.join(work, 'moved'));
    destination = await startStoreScp(path.join(work, 'moved'));
    moverPort = String(await freePort());
    mover = await startArchive({ dimsePort: Number(moverPort), aeTable: `STORESCP=127.0.0.1:${destination.port}` });
    await cli('store', '127.0.0.1', moverPort, '--aec', 'DCMKIT', path.join(corpus, 'CT_small.dcm'));
  });
  afterAll(async () => {
    await mover?.close();
    await destination?.stop();
  });

  test('move sends the study to the destination AE, exit 0; an unknown destination fails, exit 1', async () => {
    const r = await cli('move', '127.0.0.1', moverPort, '--aec', 'DCMKIT', '-k', `StudyInstanceUID=${uid('CT_small.dcm', 'StudyInstanceUID')}`, '--dest', 'STORESCP');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dcmkit move: success \(0x0000\): 1 sent/);
    expect(readdirSync(path.join(work, 'moved')).some((n) => n.endsWith(uid('CT_small.dcm', 'SOPInstanceUID')))).toBe(true);
    const unknown = await cli('move', '127.0.0.1', moverPort, '--aec', 'DCMKIT', '-k', `StudyInstanceUID=${uid('CT_small.dcm', 'StudyInstanceUID')}`, '--dest', 'ELSEWHERE');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/failure \(0xA801: unknown move destination ELSEWHERE\)/);
  });
});
