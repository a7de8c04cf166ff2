// dicom3tools' dciodvfy checks a modified data set against the CT Image IOD: what we write after
// set() calls, a new sequence and a deletion has no more errors than the original file.
// Skipped locally without dciodvfy; in CI (process.env.CI) a missing dciodvfy fails the test.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PersonName, TransferSyntax, parseDicom, writeDicom } from '@dcmkit/core';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const ctSmall = path.resolve(repoRoot, '../shared/corpus/files/test_files/CT_small.dcm');
const hasDciodvfy = !spawnSync('dciodvfy', []).error;
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-dciodvfy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errors = (file: string) =>
  spawnSync('dciodvfy', [file], { encoding: 'utf8' }).stderr.split('\n').filter((l) => l.startsWith('Error'));

(hasDciodvfy || process.env.CI ? describe : describe.skip)('dciodvfy accepts modified data sets', () => {
  it.each([
    ['explicit VR little endian', TransferSyntax.ExplicitVRLittleEndian],
    ['implicit VR little endian', TransferSyntax.ImplicitVRLittleEndian],
    ['explicit VR big endian', TransferSyntax.ExplicitVRBigEndian],
  ])('CT Image IOD in %s', (_, transferSyntax) => {
    const file = parseDicom(new Uint8Array(readFileSync(ctSmall)));
    const ds = file.dataset;
    ds.set('PatientName', PersonName.fromComponents({ familyName: 'Doe', givenName: 'Jane' }));
    ds.set('PatientID', 'DCMKIT-0001');
    ds.set('WindowCenter', [40, 400]);
    ds.set('WindowWidth', [400, 2000]);
    ds.set('SOPInstanceUID', '2.25.1234567890');
    ds.delete('InstitutionName');
    const reference = ds.createItem();
    reference.set('ReferencedSOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
    reference.set('ReferencedSOPInstanceUID', '2.25.987654321');
    ds.set('ReferencedImageSequence', [reference]);
    const out = path.join(dir, `ct-${transferSyntax}.dcm`);
    writeFileSync(out, writeDicom({ ...file, transferSyntax }));
    expect(errors(out)).toEqual(errors(ctSmall));
  });
});
