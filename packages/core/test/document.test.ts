// Encapsulated documents (PS3.3 A.45, C.24): a generated PDF wrapped, written, read back and extracted
// byte for byte; padding removed by Encapsulated Document Length or by format; dciodvfy finds no error.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSet, DicomParseError, SopClass, encapsulatePdf, extractEncapsulatedDocument, parseDicom, writeDicom } from '@dcmkit/core';
import { readDicomFile } from '@dcmkit/core/node';
import { tinyPdf } from './fixtures/tiny-pdf.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasDciodvfy = !spawnSync('dciodvfy', ['--version']).error;

/** A PDF of odd length, so that its DICOM value carries a padding byte. */
const oddPdf = () => {
  for (let text = 'Hello'; ; text += '!') {
    const pdf = tinyPdf(text);
    if (pdf.length % 2 === 1) return pdf;
  }
};

describe('encapsulatePdf and extractEncapsulatedDocument', () => {
  test('round trip: the PDF comes back byte for byte; the value is padded, the length is not', async () => {
    const pdf = oddPdf();
    const ds = encapsulatePdf(pdf, { patientName: 'Doe^Jane', patientID: 'P-7', studyInstanceUID: '1.2.826.0.1.3680043.8.498.10', title: 'Discharge letter' });
    const read = parseDicom(writeDicom({ dataset: ds })).dataset;
    expect(read.getString('SOPClassUID')).toBe(SopClass.EncapsulatedPDFStorage);
    expect(read.getString('Modality')).toBe('DOC');
    expect(read.getString('StudyInstanceUID')).toBe('1.2.826.0.1.3680043.8.498.10');
    expect(read.getString('DocumentTitle')).toBe('Discharge letter');
    expect(read.getString('BurnedInAnnotation')).toBe('YES');
    expect(read.getString('ConversionType')).toBe('WSD');
    expect(read.getNumber('EncapsulatedDocumentLength')).toBe(pdf.length);
    const stored = read.get('EncapsulatedDocument') as Uint8Array;
    expect(stored.length).toBe(pdf.length + 1);
    expect(stored.at(-1)).toBe(0);
    const doc = await extractEncapsulatedDocument(read);
    expect(doc.mimeType).toBe('application/pdf');
    expect(doc.bytes).toEqual(pdf);
  });

  test('without Encapsulated Document Length, the NUL after %%EOF is the padding', async () => {
    const pdf = oddPdf();
    const read = parseDicom(writeDicom({ dataset: encapsulatePdf(pdf, { patientName: 'Doe^Jane', patientID: 'P-7' }) })).dataset;
    read.delete('EncapsulatedDocumentLength');
    expect((await extractEncapsulatedDocument(read)).bytes).toEqual(pdf);
  });

  test('a document read from disk window by window: the deferred value is read from the file', async () => {
    const pdf = tinyPdf('a longer line of text to pass the bulk threshold');
    const file = path.join(dir, 'pdf.dcm');
    writeFileSync(file, writeDicom({ dataset: encapsulatePdf(pdf, { patientName: 'Doe^Jane', patientID: 'P-7' }) }));
    const dicom = await readDicomFile(file, { bulkThreshold: 64 });
    try {
      expect(dicom.dataset.element('EncapsulatedDocument')!.deferred).toBe(true);
      expect((await extractEncapsulatedDocument(dicom.dataset)).bytes).toEqual(pdf);
    } finally {
      await dicom.source.close?.();
    }
  });

  test('bytes that are not a PDF are refused', () => {
    expect(() => encapsulatePdf(new TextEncoder().encode('GIF89a'), { patientName: 'x', patientID: '1' })).toThrow(/not a PDF/);
  });

  test('an instance without an Encapsulated Document is a DicomParseError', async () => {
    const ds = new DataSet();
    ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
    await expect(extractEncapsulatedDocument(ds)).rejects.toThrow(DicomParseError);
  });

  (hasDciodvfy || process.env.CI ? test : test.skip)('dciodvfy finds no error in the Encapsulated PDF', () => {
    const file = path.join(dir, 'check.dcm');
    writeFileSync(file, writeDicom({ dataset: encapsulatePdf(oddPdf(), { patientName: 'Doe^Jane', patientID: 'P-7', title: 'Report' }) }));
    const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toContain('EncapsulatedPDF');
    expect(output.split('\n').filter((l) => /^Error/.test(l))).toEqual([]);
  });
});

/** An Encapsulated Document instance of another kind, as other writers make them. */
function encapsulated(sopClassUID: string, mimeType: string | undefined, value: Uint8Array, length?: number): DataSet {
  const ds = new DataSet();
  ds.set('SOPClassUID', sopClassUID);
  if (mimeType) ds.set('MIMETypeOfEncapsulatedDocument', mimeType);
  ds.set('EncapsulatedDocument', value);
  if (length !== undefined) ds.set('EncapsulatedDocumentLength', length);
  return ds;
}

describe('other encapsulated documents, by MIME type', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  test('CDA (text/XML) without a length: the trailing NUL is padding', async () => {
    const xml = '<ClinicalDocument xmlns="urn:hl7-org:v3"/>\n';
    const doc = await extractEncapsulatedDocument(encapsulated('1.2.840.10008.5.1.4.1.1.104.2', 'text/XML', bytes(`${xml}\0`)));
    expect(doc).toEqual({ mimeType: 'text/XML', bytes: bytes(xml) });
  });

  test('binary STL: the length cuts the padding, and NULs of the model itself are kept', async () => {
    const stl = new Uint8Array(85).fill(7);
    stl[84] = 0;
    const padded = new Uint8Array(86);
    padded.set(stl);
    const doc = await extractEncapsulatedDocument(encapsulated('1.2.840.10008.5.1.4.1.1.104.3', 'model/stl', padded, 85));
    expect(doc.mimeType).toBe('model/stl');
    expect(doc.bytes).toEqual(stl);
    // Without the length, a binary model cannot tell padding from data: it is kept whole.
    expect((await extractEncapsulatedDocument(encapsulated('1.2.840.10008.5.1.4.1.1.104.3', 'model/stl', padded))).bytes).toHaveLength(86);
  });

  test('OBJ and MTL; a missing MIME type is taken from the SOP Class', async () => {
    expect(await extractEncapsulatedDocument(encapsulated('1.2.840.10008.5.1.4.1.1.104.4', 'model/obj', bytes('v 0 0 0\n'), 8))).toEqual({ mimeType: 'model/obj', bytes: bytes('v 0 0 0\n') });
    expect((await extractEncapsulatedDocument(encapsulated('1.2.840.10008.5.1.4.1.1.104.5', undefined, bytes('newmtl a\0')))).mimeType).toBe('model/mtl');
  });
});
