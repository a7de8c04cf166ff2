// `dcmkit dicomdir DIR`: a DICOMDIR for a conformant folder; non-conformant paths refused with the
// offenders listed, or laid out anew with --copy-to.
import { afterAll, describe, expect, test } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { directoryInstances, parseDicom } from '@dcmkit/core';
import { readDicomDirFile } from '@dcmkit/core/node';
import { cli } from '../../../test/cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');
const tmp = mkdtempSync(path.join(tmpdir(), 'dcmkit-cli-dicomdir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const hasDcmdump = !spawnSync('dcmdump', ['--version']).error;

/** The instances of a written DICOMDIR, resolved to files that hold the SOP Instance its record names. */
async function indexed(dicomdir: string): Promise<string[]> {
  const dir = await readDicomDirFile(dicomdir);
  expect(dir.warnings).toEqual([]);
  const out: string[] = [];
  for (const i of directoryInstances(dir)) {
    const file = (await dir.files.resolve(i.fileID))!;
    expect(parseDicom(new Uint8Array(readFileSync(file)), { stopBeforePixelData: true }).dataset.getString('SOPInstanceUID')).toBe(i.record.referencedSOPInstanceUID);
    out.push(i.fileID.join('/'));
  }
  return out;
}

describe('dcmkit dicomdir', () => {
  test('a conformant folder: DIR/DICOMDIR indexes every DICOM file, other files are skipped', async () => {
    const set = path.join(tmp, 'set');
    for (const p of ['77654033', '98892001', '98892003']) cpSync(path.join(files, 'dicomdirtests', p), path.join(set, p), { recursive: true });
    writeFileSync(path.join(set, 'README'), 'not DICOM');
    const { code, stdout, stderr } = await cli('dicomdir', set, '--file-set-id', 'TEST_SET');
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('DICOMDIR: 31 instance(s)');
    expect(stderr).toMatch(/skipped .*README/);
    expect(await indexed(path.join(set, 'DICOMDIR'))).toHaveLength(31);
    // Again: the DICOMDIR written before is replaced, not indexed.
    expect((await cli('dicomdir', set)).code).toBe(0);
    expect(await indexed(path.join(set, 'DICOMDIR'))).toHaveLength(31);
    if (hasDcmdump || process.env.CI) {
      const run = spawnSync('dcmdump', [path.join(set, 'DICOMDIR')], { encoding: 'utf8' });
      expect(run.error).toBeUndefined();
      expect([run.status, run.stderr]).toEqual([0, '']);
    }
  });

  test('non-conformant paths: refused, offenders listed, nothing written', async () => {
    const set = path.join(tmp, 'loose');
    mkdirSync(path.join(set, 'images'), { recursive: true });
    cpSync(path.join(files, 'CT_small.dcm'), path.join(set, 'images', 'CT_small.dcm'));
    cpSync(path.join(files, 'MR_small.dcm'), path.join(set, 'MR1'));
    const { code, stderr } = await cli('dicomdir', set);
    expect(code).toBe(1);
    expect(stderr).toContain('1 file path(s) are not conformant File IDs');
    expect(stderr).toContain("images/CT_small.dcm: component 'images' is not 1-8 characters");
    expect(stderr).toContain('--copy-to');
    expect(existsSync(path.join(set, 'DICOMDIR'))).toBe(false);
  });

  test('--copy-to NEWDIR: the files copied as PTnnnnnn/STnnnnnn/SEnnnnnn/IMnnnnnn and indexed there', async () => {
    const set = path.join(tmp, 'loose2');
    mkdirSync(path.join(set, 'images'), { recursive: true });
    cpSync(path.join(files, 'CT_small.dcm'), path.join(set, 'images', 'CT_small.dcm'));
    cpSync(path.join(files, 'MR_small.dcm'), path.join(set, 'images', 'mr small.dcm'));
    const target = path.join(tmp, 'media');
    const { code, stderr } = await cli('dicomdir', set, '--copy-to', target);
    expect(code, stderr).toBe(0);
    expect((await indexed(path.join(target, 'DICOMDIR'))).sort()).toEqual(['PT000000/ST000000/SE000000/IM000000', 'PT000001/ST000000/SE000000/IM000000']);
    expect(existsSync(path.join(set, 'DICOMDIR'))).toBe(false);
  });

  test('--copy-to a folder that is not empty, or inside DIR: usage errors', async () => {
    const set = path.join(tmp, 'set3');
    mkdirSync(set);
    cpSync(path.join(files, 'CT_small.dcm'), path.join(set, 'CT'));
    expect((await cli('dicomdir', set, '--copy-to', set)).code).toBe(2);
    const full = path.join(tmp, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'x'), '');
    expect((await cli('dicomdir', set, '--copy-to', full)).code).toBe(2);
    expect((await cli('dicomdir', set, '--file-set-id', 'lower case')).code).toBe(2);
  });
});
