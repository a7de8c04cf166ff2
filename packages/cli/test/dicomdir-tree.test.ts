// `dcmkit tree`: the hierarchy of a folder (headers only) and of a DICOMDIR agree.
import { describe, expect, test } from 'vitest';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
// Real path: tree prints resolved file paths, and ../shared may be a symlink.
const tests = realpathSync(path.resolve(repoRoot, '../shared/corpus/files/test_files/dicomdirtests'));

describe('dcmkit tree', () => {
  test('a DICOMDIR: patients, studies, series and instances with counts, modalities, dates, descriptions', async () => {
    const { code, stdout, stderr } = await cli('tree', path.join(tests, 'DICOMDIR'));
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Patient Doe^Archibald [77654033]  (2 studies, 4 series, 7 instances)');
    expect(lines).toContain('  Study 2001-01-01 00:00:00 CR "XR C Spine Comp Min 4 Views" accession 2  (3 series, 3 instances)');
    expect(lines.filter((l) => l.startsWith('      Instance'))).toHaveLength(31);
    expect(lines.filter((l) => l.startsWith('      Instance')).every((l) => l.includes(tests))).toBe(true);
  });

  test('the folder the DICOMDIR indexes gives the same tree (its records hold no Series Description)', async () => {
    const fromDir = await cli('tree', path.join(tests, 'DICOMDIR'));
    const fromFolder = await cli('tree', path.join(tests, '77654033'), path.join(tests, '98892001'), path.join(tests, '98892003'));
    expect(fromFolder.code).toBe(0);
    const withoutSeriesDescriptions = (text: string) => text.replace(/^( {4}Series .*?) ".*"( {2}\()/gm, '$1$2');
    expect(fromFolder.stdout).toContain('    Series #700 MR "ANGIO Projected from   C"  (7 instances)');
    expect(withoutSeriesDescriptions(fromFolder.stdout)).toBe(fromDir.stdout);
  });

  test('--json', async () => {
    const { stdout } = await cli('tree', path.join(tests, 'TINY_ALPHA'), '--json');
    const patients = JSON.parse(stdout);
    expect(patients).toHaveLength(1);
    expect(patients[0].studies[0].series[0].instances).toHaveLength(50);
  });
});
