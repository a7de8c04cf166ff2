import { describe, expect, expectTypeOf, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSet, DicomDate, DicomTime, InformationModel, PersonName, parseDicom } from '@dcmkit/core';

const corpus = resolve(fileURLToPath(new URL('../../..', import.meta.url)), '../shared/corpus/files');
const read = (rel: string) => parseDicom(new Uint8Array(readFileSync(join(corpus, rel))), { name: rel });

describe('typed keyword access (types from the dictionary VR/VM)', () => {
  it('returns PersonName, numbers, string[] and structured dates', () => {
    const { dataset: ds } = read('test_files/CT_small.dcm');
    const name = ds.get('PatientName');
    expectTypeOf(name).toEqualTypeOf<PersonName | undefined>();
    expect(name).toBeInstanceOf(PersonName);
    expect(name!.components().familyName).toBe('CompressedSamples');
    expectTypeOf(ds.get('Rows')).toEqualTypeOf<number | undefined>();
    expect(ds.get('Rows')).toBe(128);
    expectTypeOf(ds.get('ImageType')).toEqualTypeOf<string[] | undefined>();
    expect(ds.get('ImageType')).toEqual(['ORIGINAL', 'PRIMARY', 'AXIAL']);
    const date = ds.get('StudyDate');
    expect(date).toBeInstanceOf(DicomDate);
    expect(date!.year).toBe(2004);
    expect(ds.get('StudyTime')).toBeInstanceOf(DicomTime);
    expect(ds.get('RescaleIntercept')).toBe(-1024);
    expect(ds.get('PixelSpacing')).toEqual([0.661468, 0.661468]);
    expect(ds.getText('PixelSpacing')).toBe('0.661468\\0.661468');
  });

  it('reads private and unknown elements by tag number', () => {
    const { dataset: ds } = read('test_files/CT_small.dcm');
    const creator = ds.get(0x00430010);
    expect(creator).toBe('GEMS_PARM_01');
    expect(ds.values(0x00431028).length).toBeGreaterThan(0);
  });

  it('sets values with dictionary VRs and reads them back typed', () => {
    const ds = new DataSet();
    ds.set('PatientName', PersonName.fromComponents({ familyName: 'Doe', givenName: 'Jane' }));
    ds.set('Rows', 512);
    ds.set('ImageType', ['DERIVED', 'SECONDARY']);
    const item = ds.createItem();
    item.set('ReferencedSOPInstanceUID', '1.2.3');
    ds.set('ReferencedImageSequence', [item]);
    expect(String(ds.get('PatientName'))).toBe('Doe^Jane');
    expect(ds.get('Rows')).toBe(512);
    expect(ds.get('ImageType')).toEqual(['DERIVED', 'SECONDARY']);
    expect(ds.get('ReferencedImageSequence')?.[0]?.get('ReferencedSOPInstanceUID')).toBe('1.2.3');
    expect(() => ds.set(0x00091001, 'x')).toThrow(/no VR/);
  });
});

describe('information model', () => {
  it('groups a DICOMDIR tree export into Patient > Study > Series > Instance', () => {
    const model = new InformationModel<string>();
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const files = walk(join(corpus, 'test_files/dicomdirtests')).filter((p) => !/DICOMDIR/.test(p));
    for (const path of files) model.add(parseDicom(new Uint8Array(readFileSync(path))).dataset, path);
    const patients = model.patients();
    expect(model.instanceCount).toBe(files.length);
    expect(patients.length).toBeGreaterThanOrEqual(2);
    const series = patients.flatMap((p) => p.studies.flatMap((s) => s.series));
    expect(series.reduce((n, s) => n + s.instances.length, 0)).toBe(files.length);
    for (const s of series) {
      const numbers = s.instances.map((i) => i.instanceNumber ?? 0);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
  });
});
