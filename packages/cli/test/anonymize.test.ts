// `dcmkit anonymize`: folders de-identified into OUTDIR/patient/study/series/instance.dcm (or
// mirrored), one bad file reported and skipped, the mapping written, output refused inside the
// input, the same secret giving the same names, exit codes 0/1/2.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSet, parseDicom, writeDicom } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const dicomdirTree = path.resolve(repoRoot, '../shared/corpus/files/test_files/dicomdirtests');

/** Every file under a folder, relative, sorted. */
const listing = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(path.join(dir, p)).isFile())
    .sort();

/** A CT-like instance with 8-bit pixels, as Part 10 bytes. */
function instance(patient: string, study: string, series: string, sop: string): Uint8Array {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
  ds.set('SOPInstanceUID', sop);
  ds.set('StudyDate', '20240315');
  ds.set('Modality', 'CT');
  ds.set('PatientName', `${patient}^Test`);
  ds.set('PatientID', patient);
  ds.set('StudyInstanceUID', study);
  ds.set('SeriesInstanceUID', series);
  ds.set('Rows', 2);
  ds.set('Columns', 2);
  ds.set('SamplesPerPixel', 1);
  ds.set('PhotometricInterpretation', 'MONOCHROME2');
  ds.set('BitsAllocated', 8);
  ds.set('BitsStored', 8);
  ds.set('HighBit', 7);
  ds.set('PixelRepresentation', 0);
  ds.set('PixelData', new Uint8Array([1, 2, 3, 4]), 'OB');
  return writeDicom({ dataset: ds });
}

let work: string;
let input: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'dcmkit-anonymize-'));
  input = path.join(work, 'in');
  // Two patients; the second has two series, one in a subfolder.
  mkdirSync(path.join(input, 'sub'), { recursive: true });
  writeFileSync(path.join(input, 'a.dcm'), instance('P1', '1.2.3.1', '1.2.3.1.1', '1.2.3.1.1.1'));
  writeFileSync(path.join(input, 'b.dcm'), instance('P2', '1.2.3.2', '1.2.3.2.1', '1.2.3.2.1.1'));
  writeFileSync(path.join(input, 'sub', 'c.dcm'), instance('P2', '1.2.3.2', '1.2.3.2.2', '1.2.3.2.2.1'));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('dcmkit anonymize', () => {
  test('writes OUTDIR/patient/study/series/instance.dcm by the new identifiers, and the mapping', async () => {
    const out = path.join(work, 'out');
    const map = path.join(work, 'map.csv');
    const r = await cli('anonymize', input, '-o', out, '--secret', 's3cret', '--map', map, '--shift-dates');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('3 of 3 file(s) de-identified');
    const files = listing(out);
    expect(files).toHaveLength(3);
    for (const f of files) expect(f).toMatch(/^ANON-[0-9A-F]{10}\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
    // Two patients, and the second patient's two series in one study.
    expect(new Set(files.map((f) => f.split('/')[0])).size).toBe(2);
    expect(new Set(files.map((f) => f.split('/').slice(0, 2).join('/'))).size).toBe(2);
    for (const f of files) {
      const ds = parseDicom(new Uint8Array(readFileSync(path.join(out, f)))).dataset;
      expect(ds.getString('PatientIdentityRemoved')).toBe('YES');
      expect(ds.getString('PatientID')).toBe(f.split('/')[0]);
      expect(`${ds.getString('SOPInstanceUID')}.dcm`).toBe(path.basename(f));
    }
    const rows = readFileSync(map, 'utf8').trim().split('\r\n').map((l) => l.split(','));
    expect(rows[0]!.slice(0, 4)).toEqual(['input', 'output', 'original_patient_id', 'patient_id']);
    expect(rows.slice(1).map((row) => row[2])).toEqual(['P1', 'P2', 'P2']);
    expect(rows.slice(1).map((row) => path.relative(realpathSync(out), row[1]!)).sort()).toEqual(files);
    // --shift-dates without DAYS: one shift per patient, from the secret.
    const shifts = rows.slice(1).map((row) => Number(row[12]));
    expect(shifts[1]).toBe(shifts[2]);
    expect(shifts.every((d) => d <= -365 && d >= -3652)).toBe(true);
  });

  test('gives the same output names for the same secret, other names for another', async () => {
    await cli('anonymize', input, '-o', path.join(work, 'o1'), '--secret', 'same');
    const secretFile = path.join(work, 'secret.txt');
    writeFileSync(secretFile, 'same\n');
    await cli('anonymize', input, '-o', path.join(work, 'o2'), '--secret-file', secretFile);
    await cli('anonymize', input, '-o', path.join(work, 'o3'), '--secret', 'other');
    expect(listing(path.join(work, 'o2'))).toEqual(listing(path.join(work, 'o1')));
    expect(listing(path.join(work, 'o3'))).not.toEqual(listing(path.join(work, 'o1')));
  });

  test('reports and skips a bad file: exit 1, the others written', async () => {
    writeFileSync(path.join(input, 'sub', 'notes.txt'), 'hello world, this is not DICOM at all\n');
    writeFileSync(path.join(input, 'empty.dcm'), '');
    const out = path.join(work, 'out');
    const r = await cli('anonymize', input, '-o', out, '--secret', 's');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('3 of 5 file(s) de-identified');
    expect(r.stderr).toMatch(/failed:\n.*empty\.dcm: not a DICOM file/);
    expect(r.stderr).toMatch(/notes\.txt: offset 0, tag \(6568,6C6C\)/);
    expect(listing(out)).toHaveLength(3);
  });

  test('refuses to write into an input, or around one: exit 2, nothing written', async () => {
    for (const out of [input, path.join(input, 'sub', 'out'), work]) {
      const r = await cli('anonymize', input, '-o', out, '--secret', 's');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('overlaps the input');
    }
    expect(listing(input)).toEqual(['a.dcm', 'b.dcm', path.join('sub', 'c.dcm')]);
    expect(existsSync(path.join(input, 'sub', 'out'))).toBe(false);
    const r = await cli('anonymize', input, '-o', path.join(work, 'out'), '--secret', 's', '--map', path.join(work, 'out', 'map.csv'));
    expect(r.code).toBe(2);
  });

  test('usage errors exit 2', async () => {
    const out = path.join(work, 'out');
    expect((await cli('anonymize', input, '-o', out, '--keep-dates', '--shift-dates=-3')).code).toBe(2);
    expect((await cli('anonymize', input, '-o', out, '--blank', '1,2,3')).code).toBe(2);
    expect((await cli('anonymize', input, '-o', out, '--layout', 'flat')).code).toBe(2);
    expect((await cli('anonymize', input, '-o', out, '--secret', 'a', '--secret-file', 'b')).code).toBe(2);
    expect((await cli('anonymize', path.join(work, 'missing'), '-o', out)).code).toBe(2);
    expect((await cli('anonymize', input)).code).toBe(2);
    expect((await cli('anonymize', input, '-o', out, '--safe-private', '(0019,xx0C):SIEMENS MR HEADER')).code).toBe(2);
    expect((await cli('anonymize', input, '-o', out, '--keep-private-safe', '--safe-private', '(0018,xx0C):EVEN GROUP')).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('without a secret uses a random one and says so', async () => {
    const r = await cli('anonymize', path.join(input, 'a.dcm'), '-o', path.join(work, 'out'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('a random one is used for this run');
  });

  test('applies the Options: shifted dates, given identity, blanked pixels, mirrored layout', async () => {
    const out = path.join(work, 'out');
    const r = await cli('anonymize', input, '-o', out, '--secret', 's', '--shift-dates=-15', '--patient-name', 'Case^7', '--patient-id', 'CASE7', '--blank', '0,0,1,1', '--layout', 'mirror');
    expect(r.code).toBe(0);
    expect(listing(out)).toEqual(['a.dcm', 'b.dcm', path.join('sub', 'c.dcm')]);
    const ds = parseDicom(new Uint8Array(readFileSync(path.join(out, 'a.dcm')))).dataset;
    expect([ds.getString('PatientName'), ds.getString('PatientID'), ds.getString('StudyDate')]).toEqual(['Case^7', 'CASE7', '20240229']);
    expect([...(ds.values('PixelData')[0] as Uint8Array)]).toEqual([0, 2, 3, 4]);
    expect(ds.items('DeidentificationMethodCodeSequence').map((i) => i.getString('CodeValue'))).toEqual(['113100', '113101', '113107']);
  });

  test('a DICOMDIR tree: the instances mirrored, the DICOMDIRs left out with a warning', async () => {
    const r = await cli('anonymize', dicomdirTree, '-o', path.join(work, 'mirror'), '--secret', 's', '--layout', 'mirror');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('DICOMDIR not written: rebuild it from the de-identified files with `dcmkit dicomdir`');
    const instances = listing(dicomdirTree).filter((p) => !path.basename(p).startsWith('DICOMDIR'));
    expect(listing(path.join(work, 'mirror'))).toEqual(instances);
  });
});
