// Writing DICOMDIRs (PS3.10 8, PS3.3 F): the corpus images copied to a conformant File-set, indexed by
// createDicomDir, read by dcmdump (offsets it prints equal ours) and by readDicomDir (same tree).
import { afterAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  code,
  createBasicTextSR,
  createDicomDir,
  directoryInstances,
  encapsulatePdf,
  fileIDOf,
  fileIDProblem,
  parseDicom,
  readDicomDir,
  writeDicom,
  type FileSetInstance,
} from '@dcmkit/core';
import { readDicomDirFile } from '@dcmkit/core/node';
import { tinyPdf } from './fixtures/tiny-pdf.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const tests = path.resolve(repoRoot, '../shared/corpus/files/test_files/dicomdirtests');
const hasDcmdump = !spawnSync('dcmdump', ['--version']).error;
const tmp = mkdtempSync(path.join(tmpdir(), 'dcmkit-mkdir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The corpus images the corpus DICOMDIR references, copied under `root` as IMG/<its File ID>. */
function fileSet(root: string): FileSetInstance[] {
  const reference = readDicomDir(parseDicom(new Uint8Array(readFileSync(path.join(tests, 'DICOMDIR')))));
  return directoryInstances(reference).map(({ fileID }) => {
    const target = ['IMG', ...fileID];
    cpSync(path.join(tests, ...fileID), path.join(root, ...target));
    const file = parseDicom(new Uint8Array(readFileSync(path.join(root, ...target))), { stopBeforePixelData: true });
    return { fileID: target, dataset: file.dataset, transferSyntax: file.transferSyntax };
  });
}

describe('createDicomDir', () => {
  const root = path.join(tmp, 'set');
  const instances = fileSet(root);
  const created = createDicomDir(instances, { fileSetID: 'DCMKIT_TEST' });
  const dicomdir = path.join(root, 'DICOMDIR');
  writeFileSync(dicomdir, created.bytes);

  test('our reader: linked by offsets, nothing to warn about, the same patients, studies, series and files', async () => {
    expect(created.warnings).toEqual([]);
    const dir = await readDicomDirFile(dicomdir);
    expect(dir.linkedBy).toBe('offsets');
    expect(dir.warnings).toEqual([]);
    expect(dir.fileSetID).toBe('DCMKIT_TEST');
    expect(dir.records.filter((r) => r.type === 'PATIENT')).toHaveLength(2);
    expect(dir.records.filter((r) => r.type === 'STUDY')).toHaveLength(6);
    const found = directoryInstances(dir);
    expect(found.map((i) => i.fileID.join('/')).sort()).toEqual(instances.map((i) => i.fileID.join('/')).sort());
    for (const i of found) {
      const file = parseDicom(new Uint8Array(readFileSync((await dir.files.resolve(i.fileID))!)), { stopBeforePixelData: true });
      expect(i.record.referencedSOPInstanceUID).toBe(file.dataset.getString('SOPInstanceUID'));
      expect(i.record.referencedTransferSyntaxUID).toBe(file.transferSyntax);
      expect(i.dataset.getString('SeriesInstanceUID')).toBe(file.dataset.getString('SeriesInstanceUID'));
    }
    // Records sit right after the ones above them: PATIENT, its STUDY, that study's SERIES, its IMAGEs ...
    expect(dir.records.slice(0, 4).map((r) => r.type)).toEqual(['PATIENT', 'STUDY', 'SERIES', 'IMAGE']);
    const meta = parseDicom(created.bytes).meta;
    expect(meta.getString('MediaStorageSOPClassUID')).toBe('1.2.840.10008.1.3.10');
  });

  (hasDcmdump || process.env.CI ? test : test.skip)('dcmdump reads it without a complaint and finds the records where we put them', async () => {
    const run = spawnSync('dcmdump', [dicomdir], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const offsets = [...run.stdout.matchAll(/#\s+offset=\$(\d+)/g)].map((m) => Number(m[1]));
    const dir = await readDicomDirFile(dicomdir);
    expect(offsets).toEqual(dir.records.map((r) => r.offset));
    const types = [...run.stdout.matchAll(/"Directory Record" (\S+)/g)].map((m) => m[1]);
    expect(new Set(types)).toEqual(new Set(['PATIENT', 'STUDY', 'SERIES', 'IMAGE']));
    expect(run.stdout).toContain(`(0004,1200) up ${dir.roots[0]!.offset} `);
  });

  test('an SR document and an encapsulated PDF get SR DOCUMENT and ENCAP DOC records', () => {
    const patient = { name: 'Doe^Jane', id: 'P-9' };
    const study = { instanceUID: '1.2.826.0.1.3680043.8.498.20', id: 'S1' };
    const sr = createBasicTextSR({ patient, study, title: code('11528-7', 'LN', 'Radiology Report'), content: [] });
    const pdf = encapsulatePdf(tinyPdf(), { patientName: 'Doe^Jane', patientID: 'P-9', study });
    const toInstance = (name: string, dataset: typeof sr) => {
      const file = parseDicom(writeDicom({ dataset }));
      return { fileID: ['DOCS', name], dataset: file.dataset, transferSyntax: file.transferSyntax };
    };
    const { bytes } = createDicomDir([toInstance('SR1', sr), toInstance('PDF1', pdf)]);
    const dir = readDicomDir(parseDicom(bytes));
    const leaves = directoryInstances(dir).map((i) => [i.record.type, i.fileID.join('/')]);
    expect(leaves.sort()).toEqual([
      ['ENCAP DOC', 'DOCS/PDF1'],
      ['SR DOCUMENT', 'DOCS/SR1'],
    ]);
    expect(dir.records.find((r) => r.type === 'ENCAP DOC')!.dataset.getString('MIMETypeOfEncapsulatedDocument')).toBe('application/pdf');
  });

  test('no instances: an empty File-set', () => {
    const dir = readDicomDir(parseDicom(createDicomDir([]).bytes));
    expect(dir).toMatchObject({ roots: [], records: [], warnings: [] });
  });

  test('a non-conformant File ID is refused', () => {
    expect(() => createDicomDir([{ ...instances[0]!, fileID: ['images', 'ct.dcm'] }])).toThrow(/File ID images\\ct\.dcm: component 'images'/);
  });
});

describe('File IDs (PS3.10 8.2, 8.5)', () => {
  test.each([
    [['PT000000', 'ST000000', 'IM_1'], undefined],
    [[], 'no components'],
    [['a'], "component 'a' is not 1-8 characters"],
    [['ABCDEFGHI'], "component 'ABCDEFGHI' is not 1-8 characters"],
    [['CT.DCM'], "component 'CT.DCM'"],
    [['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'], '9 levels, at most 8'],
  ])('%j', (id, problem) => {
    if (problem === undefined) expect(fileIDProblem(id)).toBeUndefined();
    else expect(fileIDProblem(id)).toContain(problem);
  });

  test('fileIDOf splits a relative path', () => {
    expect(fileIDOf('A/B\\C')).toEqual(['A', 'B', 'C']);
    expect(fileIDOf('./A//B')).toEqual(['A', 'B']);
  });
});
