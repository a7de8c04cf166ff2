// `dcmkit hu`: stored and modality values of one pixel, as one JSON line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');

describe('dcmkit hu', () => {
  test('prints HU = stored + intercept for CT (CT_small: slope 1, intercept -1024)', async () => {
    const { code, stdout } = await cli('hu', path.join(files, 'CT_small.dcm'), '--at', '2,2');
    expect(code).toBe(0);
    // Stored 171 (lung, top-left corner), as `dcmkit pixels` and pydicom decode it.
    expect(JSON.parse(stdout)).toEqual({ x: 2, y: 2, frame: 0, stored: 171, value: -853, unit: 'HU' });
  });

  test('prints rescaled values with the Rescale Type of a CR', async () => {
    const { stdout } = await cli('hu', path.join(files, 'dicomdirtests/77654033/CR1/6154'), '--at', '0,0');
    // Stored 1994; 1994 * 0.684 + 200 in OD.
    expect(JSON.parse(stdout)).toMatchObject({ stored: 1994, unit: 'OD' });
    expect(JSON.parse(stdout).value).toBeCloseTo(1994 * 0.684 + 200, 9);
  });

  test('prints the samples of a colour pixel', async () => {
    const { stdout } = await cli('hu', path.join(files, 'examples_rgb_color.dcm'), '--at', '100,100');
    expect(JSON.parse(stdout)).toEqual({ x: 100, y: 100, frame: 0, stored: [253, 159, 0], photometricInterpretation: 'RGB' });
  });

  test('reads the frame asked for', async () => {
    const first = JSON.parse((await cli('hu', path.join(files, 'rtdose.dcm'), '--at', '5,5')).stdout);
    const last = JSON.parse((await cli('hu', path.join(files, 'rtdose.dcm'), '--at', '5,5', '--frame', '14')).stdout);
    expect(first.frame).toBe(0);
    expect(last.frame).toBe(14);
  });

  test('rejects points outside the frame and malformed points (exit 2)', async () => {
    const outside = await cli('hu', path.join(files, 'CT_small.dcm'), '--at', '128,0');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/outside the 128x128 frame/);
    expect((await cli('hu', path.join(files, 'CT_small.dcm'), '--at', '3')).code).toBe(2);
  });
});
