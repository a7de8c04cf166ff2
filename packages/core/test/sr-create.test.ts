// Creating SR documents: a Basic Text SR and a Key Object Selection Document, checked by dciodvfy
// (no "Error" lines), read by dsrdump (exit 0) and read back by readStructuredReport.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  SopClass,
  StructuredReportError,
  code,
  createBasicTextSR,
  createKeyObjectSelection,
  parseDicom,
  readStructuredReport,
  writeDicom,
  type DataSet,
} from '@dcmkit/core';

const tools = ['dciodvfy', 'dsrdump'].every((t) => !spawnSync(t, ['--version']).error);
const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-sr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CT = '1.2.840.10008.5.1.4.1.1.2';
const studyUID = '1.2.826.0.1.3680043.8.498.1';
const seriesUID = '1.2.826.0.1.3680043.8.498.2';
const imageUID = '1.2.826.0.1.3680043.8.498.3';

/** Writes the document as a Part 10 file and parses it back. */
function roundTrip(name: string, ds: DataSet): { file: string; read: DataSet } {
  const file = path.join(dir, name);
  const bytes = writeDicom({ dataset: ds });
  writeFileSync(file, bytes);
  return { file, read: parseDicom(bytes).dataset };
}

/** dciodvfy's findings that are errors (warnings about optional attributes are not). */
function dciodvfyErrors(file: string): string[] {
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  expect(run.error).toBeUndefined();
  return `${run.stdout}${run.stderr}`.split('\n').filter((l) => /^Error/.test(l));
}

function dsrdump(file: string): string {
  const run = spawnSync('dsrdump', [file], { encoding: 'utf8' });
  expect(run.error).toBeUndefined();
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

const report = () =>
  createBasicTextSR({
    patient: { name: 'Müller^Jürgen', id: 'P-001', birthDate: '19700101', sex: 'M' },
    study: { instanceUID: studyUID, description: 'CT Chest', accessionNumber: 'A1' },
    title: code('11528-7', 'LN', 'Radiology Report'),
    content: [
      { relationship: 'HAS OBS CONTEXT', valueType: 'PNAME', conceptName: code('121008', 'DCM', 'Person Observer Name'), personName: 'Smith^John' },
      {
        relationship: 'CONTAINS',
        valueType: 'CONTAINER',
        conceptName: code('121070', 'DCM', 'Findings'),
        continuity: 'SEPARATE',
        children: [
          { relationship: 'CONTAINS', valueType: 'TEXT', conceptName: code('121071', 'DCM', 'Finding'), text: 'Keine Auffälligkeiten.' },
          { relationship: 'CONTAINS', valueType: 'IMAGE', conceptName: code('121080', 'DCM', 'Best illustration of finding'), reference: { sopClassUID: CT, sopInstanceUID: imageUID } },
        ],
      },
    ],
    evidence: [{ studyInstanceUID: studyUID, seriesInstanceUID: seriesUID, sopClassUID: CT, sopInstanceUID: imageUID }],
    verification: { observerName: 'Smith^John', organization: 'General Hospital', dateTime: '20240102103000' },
  });

describe('createBasicTextSR', () => {
  test('modules, flags, evidence and UTF-8 for non-ASCII text', () => {
    const { read } = roundTrip('basic.dcm', report());
    expect(read.getString('SOPClassUID')).toBe(SopClass.BasicTextSRStorage);
    expect(read.getString('Modality')).toBe('SR');
    expect(read.getString('SpecificCharacterSet')).toBe('ISO_IR 192');
    expect(read.getString('PatientName')).toBe('Müller^Jürgen');
    const r = readStructuredReport(read);
    expect(r).toMatchObject({ documentType: 'Basic Text SR', completionFlag: 'COMPLETE', verificationFlag: 'VERIFIED' });
    expect(r.verifyingObservers).toEqual([{ name: 'Smith^John', organization: 'General Hospital', dateTime: '20240102103000' }]);
    expect(r.evidence).toEqual([{ studyInstanceUID: studyUID, seriesInstanceUID: seriesUID, sopClassUID: CT, sopInstanceUID: imageUID }]);
    expect(r.root.children![1]!).toMatchObject({ path: '1.2', children: [{ text: 'Keine Auffälligkeiten.' }, { reference: { sopInstanceUID: imageUID } }] });
  });

  test('ASCII-only documents declare no Specific Character Set', () => {
    const ds = createBasicTextSR({ patient: { name: 'Doe^John', id: '1' }, title: code('11528-7', 'LN', 'Radiology Report'), content: [] });
    expect(ds.has('SpecificCharacterSet')).toBe(false);
    expect(ds.getString('VerificationFlag')).toBe('UNVERIFIED');
  });

  test('what a Basic Text SR cannot hold is refused, naming the item', () => {
    const base = { patient: { name: 'Doe^John', id: '1' }, title: code('11528-7', 'LN', 'Radiology Report') };
    const num = { relationship: 'CONTAINS' as const, valueType: 'NUM' as const, conceptName: code('1', 'DCM', 'n'), measurement: { value: '1', units: code('mm', 'UCUM', 'mm') } };
    expect(() => createBasicTextSR({ ...base, content: [num] })).toThrow(StructuredReportError);
    expect(() => createBasicTextSR({ ...base, content: [num] })).toThrow(/content item 1\.1: Value Type .*NUM/);
    const image = { relationship: 'CONTAINS' as const, valueType: 'IMAGE' as const, reference: { sopClassUID: CT, sopInstanceUID: imageUID } };
    expect(() => createBasicTextSR({ ...base, content: [image] })).toThrow(/content item 1\.1: Current Requested Procedure Evidence Sequence/);
    const noText = { relationship: 'CONTAINS', valueType: 'TEXT', conceptName: code('1', 'DCM', 't') } as never;
    expect(() => createBasicTextSR({ ...base, content: [noText] })).toThrow(/content item 1\.1: Text Value \(0040,A160\) empty/);
  });

  (tools || process.env.CI ? test : test.skip)('dciodvfy finds no error; dsrdump reads it', () => {
    const { file } = roundTrip('basic-check.dcm', report());
    expect(dciodvfyErrors(file)).toEqual([]);
    const text = dsrdump(file);
    expect(text).toContain('Basic Text SR Document');
    expect(text).toContain('<contains IMAGE:');
  });
});

describe('createKeyObjectSelection', () => {
  const kos = () =>
    createKeyObjectSelection({
      patient: { name: 'Doe^Jane', id: 'P-002' },
      description: 'for the tumour board',
      references: [
        { sopClassUID: CT, sopInstanceUID: imageUID, studyUID, seriesUID },
        { sopClassUID: CT, sopInstanceUID: `${imageUID}.1`, studyUID, seriesUID },
        { sopClassUID: SopClass.BasicTextSRStorage, sopInstanceUID: `${imageUID}.2`, studyUID, seriesUID: `${seriesUID}.9` },
      ],
    });

  test('title, description, one item per reference, evidence by study and series, in the referenced study', () => {
    const { read } = roundTrip('kos.dcm', kos());
    expect(read.getString('SOPClassUID')).toBe(SopClass.KeyObjectSelectionDocumentStorage);
    expect(read.getString('Modality')).toBe('KO');
    expect(read.getString('StudyInstanceUID')).toBe(studyUID);
    const r = readStructuredReport(read);
    expect(r.root.conceptName).toEqual(code('113000', 'DCM', 'Of Interest'));
    expect(r.root.template).toEqual({ mappingResource: 'DCMR', identifier: '2010' });
    expect(r.root.children!.map((c) => c.valueType)).toEqual(['TEXT', 'IMAGE', 'IMAGE', 'COMPOSITE']);
    const evidence = read.items('CurrentRequestedProcedureEvidenceSequence');
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.items('ReferencedSeriesSequence').map((s) => s.items('ReferencedSOPSequence').length)).toEqual([2, 1]);
    expect(r.completionFlag).toBeUndefined();
  });

  test('no references is an error', () => {
    expect(() => createKeyObjectSelection({ patient: { name: 'x', id: '1' }, references: [] })).toThrow(StructuredReportError);
  });

  (tools || process.env.CI ? test : test.skip)('dciodvfy finds no error; dsrdump reads it', () => {
    const { file } = roundTrip('kos-check.dcm', kos());
    expect(dciodvfyErrors(file)).toEqual([]);
    const text = dsrdump(file);
    expect(text).toContain('Key Object Selection Document');
    expect(text).toContain('<CONTAINER:(,,"Of Interest")=SEPARATE>');
  });
});
