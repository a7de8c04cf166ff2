// `dcmkit pixels`: the corpus summary line of a file's decoded array, a frame's, and the raw bytes.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');

describe('dcmkit pixels', () => {
  test('prints the manifest summary of the whole array', async () => {
    const { code, stdout } = await cli('pixels', path.join(files, 'SC_rgb_rle_2frame.dcm'), '--sha256');
    expect(code).toBe(0);
    // ../shared/corpus/manifest.json, pixels of test_files/SC_rgb_rle_2frame.dcm
    const manifest = JSON.parse(readFileSync(path.resolve(files, '../../manifest.json'), 'utf8')) as { path: string; pixels: Record<string, unknown> }[];
    const { dtype, shape, sha256, min, max, mean } = manifest.find((r) => r.path === 'test_files/SC_rgb_rle_2frame.dcm')!.pixels;
    expect(JSON.parse(stdout)).toEqual({ dtype, shape, sha256, min, max, mean });
  });

  test('--frame N summarises one frame; --out writes its bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-pixels-'));
    try {
      const raw = path.join(dir, 'frame.raw');
      const { code, stdout } = await cli('pixels', path.join(files, 'rtdose.dcm'), '--frame', '14', '--out', raw);
      expect(code).toBe(0);
      const line = JSON.parse(stdout);
      expect(line).toMatchObject({ dtype: 'uint32', shape: [10, 10] });
      expect(line).not.toHaveProperty('sha256');
      const written = new Uint32Array(new Uint8Array(readFileSync(raw)).buffer);
      expect(written).toHaveLength(100);
      expect(Math.max(...written)).toBe(line.max);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('a frame out of range fails with the reason; a bad --frame is a usage error', async () => {
    const out = await cli('pixels', path.join(files, 'CT_small.dcm'), '--frame', '1');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('CT_small.dcm, frame 1: frame number out of range: Number of Frames is 1');
    expect((await cli('pixels', path.join(files, 'CT_small.dcm'), '--frame', '-1')).code).toBe(2);
  });
});
