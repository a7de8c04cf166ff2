// RT Structure Set, RT Dose and RT Plan readers (PS3.3 A.18-A.20) on the corpus's RT files, against
// the values their dcmdump listings (../shared/corpus/dump/) show.
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DicomParseError, parseDicom, readDose, readPlan, readStructureSet, rtObjectKind, type DicomFile } from '@dcmkit/core';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const dumps = path.resolve(repoRoot, '../shared/corpus/dump/test_files');
const open = (name: string): DicomFile => parseDicom(readFileSync(path.join(files, name)), { name });

/** The values dcmdump printed for `tag` ("3006,0026"), in file order: [text] or a bare binary number. */
const dumped = (name: string, tag: string): string[] =>
  [...readFileSync(path.join(dumps, `${name}.txt`), 'utf8').matchAll(new RegExp(`\\(${tag}\\) \\w\\w (?:\\[([^\\]]*)\\]|(\\d+))`, 'g'))].map((m) => m[1] ?? m[2]!);

describe.runIf(existsSync(files))('RT objects of the corpus', () => {
  test('rtstruct.dcm: ROIs, colours, contours and observations', () => {
    const file = open('rtstruct.dcm');
    expect(rtObjectKind(file.dataset)).toBe('structure-set');
    const ss = readStructureSet(file);
    expect(ss).toMatchObject({ label: 'sep30', name: 'sep30', date: '20091223', time: '122507', warnings: [] });
    expect(ss.frameOfReferenceUIDs).toEqual(['1.2.826.0.1.3680043.8.498.2010020400001.2']);
    expect(ss.rois.map((r) => [r.number, r.name, r.generationAlgorithm, r.displayColor])).toEqual([
      [1, 'patient', 'MANUAL', [220, 160, 120]],
      [2, 'Isocenter 1', 'MANUAL', [255, 64, 255]],
      [3, 'Isocenter 2', 'MANUAL', [255, 64, 255]],
    ]);
    expect(ss.rois[0]).toMatchObject({ description: 'patient', volume: 49200, frameOfReferenceUID: '1.2.826.0.1.3680043.8.498.2010020400001.2' });
    const body = ss.rois[0]!.contours;
    expect(body.map((c) => [c.geometricType, c.number, c.points.length / 3, c.points[2]])).toEqual([
      ['CLOSED_PLANAR', 1, 5, -200],
      ['CLOSED_PLANAR', 2, 6, -190],
      ['CLOSED_PLANAR', 3, 6, -180],
    ]);
    expect([...body[0]!.points.subarray(0, 6)]).toEqual([-200, 150, -200, -200, -150, -200]);
    expect(ss.rois[1]!.contours.map((c) => [c.geometricType, [...c.points]])).toEqual([['POINT', [0, -0, 0]]]);
    expect(ss.rois.map((r) => r.observations.map((o) => [o.number, o.label, o.interpretedType]))).toEqual([
      [[1, 'patient', 'EXTERNAL']],
      [[2, 'Isocenter 1', 'ISOCENTER']],
      [[3, 'Isocenter 2', 'ISOCENTER']],
    ]);
  });

  test('agree with the dcmdump listings value by value', () => {
    const ss = readStructureSet(open('rtstruct.dcm'));
    expect(ss.rois.map((r) => String(r.number))).toEqual(dumped('rtstruct.dcm', '3006,0022'));
    expect(ss.rois.map((r) => r.name)).toEqual(dumped('rtstruct.dcm', '3006,0026'));
    expect(ss.rois.flatMap((r) => r.contours.map((c) => String(c.points.length / 3)))).toEqual(dumped('rtstruct.dcm', '3006,0046'));
    expect(ss.observations.map((o) => o.interpretedType)).toEqual(dumped('rtstruct.dcm', '3006,00a4'));
    const dose = readDose(open('rtdose.dcm'));
    expect([dose.grid!.doseGridScaling, dose.grid!.numberOfFrames, dose.grid!.rows, dose.grid!.columns]).toEqual(
      ['3004,000e', '0028,0008', '0028,0010', '0028,0011'].map((t) => Number(dumped('rtdose.dcm', t)[0])),
    );
    const plan = readPlan(open('rtplan.dcm'));
    expect(plan.fractionGroups.map((g) => [g.numberOfFractionsPlanned, g.numberOfBeams])).toEqual([[Number(dumped('rtplan.dcm', '300a,0078')[0]), Number(dumped('rtplan.dcm', '300a,0080')[0])]]);
    expect(plan.beams.map((b) => [b.name, String(b.numberOfControlPoints)])).toEqual([[dumped('rtplan.dcm', '300a,00c2')[0], dumped('rtplan.dcm', '300a,0110')[0]]]);
  });

  test.each(['rtdose.dcm', 'rtdose_expb.dcm', 'rtdose_rle.dcm'])('%s: dose metadata and a 15-frame grid placed by Grid Frame Offset Vector', (name) => {
    const file = open(name);
    expect(rtObjectKind(file.dataset)).toBe('dose');
    const dose = readDose(file);
    expect(dose).toMatchObject({ doseUnits: 'RELATIVE', doseType: 'PHYSICAL', doseSummationType: 'BEAM', warnings: [] });
    expect(dose.referencedPlans).toEqual([{ sopInstanceUID: '1.2.123.456.78.9.0123.4567.89012345678901', fractionGroupNumbers: [1], beamNumbers: [1] }]);
    const grid = dose.grid!;
    expect(grid).toMatchObject({ rows: 10, columns: 10, numberOfFrames: 15, doseGridScaling: 1e-6 });
    expect(grid.plane).toEqual({ imagePositionPatient: [189.43125, 199.43125, -761.87], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [10, 10] });
    expect(grid.gridFrameOffsetVector).toEqual(Array.from({ length: 15 }, (_, i) => 5 * i));
    // Relative offsets (first value 0) along the normal (0, 0, 1): z = -761.87 + offset.
    grid.framePositions.forEach(([x, y, z], i) => {
      expect([x, y]).toEqual([189.43125, 199.43125]);
      expect(z).toBeCloseTo(-761.87 + 5 * i, 9);
    });
  });

  test('rtdose_1frame.dcm: one frame, the extra offsets noted in a warning', () => {
    const dose = readDose(open('rtdose_1frame.dcm'));
    expect(dose.grid).toMatchObject({ numberOfFrames: 1, framePositions: [[189.43125, 199.43125, -761.87]] });
    expect(dose.warnings).toEqual(['Grid Frame Offset Vector has 15 values for 1 frame(s): the first 1 used']);
  });

  test('rtplan.dcm: label, fraction group and beam summary', () => {
    const file = open('rtplan.dcm');
    expect(rtObjectKind(file.dataset)).toBe('plan');
    const plan = readPlan(file);
    expect(plan).toMatchObject({ label: 'Plan1', name: 'Plan1', geometry: 'PATIENT', intent: '', date: '20030903', time: '150023', ion: false, warnings: [] });
    expect(plan.fractionGroups).toEqual([
      {
        number: 1,
        description: '',
        numberOfFractionsPlanned: 30,
        numberOfBeams: 1,
        numberOfBrachyApplicationSetups: 0,
        referencedBeams: [{ beamNumber: 1, meterset: 116.0036697, dose: 1.0275401 }],
      },
    ]);
    expect(plan.beams).toEqual([
      {
        number: 1,
        name: 'Field 1',
        description: '',
        type: 'STATIC',
        radiationType: 'PHOTON',
        treatmentMachineName: 'unit001',
        treatmentDeliveryType: 'TREATMENT',
        primaryDosimeterUnit: 'MU',
        numberOfControlPoints: 2,
        finalCumulativeMetersetWeight: 1,
        nominalBeamEnergy: 6,
        gantryAngles: { first: 0, last: 0 },
        gantryRotationDirection: 'NONE',
      },
    ]);
  });

  test('an RT Ion Plan reads its Ion Beam Sequence; the last gantry angle is the last one given', () => {
    const file = open('rtplan.dcm');
    const ds = file.dataset;
    const beams = ds.items('BeamSequence');
    const points = beams[0]!.items('ControlPointSequence');
    points[0]!.set('GantryRotationDirection', 'CW');
    points[1]!.set('GantryAngle', 180);
    beams[0]!.set('IonControlPointSequence', points);
    beams[0]!.delete('ControlPointSequence');
    ds.set('IonBeamSequence', beams);
    ds.delete('BeamSequence');
    const plan = readPlan(file);
    expect(plan.ion).toBe(true);
    expect(plan.beams[0]).toMatchObject({ number: 1, name: 'Field 1', numberOfControlPoints: 2, gantryAngles: { first: 0, last: 180 }, gantryRotationDirection: 'CW' });
  });

  test('rtplan_truncated.dcm: the cut file is refused with a typed parse error naming the Beam Sequence', () => {
    expect(() => readPlan(open('rtplan_truncated.dcm'))).toThrow(DicomParseError);
    expect(() => open('rtplan_truncated.dcm')).toThrow('rtplan_truncated.dcm, offset 1410, tag (300A,00B0): 976 bytes of value for SQ element (300A,00B0), only 711 available');
  });
});
