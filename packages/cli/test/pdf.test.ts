// `dcmkit encapsulate-pdf` and `dcmkit extract-pdf`: a generated PDF round trip through a DICOM file.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDicom } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';
import { tinyPdf } from '../../core/test/fixtures/tiny-pdf.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-cli-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasDciodvfy = !spawnSync('dciodvfy', ['--version']).error;
const at = (name: string) => path.join(dir, name);

describe('dcmkit encapsulate-pdf / extract-pdf', () => {
  const pdf = tinyPdf('Report text');
  writeFileSync(at('in.pdf'), pdf);

  test('round trip: the same bytes come out', async () => {
    const made = await cli('encapsulate-pdf', at('in.pdf'), '-o', at('doc.dcm'), '--patient-name', 'Doe^Jane', '--patient-id', 'P-1', '--study-uid', '1.2.826.0.1.3680043.8.498.30', '--title', 'Letter');
    expect(made.code, made.stderr).toBe(0);
    const ds = parseDicom(new Uint8Array(readFileSync(at('doc.dcm')))).dataset;
    expect(ds.getString('PatientID')).toBe('P-1');
    expect(ds.getString('StudyInstanceUID')).toBe('1.2.826.0.1.3680043.8.498.30');
    expect(ds.getString('DocumentTitle')).toBe('Letter');
    const extracted = await cli('extract-pdf', at('doc.dcm'), '-o', at('out.pdf'));
    expect(extracted.code).toBe(0);
    expect(extracted.stderr).toBe('');
    expect(extracted.stdout).toContain(`application/pdf, ${pdf.length} bytes`);
    expect(new Uint8Array(readFileSync(at('out.pdf')))).toEqual(pdf);
  });

  test('an output name that does not fit the MIME type: written, with a warning', async () => {
    await cli('encapsulate-pdf', at('in.pdf'), '-o', at('doc2.dcm'), '--patient-name', 'Doe^Jane', '--patient-id', 'P-1');
    const { code, stderr } = await cli('extract-pdf', at('doc2.dcm'), '-o', at('out.txt'));
    expect(code).toBe(0);
    expect(stderr).toContain('the document is application/pdf, usually saved as .pdf');
    expect(new Uint8Array(readFileSync(at('out.txt')))).toEqual(pdf);
  });

  test('input that is not a PDF, a DICOM file without a document, a bad study UID', async () => {
    writeFileSync(at('not.pdf'), 'plain text');
    const notPdf = await cli('encapsulate-pdf', at('not.pdf'), '-o', at('x.dcm'), '--patient-name', 'A', '--patient-id', '1');
    expect(notPdf.code).toBe(1);
    expect(notPdf.stderr).toContain('not a PDF');
    const noDoc = await cli('extract-pdf', path.resolve(repoRoot, '../shared/corpus/files/test_files/CT_small.dcm'), '-o', at('x.pdf'));
    expect(noDoc.code).toBe(1);
    expect(noDoc.stderr).toContain('Encapsulated Document (0042,0011)');
    const badUid = await cli('encapsulate-pdf', at('in.pdf'), '-o', at('y.dcm'), '--patient-name', 'A', '--patient-id', '1', '--study-uid', 'abc');
    expect(badUid.code).toBe(2);
  });

  test('missing required options are usage errors', async () => {
    expect((await cli('encapsulate-pdf', at('in.pdf'), '-o', at('w.dcm'))).code).toBe(2);
    expect((await cli('extract-pdf', at('doc.dcm'))).code).toBe(2);
  });

  (hasDciodvfy || process.env.CI ? test : test.skip)('dciodvfy finds no error in what encapsulate-pdf writes', async () => {
    await cli('encapsulate-pdf', at('in.pdf'), '-o', at('check.dcm'), '--patient-name', 'Doe^Jane', '--patient-id', 'P-1', '--title', 'Letter');
    const run = spawnSync('dciodvfy', [at('check.dcm')], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(`${run.stdout}${run.stderr}`.split('\n').filter((l) => /^Error/.test(l))).toEqual([]);
  });
});
