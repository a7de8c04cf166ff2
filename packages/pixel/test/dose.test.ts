// RT Dose grids (PS3.3 C.8.8.3): stored values x Dose Grid Scaling, for each encoding of the corpus's
// dose (little/big endian, RLE; 15 frames and 1), against the manifest's pixel statistics.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseDicom } from '@dcmkit/core';
import { registerAllCodecs } from '@dcmkit/codecs';
import { codecs, doseGrid, PixelDataError } from '@dcmkit/pixel';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const open = (name: string) => parseDicom(readFileSync(path.join(files, name)), { name });

describe.runIf(existsSync(files))('doseGrid', () => {
  beforeAll(() => registerAllCodecs(codecs));

  // manifest.json: 15 frames min 795000, max 1254000, mean 1013273.333333; 1 frame mean 1013780.
  test.each([
    ['rtdose.dcm', 15, 1.013273333333],
    ['rtdose_expb.dcm', 15, 1.013273333333],
    ['rtdose_rle.dcm', 15, 1.013273333333],
    ['rtdose_1frame.dcm', 1, 1.01378],
    ['rtdose_rle_1frame.dcm', 1, 1.01378],
  ])('%s: %i frames of 10 x 10 in its Dose Units', async (name, frames, mean) => {
    const volume = await doseGrid(open(name));
    expect(volume.shape).toEqual([frames, 10, 10]);
    expect(volume.dose.doseUnits).toBe('RELATIVE');
    expect(volume.min).toBeCloseTo(0.795, 12);
    expect(volume.max).toBeCloseTo(1.254, 12);
    expect(volume.values.reduce((a, b) => a + b, 0) / volume.values.length).toBeCloseTo(mean, 9);
    expect(volume.grid.framePositions).toHaveLength(frames);
  });

  test('an RT Dose without Pixel Data has no grid to decode', async () => {
    const file = open('rtdose.dcm');
    file.dataset.delete('PixelData');
    await expect(doseGrid(file)).rejects.toThrow(new PixelDataError('missing', 'no Pixel Data: the RT Dose holds no dose grid', { file: 'rtdose.dcm' }));
  });
});
