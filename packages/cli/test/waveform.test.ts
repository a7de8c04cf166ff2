// `dcmkit waveform`: the corpus ECG's multiplex groups and channels, and its plot as PNG.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const ecg = path.resolve(repoRoot, '../shared/corpus/files/test_files/waveform_ecg.dcm');
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-waveform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(existsSync(ecg))('dcmkit waveform', () => {
  test('lists groups and channels with their ranges in µV', async () => {
    const { code, stdout } = await cli('waveform', ecg);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe("group 0 'RHYTHM' (ORIGINAL): 12 channels x 10000 samples at 1000 Hz = 10 s, SS in 16 bits");
    expect(lines[1]).toBe('   1 Lead I (Einthoven): 1.25 uV per step, -62.5..725 uV');
    expect(lines[12]).toBe('  12 Lead V6: 1.25 uV per step, -162.5..1443.75 uV');
    expect(lines[13]).toBe("group 1 'MEDIAN BEAT' (DERIVED): 12 channels x 1200 samples at 1000 Hz = 1.2 s, SS in 16 bits");
  });

  test('--png plots the chosen group, one band per channel', async () => {
    const out = path.join(dir, 'median.png');
    const { code, stdout } = await cli('waveform', ecg, '--png', out, '--group', '1', '--width', '600', '--band-height', '50');
    expect(code).toBe(0);
    expect(stdout).toContain(`plotted group 1 to ${out}\n`);
    const png = readFileSync(out);
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([600, 12 * 50, 8, 2]);
  });

  test('--json without samples; a group out of range is a usage error', async () => {
    const json = JSON.parse((await cli('waveform', ecg, '--json')).stdout);
    expect(json[1]).toMatchObject({ label: 'MEDIAN BEAT', numberOfSamples: 1200 });
    expect(json[1].channels[3]).toMatchObject({ number: 4, name: 'Lead aVR', units: 'uV', range: { min: -890, max: 31.25 } });
    expect(json[0].samples).toBeUndefined();
    const bad = await cli('waveform', ecg, '--png', path.join(dir, 'x.png'), '--group', '2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--group 2: the file has 2 multiplex groups');
  });
});
