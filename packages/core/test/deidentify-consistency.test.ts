// One secret, one set of replacements: a study de-identified file by file in separate runs gets the
// same UIDs, pseudonym and date shift each time; another secret gets others; references between
// instances, and a DICOMDIR's references to its files, follow the renamed instances.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deidentify, deidentifyFile, parseDicom, writeDicom, type DataSet, type DicomFile } from '@dcmkit/core';
import { instance } from './deidentify-fixtures.js';

const STUDY = '1.2.826.0.1.3680043.9.7433.1.1';
const SERIES = ['1.2.826.0.1.3680043.9.7433.1.2', '1.2.826.0.1.3680043.9.7433.1.3'];
const FRAME_OF_REFERENCE = '1.2.826.0.1.3680043.9.7433.1.4';
const sop = (series: number, i: number) => `1.2.826.0.1.3680043.9.7433.2.${series}.${i}`;

/** Two series of three instances; each instance of the second references its peer and the next one in the first. */
function study(): DicomFile[] {
  const files: DicomFile[] = [];
  for (let s = 0; s < 2; s++) {
    for (let i = 0; i < 3; i++) {
      files.push(
        instance({
          studyUid: STUDY,
          seriesUid: SERIES[s]!,
          sopUid: sop(s, i),
          frameOfReferenceUid: FRAME_OF_REFERENCE,
          references: s === 1 ? [sop(0, i), sop(0, (i + 1) % 3)] : undefined,
          set: (ds) => ds.set('ContentDate', '20240315'),
        }),
      );
    }
  }
  return files;
}

interface Summary {
  study: string;
  series: string;
  sop: string;
  frameOfReference: string;
  references: string[];
  patientId: string;
  contentDate: string;
}

const summary = (ds: DataSet): Summary => ({
  study: ds.getString('StudyInstanceUID')!,
  series: ds.getString('SeriesInstanceUID')!,
  sop: ds.getString('SOPInstanceUID')!,
  frameOfReference: ds.getString('FrameOfReferenceUID')!,
  references: ds.items('ReferencedImageSequence').map((item) => item.getString('ReferencedSOPInstanceUID')!),
  patientId: ds.getString('PatientID')!,
  contentDate: ds.getString('ContentDate')!,
});

/** Each file de-identified on its own, written and read back, as separate runs would. */
const run = (secret: string) =>
  study().map((file) => summary(parseDicom(writeDicom(deidentifyFile(file, { secret, retainLongitudinalModifiedDates: true }).file)).dataset));

describe('replacements are consistent for one secret', () => {
  const first = run('site secret');
  const second = run('site secret');
  const other = run('another secret');

  it('gives identical UIDs, pseudonyms and shifted dates in two runs', () => {
    expect(second).toEqual(first);
  });

  it('keeps the study, series and frame of reference structure', () => {
    expect(new Set(first.map((f) => f.study)).size).toBe(1);
    expect(new Set(first.map((f) => f.series)).size).toBe(2);
    expect(new Set(first.map((f) => f.sop)).size).toBe(6);
    expect(new Set(first.map((f) => f.frameOfReference)).size).toBe(1);
    expect(new Set(first.map((f) => f.patientId)).size).toBe(1);
    expect(new Set(first.map((f) => f.contentDate)).size).toBe(1);
    expect(first[0]!.contentDate).not.toBe('20240315');
  });

  it('keeps references pointing at the renamed instances', () => {
    for (let i = 0; i < 3; i++) {
      expect(first[3 + i]!.references).toEqual([first[i]!.sop, first[(i + 1) % 3]!.sop]);
    }
  });

  it('gives other UIDs, pseudonym and shift for another secret', () => {
    const uids = (s: Summary[]) => new Set(s.flatMap((f) => [f.study, f.series, f.sop, f.frameOfReference]));
    const mine = uids(first);
    expect([...uids(other)].filter((uid) => mine.has(uid))).toEqual([]);
    expect(other[0]!.patientId).not.toBe(first[0]!.patientId);
    // The references still follow the renamed instances with the other secret.
    expect(other[3]!.references).toEqual([other[0]!.sop, other[1]!.sop]);
  });

  it('records original → replacement UIDs, shared across calls through uidMap', () => {
    const uidMap = new Map<string, string>();
    const files = study();
    const outputs = files.map((f) => deidentify(f.dataset, { secret: 'site secret', uidMap }).dataset);
    expect(uidMap.get(STUDY)).toBe(first[0]!.study);
    files.forEach((f, i) => expect(uidMap.get(f.dataset.getString('SOPInstanceUID')!)).toBe(outputs[i]!.getString('SOPInstanceUID')));
  });
});

describe('a DICOMDIR tree of the corpus', () => {
  const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
  const tree = path.resolve(repoRoot, '../shared/corpus/files/test_files/dicomdirtests');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name)) : [path.join(dir, name)]));
  const deid = (p: string) => deidentifyFile(parseDicom(new Uint8Array(readFileSync(p))), { secret: 'tree secret' }).file;

  it('references the de-identified instances from the de-identified DICOMDIR', () => {
    const images = walk(tree).filter((p) => !path.basename(p).startsWith('DICOMDIR'));
    const renamed = new Set(images.map((p) => deid(p).dataset.getString('SOPInstanceUID')));
    expect(renamed.size).toBe(images.length);
    const directory = deid(path.join(tree, 'DICOMDIR')).dataset;
    const referenced = directory
      .items('DirectoryRecordSequence')
      .map((record) => record.getString('ReferencedSOPInstanceUIDInFile'))
      .filter((uid): uid is string => uid !== undefined);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((uid) => !renamed.has(uid))).toEqual([]);
  });
});
