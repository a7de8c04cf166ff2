// The archive's DIMSE SCP against dcmtk: storescu stores into the same index as STOW-RS, findscu finds
// what QIDO-RS finds, movescu moves to a storescp of the AE table, getscu gets; echoscu verifies.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDicom } from '@dcmkit/core';
import { instanceOfPart10 } from '@dcmkit/dimse';
import { dcmtkAvailable, freePort, runTool, startStoreScp, type StoreScp } from '../../dimse/test/dcmtk.js';
import { startArchive, type TestArchive } from './support/archive.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const FILES = ['CT_small.dcm', 'MR_small.dcm', 'rtplan.dcm', 'SC_rgb_rle.dcm', 'MR_small_implicit.dcm'].map((f) => path.join(corpus, f));
const uidsOf = (file: string) => {
  const ds = parseDicom(new Uint8Array(readFileSync(file))).dataset;
  return { study: ds.getString('StudyInstanceUID')!, sop: ds.getString('SOPInstanceUID')!, patient: ds.getString('PatientID')! };
};
const CT = uidsOf(FILES[0]!);
const MR = uidsOf(FILES[1]!);

describe.runIf(dcmtkAvailable())('DIMSE SCP of the archive, with dcmtk', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'dcmkit-archive-dimse-'));
  let archive: TestArchive;
  let destination: StoreScp;
  let port: number;
  const peer = () => ['-aec', 'DCMKIT', '127.0.0.1', String(port)];

  beforeAll(async () => {
    mkdirSync(path.join(work, 'moved'));
    destination = await startStoreScp(path.join(work, 'moved'));
    port = await freePort();
    archive = await startArchive({ dimsePort: port, aeTable: `STORESCP=127.0.0.1:${destination.port}` });
  });
  afterAll(async () => {
    await archive?.close();
    await destination?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('echoscu', async () => {
    expect((await runTool('echoscu', peer())).code).toBe(0);
  });

  test('storescu stores into the index: QIDO-RS finds the studies right after', async () => {
    // -xr: propose RLE Lossless too, for the RLE file.
    const stored = await runTool('storescu', ['-xr', ...peer(), ...FILES]);
    expect(stored.code, stored.stderr).toBe(0);
    const studies = (await (await fetch(`${archive.url}/dicomweb/studies?includefield=0020000D`)).json()) as Record<string, { Value?: string[] }>[];
    expect(studies.map((s) => s['0020000D']!.Value![0]).sort()).toEqual([...new Set(FILES.map((f) => uidsOf(f).study))].sort());
    const instance = await archive.server.context.index.getInstance(CT.sop);
    expect(instance?.sopInstanceUID).toBe(CT.sop);
  });

  test('findscu at STUDY, SERIES and (Patient Root) PATIENT level returns what the index holds', async () => {
    const out = path.join(work, 'find-study');
    mkdirSync(out);
    const study = await runTool('findscu', ['-S', '-X', '-od', out, '-k', 'QueryRetrieveLevel=STUDY', '-k', 'PatientName=Compressed*', '-k', 'StudyInstanceUID', '-k', 'NumberOfStudyRelatedInstances', ...peer()]);
    expect(study.code, study.stderr).toBe(0);
    const matches = readdirSync(out).map((f) => parseDicom(new Uint8Array(readFileSync(path.join(out, f)))).dataset);
    expect(matches.map((m) => m.getString('StudyInstanceUID')).sort()).toEqual([CT.study, MR.study].sort());
    const mr = matches.find((m) => m.getString('StudyInstanceUID') === MR.study)!;
    // MR_small.dcm and MR_small_implicit.dcm are the same instance: one stored.
    expect(mr.getString('NumberOfStudyRelatedInstances')).toBe('1');
    expect(String(mr.getString('PatientName'))).toBe('CompressedSamples^MR1');

    const series = path.join(work, 'find-series');
    mkdirSync(series);
    const r = await runTool('findscu', ['-S', '-X', '-od', series, '-k', 'QueryRetrieveLevel=SERIES', '-k', `StudyInstanceUID=${CT.study}`, '-k', 'SeriesInstanceUID', '-k', 'Modality', ...peer()]);
    expect(r.code, r.stderr).toBe(0);
    const seriesMatches = readdirSync(series).map((f) => parseDicom(new Uint8Array(readFileSync(path.join(series, f)))).dataset);
    expect(seriesMatches.map((m) => m.getString('Modality'))).toEqual(['CT']);

    const patients = path.join(work, 'find-patient');
    mkdirSync(patients);
    const p = await runTool('findscu', ['-P', '-X', '-od', patients, '-k', 'QueryRetrieveLevel=PATIENT', '-k', 'PatientID=*MR*', '-k', 'PatientName', '-k', 'NumberOfPatientRelatedStudies', ...peer()]);
    expect(p.code, p.stderr).toBe(0);
    const found = readdirSync(patients).map((f) => parseDicom(new Uint8Array(readFileSync(path.join(patients, f)))).dataset);
    expect(found.map((m) => [m.getString('PatientID'), m.getString('NumberOfPatientRelatedStudies')])).toEqual([[MR.patient, '1']]);
  });

  test('movescu: the study goes to the storescp of the AE table, the archived data set unchanged', async () => {
    const moved = await runTool('movescu', ['-S', '-aem', 'STORESCP', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${CT.study}`, ...peer()]);
    expect(moved.code, moved.stderr).toBe(0);
    const name = readdirSync(path.join(work, 'moved')).find((n) => n.endsWith(CT.sop))!;
    expect(name).toBeDefined();
    const received = new Uint8Array(readFileSync(path.join(work, 'moved', name)));
    const file = parseDicom(received);
    const record = (await archive.server.context.index.getInstance(CT.sop))!;
    const source = await archive.server.context.store.open(record.storageKey);
    const archived = instanceOfPart10(await source.read(0, source.size));
    await source.close?.();
    expect(Buffer.compare(received.subarray(file.datasetOffset), archived.dataSet)).toBe(0);

    const unknown = await runTool('movescu', ['-v', '-S', '-aem', 'NOWHERE', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${CT.study}`, ...peer()]);
    expect(unknown.stdout + unknown.stderr).toMatch(/Refused: MoveDestinationUnknown/);
  });

  test('getscu: the instances come back on the same association', async () => {
    const out = path.join(work, 'got');
    mkdirSync(out);
    const got = await runTool('getscu', ['-S', '-od', out, '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${MR.study}`, ...peer()]);
    expect(got.code, got.stderr).toBe(0);
    const names = readdirSync(out);
    expect(names).toHaveLength(1);
    expect(names[0]).toContain(MR.sop);
  });
});
