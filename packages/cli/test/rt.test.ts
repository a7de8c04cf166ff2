// `dcmkit rt`: the corpus's RT Structure Set, RT Dose and RT Plan summarised, as text and as JSON.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const at = (name: string) => path.join(files, name);

describe.runIf(existsSync(files))('dcmkit rt', () => {
  test('an RT Structure Set: ROIs with colours, observations and contours', async () => {
    const { code, stdout } = await cli('rt', at('rtstruct.dcm'));
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "RT Structure Set 'sep30', 20091223 122507: 3 ROIs",
        '  Frame of Reference 1.2.826.0.1.3680043.8.498.2010020400001.2',
        "  ROI 1 'patient' (EXTERNAL, MANUAL), colour 220\\160\\120, volume 49200 cm³: 3 contours CLOSED_PLANAR, 17 points, z -200..-180 mm",
        "  ROI 2 'Isocenter 1' (ISOCENTER, MANUAL), colour 255\\64\\255: 1 contour POINT, 1 point, z 0 mm",
        "  ROI 3 'Isocenter 2' (ISOCENTER, MANUAL), colour 255\\64\\255: 1 contour POINT, 1 point, z 0 mm",
        '',
      ].join('\n'),
    );
  });

  test('an RT Dose: units, grid, frame positions and the dose range in Dose Units', async () => {
    const { code, stdout } = await cli('rt', at('rtdose_rle.dcm'));
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'RT Dose: PHYSICAL dose in RELATIVE, summation BEAM',
        '  grid 10 x 10 x 15 frames, pixel spacing 10 x 10 mm, Dose Grid Scaling 0.000001',
        '  first frame at (189.4313, 199.4313, -761.87) mm, frames at z -761.87..-691.87 mm',
        '  dose 0.795..1.254 RELATIVE',
        '  for plan 1.2.123.456.78.9.0123.4567.89012345678901, beams 1',
        '',
      ].join('\n'),
    );
  });

  test('an RT Plan: fraction group, metersets and beams', async () => {
    const { code, stdout } = await cli('rt', at('rtplan.dcm'));
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "RT Plan 'Plan1', 20030903 150023: intent -, geometry PATIENT",
        '  fraction group 1: 30 fractions, 1 beam',
        '    beam 1: meterset 116.0037 MU, dose 1.0275 Gy',
        "  beam 1 'Field 1': STATIC PHOTON 6 MeV on unit001, 2 control points, gantry 0°",
        '',
      ].join('\n'),
    );
  });

  test('--json: contours with point counts, --points with the points', async () => {
    const plain = JSON.parse((await cli('rt', at('rtstruct.dcm'), '--json')).stdout);
    expect(plain.kind).toBe('structure-set');
    expect(plain.rois[0].contours[1]).toEqual({ geometricType: 'CLOSED_PLANAR', number: 2, images: [], numberOfPoints: 6 });
    const full = JSON.parse((await cli('rt', at('rtstruct.dcm'), '--json', '--points')).stdout);
    expect(full.rois[0].contours[0].points).toEqual([-200, 150, -200, -200, -150, -200, 200, -150, -200, 200, 150, -200, -200, 150, -200]);
    const dose = JSON.parse((await cli('rt', at('rtdose.dcm'), '--json')).stdout);
    expect(dose).toMatchObject({ kind: 'dose', doseUnits: 'RELATIVE', grid: { rows: 10, columns: 10, numberOfFrames: 15, doseGridScaling: 1e-6 } });
    expect(dose.range.min).toBeCloseTo(0.795, 12);
  });

  test('warnings are listed; other objects and broken files fail', async () => {
    expect((await cli('rt', at('rtdose_1frame.dcm'))).stdout).toContain('  warning: Grid Frame Offset Vector has 15 values for 1 frame(s): the first 1 used\n');
    const ct = await cli('rt', at('CT_small.dcm'));
    expect(ct.code).toBe(2);
    expect(ct.stderr).toContain('is not an RT Structure Set, RT Dose or RT Plan (SOP Class 1.2.840.10008.5.1.4.1.1.2)');
    const cut = await cli('rt', at('rtplan_truncated.dcm'));
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('(300A,00B0)');
  });
});
