// Every RT reader fails with an RTError naming the attribute (keyword and tag), the item path and the
// file when a required attribute is removed or malformed — one attribute at a time, never a crash.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDicom, readDicom, readDose, readPlan, readStructureSet, RTError, tagOf, type DataSet, type DicomFile, type Keyword } from '@dcmkit/core';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const open = (name: string): DicomFile => parseDicom(readFileSync(path.join(files, name)), { name });

/** The data set at "A[0].B[2]" ("" for the top level). */
function itemAtPath(ds: DataSet, itemPath: string): DataSet {
  if (!itemPath) return ds;
  return itemPath.split('.').reduce((at, step) => {
    const [, sequence, index] = /^(\w+)\[(\d+)\]$/.exec(step)!;
    return at.items(sequence as Keyword)[Number(index)]!;
  }, ds);
}

type Reader = (file: DicomFile) => unknown;
const required: [string, Reader, string, Keyword[]][] = [
  ['rtstruct.dcm', readStructureSet, '', ['StructureSetLabel', 'StructureSetROISequence', 'ROIContourSequence', 'RTROIObservationsSequence']],
  ['rtstruct.dcm', readStructureSet, 'StructureSetROISequence[1]', ['ROINumber', 'ReferencedFrameOfReferenceUID']],
  ['rtstruct.dcm', readStructureSet, 'ROIContourSequence[0]', ['ReferencedROINumber']],
  ['rtstruct.dcm', readStructureSet, 'ROIContourSequence[0].ContourSequence[2]', ['ContourGeometricType', 'NumberOfContourPoints', 'ContourData']],
  ['rtstruct.dcm', readStructureSet, 'RTROIObservationsSequence[2]', ['ObservationNumber', 'ReferencedROINumber']],
  ['rtdose.dcm', readDose, '', ['DoseUnits', 'DoseType', 'DoseSummationType', 'DoseGridScaling', 'GridFrameOffsetVector', 'Rows', 'Columns']],
  ['rtdose.dcm', readDose, '', ['ImagePositionPatient', 'ImageOrientationPatient', 'PixelSpacing']],
  ['rtdose.dcm', readDose, 'ReferencedRTPlanSequence[0]', ['ReferencedSOPInstanceUID']],
  ['rtplan.dcm', readPlan, '', ['RTPlanLabel', 'RTPlanGeometry']],
  ['rtplan.dcm', readPlan, 'FractionGroupSequence[0]', ['FractionGroupNumber', 'NumberOfBeams', 'NumberOfBrachyApplicationSetups', 'ReferencedBeamSequence']],
  ['rtplan.dcm', readPlan, 'FractionGroupSequence[0].ReferencedBeamSequence[0]', ['ReferencedBeamNumber']],
  ['rtplan.dcm', readPlan, 'BeamSequence[0]', ['BeamNumber', 'BeamType', 'NumberOfControlPoints', 'ControlPointSequence']],
  ['rtplan.dcm', readPlan, 'BeamSequence[0].ControlPointSequence[0]', ['GantryAngle']],
];

const cases = required.flatMap(([name, read, itemPath, keywords]) => keywords.map((keyword) => ({ name, read, itemPath, keyword })));

/** Calls `read` and returns the RTError it throws. */
function rtErrorOf(read: () => unknown): RTError {
  try {
    read();
  } catch (e) {
    if (e instanceof RTError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe.runIf(existsSync(files))('required attributes removed one at a time', () => {
  test.each(cases)('$name without $itemPath $keyword', ({ name, read, itemPath, keyword }) => {
    const file = open(name);
    expect(itemAtPath(file.dataset, itemPath).delete(keyword)).toBe(true);
    const e = rtErrorOf(() => read(file));
    expect(e).toMatchObject({ keyword, tag: tagOf(keyword), path: itemPath, problem: expect.stringMatching(/^is missing/), source: name });
    expect(e.message).toMatch(new RegExp(`^${name}: ${itemPath ? `${itemPath.replace(/[[\]]/g, '\\$&')}: ` : ''}.+ \\([0-9A-F]{4},[0-9A-F]{4}\\) is missing`));
  });

  test('the message names file, item path, attribute and tag', () => {
    const file = open('rtstruct.dcm');
    itemAtPath(file.dataset, 'ROIContourSequence[0].ContourSequence[2]').delete('ContourData');
    expect(() => readStructureSet(file)).toThrow('rtstruct.dcm: ROIContourSequence[0].ContourSequence[2]: Contour Data (3006,0050) is missing');
  });
});

describe.runIf(existsSync(files))('malformed values', () => {
  const contour = (file: DicomFile) => itemAtPath(file.dataset, 'ROIContourSequence[0].ContourSequence[1]');

  test('Contour Data that is not Number of Contour Points triplets', () => {
    const file = open('rtstruct.dcm');
    contour(file).set('ContourData', [1, 2, 3, 4, 5, 6, 7]);
    expect(() => readStructureSet(file)).toThrow('ContourData[1]: Contour Data (3006,0050) has 7 values, expected 3 x Number of Contour Points (6) = 18'.replace('ContourData[1]', 'ContourSequence[1]'));
  });

  test('a non-numeric Number of Contour Points, an unknown geometric type, a two-valued colour', () => {
    let file = open('rtstruct.dcm');
    contour(file).set('NumberOfContourPoints', 'six', 'LO');
    expect(rtErrorOf(() => readStructureSet(file))).toMatchObject({ keyword: 'NumberOfContourPoints', problem: 'has "six", not a number' });
    file = open('rtstruct.dcm');
    contour(file).set('ContourGeometricType', 'CURVE');
    expect(rtErrorOf(() => readStructureSet(file)).problem).toMatch(/^is 'CURVE', not one of POINT, OPEN_PLANAR/);
    file = open('rtstruct.dcm');
    itemAtPath(file.dataset, 'ROIContourSequence[1]').set('ROIDisplayColor', [255, 0]);
    expect(rtErrorOf(() => readStructureSet(file))).toMatchObject({ keyword: 'ROIDisplayColor', path: 'ROIContourSequence[1]', problem: 'has 2 values, expected 3' });
  });

  test('an empty Type 1 value is named as empty', () => {
    const file = open('rtplan.dcm');
    file.dataset.set('RTPlanLabel', '');
    expect(rtErrorOf(() => readPlan(file))).toMatchObject({ keyword: 'RTPlanLabel', problem: 'is empty' });
  });

  test('fewer Grid Frame Offset Vector values than frames', () => {
    const file = open('rtdose.dcm');
    file.dataset.set('GridFrameOffsetVector', [0, 5, 10]);
    expect(rtErrorOf(() => readDose(file))).toMatchObject({ keyword: 'GridFrameOffsetVector', problem: 'has 3 values for 15 frames' });
  });

  test('a Contour Data value left in the source by a windowed read', async () => {
    const bytes = readFileSync(path.join(files, 'rtstruct.dcm'));
    const file = await readDicom(new Blob([bytes]), { name: 'rtstruct.dcm', bulkThreshold: 64 });
    expect(rtErrorOf(() => readStructureSet(file))).toMatchObject({ keyword: 'ContourData', path: 'ROIContourSequence[0].ContourSequence[0]' });
  });

  test('cross references that do not resolve are warnings', () => {
    const file = open('rtstruct.dcm');
    itemAtPath(file.dataset, 'ROIContourSequence[2]').set('ReferencedROINumber', 9);
    const ss = readStructureSet(file);
    expect(ss.warnings).toEqual(['ROIContourSequence[2]: Referenced ROI Number 9 is not in the Structure Set ROI Sequence']);
    expect(ss.rois[2]!.contours).toEqual([]);
  });
});
