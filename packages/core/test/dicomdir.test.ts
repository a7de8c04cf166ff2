// Reading DICOMDIRs (PS3.3 F, PS3.10 8): pydicom's variants (big endian, implicit VR, reordered records,
// a truncated record, a root chain that misses the patients, empty), their record offsets against the
// dcmdump listings of the corpus, fallbacks for broken offsets, and File IDs resolved case-insensitively.
import { afterAll, describe, expect, test } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DicomParseError,
  InformationModel,
  directoryInstances,
  parseDicom,
  readDicomDir,
  type DicomDir,
  type DirectoryRecord,
} from '@dcmkit/core';
import { FileIDResolver, readDicomDirFile } from '@dcmkit/core/node';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const tests = path.join(corpus, 'files/test_files/dicomdirtests');
const dumps = path.join(corpus, 'dump/test_files/dicomdirtests');
const tmp = mkdtempSync(path.join(tmpdir(), 'dcmkit-dicomdir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(tests, name)));
const read = (bytes: Uint8Array) => readDicomDir(parseDicom(bytes));

/** What dcmdump lists of each Directory Record: "offset=$N" and the referenced file, in sequence order. */
function dumpRecords(name: string): { offset: number; fileID?: string }[] {
  const text = readFileSync(path.join(dumps, `${name}.txt`), 'utf8');
  return [...text.matchAll(/#\s+offset=\$(\d+)(?:\s+refFileID="([^"]*)")?/g)].map((m) => ({ offset: Number(m[1]), ...(m[2] && { fileID: m[2] }) }));
}

/** The tree as text: each record's type (roots: any), leaf records by SOP Instance UID. */
function shape(roots: DirectoryRecord[], rootTypes = true): string {
  const out: string[] = [];
  const stack = roots.map((r) => ({ r, depth: 0 })).reverse();
  while (stack.length > 0) {
    const { r, depth } = stack.pop()!;
    out.push(`${depth}:${depth === 0 && !rootTypes ? '*' : r.type}:${r.referencedSOPInstanceUID ?? ''}`);
    for (let i = r.children.length - 1; i >= 0; i--) stack.push({ r: r.children[i]!, depth: depth + 1 });
  }
  return out.join('\n');
}

const reference = read(bytesOf('DICOMDIR'));
const VARIANTS = ['DICOMDIR', 'DICOMDIR-bigEnd', 'DICOMDIR-implicit', 'DICOMDIR-nooffset', 'DICOMDIR-reordered', 'DICOMDIR-nopatient', 'DICOMDIR-empty.dcm', 'TINY_ALPHA/DICOMDIR'];

describe('readDicomDir: the corpus DICOMDIRs', () => {
  test.each(VARIANTS)('%s: record offsets and File IDs are those dcmdump lists', (name) => {
    const dir = read(bytesOf(name));
    const listed = dumpRecords(name);
    expect(dir.records.map((r) => r.offset)).toEqual(listed.map((l) => l.offset));
    expect(dir.records.map((r) => r.fileID?.join('\\'))).toEqual(listed.map((l) => l.fileID));
  });

  test('DICOMDIR: 2 patients, 6 studies, 31 images, linked by offsets', () => {
    expect(reference.linkedBy).toBe('offsets');
    expect(reference.warnings).toEqual([]);
    expect(reference.fileSetID).toBe('PYDICOM_TEST');
    expect(reference.roots.map((r) => [r.type, r.dataset.getString('PatientID')])).toEqual([
      ['PATIENT', '77654033'],
      ['PATIENT', '98890234'],
    ]);
    expect(reference.roots.map((p) => p.children.map((s) => s.type))).toEqual([
      ['STUDY', 'STUDY'],
      ['STUDY', 'STUDY', 'STUDY', 'STUDY'],
    ]);
    expect(directoryInstances(reference)).toHaveLength(31);
  });

  test.each(['DICOMDIR-bigEnd', 'DICOMDIR-implicit', 'DICOMDIR-reordered', 'DICOMDIR-nooffset'])('%s builds the same tree as DICOMDIR', (name) => {
    const dir = read(bytesOf(name));
    expect(dir.linkedBy).toBe('offsets');
    expect(shape(dir.roots)).toBe(shape(reference.roots));
  });

  test('DICOMDIR-reordered: the sequence order is not the tree order, the offsets are', () => {
    const dir = read(bytesOf('DICOMDIR-reordered'));
    expect(dir.records.slice(0, 4).map((r) => r.type)).toEqual(['IMAGE', 'SERIES', 'STUDY', 'PATIENT']);
    expect(dir.roots[0]!.type).toBe('PATIENT');
  });

  test('DICOMDIR-nooffset: the last record, cut short and without offsets, is still its series last image', () => {
    const dir = read(bytesOf('DICOMDIR-nooffset'));
    expect(dir.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/item length 248 exceeds/)]);
    expect(dir.records.at(-1)!.fileID).toEqual(['98892003', 'MR700', '4648']);
    expect(directoryInstances(dir).map((i) => i.fileID.join('/'))).toContain('98892003/MR700/4648');
  });

  test('DICOMDIR-nopatient: the root offset names an IMAGE; the roots are the chains no offset names', () => {
    const dir = read(bytesOf('DICOMDIR-nopatient'));
    expect(dir.linkedBy).toBe('offsets');
    expect(dir.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/root chain from offset 396 leaves 51 record\(s\) unreached/)]);
    expect(dir.roots.map((r) => r.type)).toEqual(['UNKNOWN', 'UNKNOWN']);
    expect(shape(dir.roots, false)).toBe(shape(reference.roots, false));
  });

  test('DICOMDIR-empty.dcm: a File-set with nothing on it', () => {
    const dir = read(bytesOf('DICOMDIR-empty.dcm'));
    expect(dir).toMatchObject({ roots: [], records: [], warnings: [] });
  });

  test('a file that is not a DICOMDIR is a DicomParseError', () => {
    const ct = new Uint8Array(readFileSync(path.join(tests, '77654033/CT2/17106')));
    expect(() => read(ct)).toThrow(DicomParseError);
  });
});

describe('readDicomDir: broken offsets fall back to the sequence order', () => {
  /** DICOMDIR with the UL of `tag` in record `index` set to `value`. */
  function patched(index: number, tag: number, value: number | ((record: DirectoryRecord) => number)): DicomDir {
    const bytes = bytesOf('DICOMDIR').slice();
    const record = read(bytes).records[index]!;
    const el = record.dataset.element(tag)!;
    new DataView(bytes.buffer).setUint32(el.offset, typeof value === 'number' ? value : value(record), true);
    return read(bytes);
  }
  const NEXT = 0x00041400;
  const LOWER = 0x00041420;

  test('an offset that names no record', () => {
    const dir = patched(1, NEXT, 12345);
    expect(dir.linkedBy).toBe('sequence order');
    expect(dir.warnings[0]!.message).toMatch(/offset 12345 is not the start of a directory record/);
    expect(shape(dir.roots)).toBe(shape(reference.roots));
  });

  test('a loop', () => {
    const dir = patched(2, LOWER, (r) => r.offset);
    expect(dir.linkedBy).toBe('sequence order');
    expect(dir.warnings[0]!.message).toMatch(/reached twice/);
    expect(shape(dir.roots)).toBe(shape(reference.roots));
  });

  test('no root offset', () => {
    const bytes = bytesOf('DICOMDIR').slice();
    const el = parseDicom(bytes).dataset.element(0x00041200)!;
    new DataView(bytes.buffer).setUint32(el.offset, 0, true);
    const dir = read(bytes);
    expect(dir.linkedBy).toBe('sequence order');
    expect(shape(dir.roots)).toBe(shape(reference.roots));
  });
});

describe('directoryInstances', () => {
  test('each instance carries its patient, study and series keys, as the information model takes them', () => {
    const model = new InformationModel<string>();
    for (const i of directoryInstances(reference)) model.add(i.dataset, i.fileID.join('/'));
    const patients = model.patients();
    expect(patients.map((p) => [p.patientID, p.studies.length])).toEqual([
      ['77654033', 2],
      ['98890234', 4],
    ]);
    const spine = patients[0]!.studies.find((s) => s.studyDescription === 'XR C Spine Comp Min 4 Views')!;
    expect(spine.series.map((s) => s.modality)).toEqual(['CR', 'CR', 'CR']);
    expect(model.instanceCount).toBe(31);
  });
});

describe('File IDs resolved on disk', () => {
  test('every instance of the corpus DICOMDIR is found', async () => {
    const dir = await readDicomDirFile(path.join(tests, 'DICOMDIR'));
    const paths = await Promise.all(directoryInstances(dir).map((i) => dir.files.resolve(i.fileID)));
    expect(paths.every((p) => p !== undefined && parseDicom(new Uint8Array(readFileSync(p))).dataset.has('SOPInstanceUID'))).toBe(true);
  });

  test('case-insensitively: a CD copied with lower-case names', async () => {
    const root = path.join(tmp, 'lower');
    cpSync(path.join(tests, 'TINY_ALPHA'), root, { recursive: true });
    // Rename every name below the root to lower case, deepest first.
    const lower = (dir: string) => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, name.name);
        if (name.isDirectory()) lower(p);
        if (name.name !== 'DICOMDIR') renameSync(p, path.join(dir, name.name.toLowerCase()));
      }
    };
    lower(root);
    const dir = await readDicomDirFile(path.join(root, 'DICOMDIR'));
    const instances = directoryInstances(dir);
    expect(instances).toHaveLength(50);
    for (const i of instances) expect(await dir.files.resolve(i.fileID)).toBe(path.join(root, ...i.fileID.map((c) => c.toLowerCase())));
    expect(await new FileIDResolver(root).resolve(['PT000000', 'NOPE'])).toBeUndefined();
  });

  test('an exact match wins over a case-insensitive one', async () => {
    const root = path.join(tmp, 'both');
    mkdirSync(path.join(root, 'a'), { recursive: true });
    mkdirSync(path.join(root, 'A'), { recursive: true });
    expect(await new FileIDResolver(root).resolve(['A'])).toBe(path.join(root, 'A'));
    expect(await new FileIDResolver(root).resolve(['a'])).toBe(path.join(root, 'a'));
  });
});
