// PS3.15 Annex E action by action: D, Z, X, K, C, U and the combined codes, the Options, private
// attributes, repeating groups, deep sequences, replacement UIDs and identity, the method record,
// burned-in annotation warnings and pixel blanking.
import { describe, expect, it } from 'vitest';
import { DataSet, DeidentifyError, deidentify, parseDicom, uuidDerivedUid, writeDicom, type DicomFile } from '@dcmkit/core';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { resolveCombined } from '../src/deidentify/profile.js';
import { instance, pixelBytes, reparse } from './deidentify-fixtures.js';

const SECRET = 'unit secret';
const base = { studyUid: '1.2.3.4.5.1', seriesUid: '1.2.3.4.5.2', sopUid: '1.2.3.4.5.3' };
const withElements = (set: (ds: DataSet) => void): DicomFile => instance({ ...base, set });
const utf8 = (s: string) => new TextEncoder().encode(s);
/** The replacement of a UID: the UUID-derived UID of HMAC-SHA256(secret, UID), computed here with @noble/hashes. */
const replacementOf = (uid: string) => uuidDerivedUid(hmac(sha256, utf8(SECRET), utf8(uid)));
const run = (file: DicomFile, opts: Partial<Parameters<typeof deidentify>[1]> = {}) => deidentify(file.dataset, { secret: SECRET, ...opts });
/** De-identified, written and read back: what a reader of the output sees. */
const written = (file: DicomFile, opts: Partial<Parameters<typeof deidentify>[1]> = {}) =>
  parseDicom(writeDicom({ dataset: run(file, opts).dataset })).dataset;

describe('Basic Profile actions', () => {
  const file = withElements((ds) => {
    ds.set('AccessionNumber', 'ACC123');
    ds.set('InstitutionName', 'General Hospital');
    ds.set('OtherPatientIDs', 'OTHER-1');
    ds.set('PatientAddress', '1 Main Street');
    ds.set('AcquisitionDate', '20240315');
    ds.set('SeriesDate', '20240315');
    ds.set('PatientSex', 'F');
    ds.set('ContrastBolusAgent', '');
    ds.set('DeviceSerialNumber', 'SN-42');
    ds.set('Manufacturer', 'ACME');
  });
  const out = written(file);

  it('D: a dummy of the VR; Patient ID and Name get the pseudonym', () => {
    expect(out.getString('InstitutionName')).toBe('ANONYMIZED'); // X/Z/D with a value
    expect(out.getString('SeriesDate')).toBe('19000101'); // X/D with a value
    expect(out.getString('DeviceSerialNumber')).toBe('ANONYMIZED');
    expect(out.getString('PatientID')).toMatch(/^ANON-[0-9A-F]{10}$/);
    expect(out.getString('PatientName')).toBe(out.getString('PatientID'));
  });

  it('Z: present and empty', () => {
    expect(out.has('AccessionNumber')).toBe(true);
    expect(out.getString('AccessionNumber')).toBeUndefined();
    expect(out.getString('StudyDate')).toBeUndefined();
    expect(out.getString('PatientSex')).toBeUndefined();
    expect(out.has('PatientBirthDate') && out.getString('PatientBirthDate')).toBeUndefined();
    expect(out.getString('AcquisitionDate')).toBeUndefined(); // X/Z with a value
    expect(out.has('ContrastBolusAgent') && out.values('ContrastBolusAgent').length).toBe(0); // Z/D, empty in the input
  });

  it('X: removed', () => {
    expect(out.has('OtherPatientIDs')).toBe(false);
    expect(out.has('PatientAddress')).toBe(false);
  });

  it('K: attributes Table E.1-1 does not list are kept as they were read', () => {
    expect(out.getString('Manufacturer')).toBe('ACME');
    expect(out.getString('Modality')).toBe('CT');
    expect(run(file).dataset.element('Manufacturer')).toBe(file.dataset.element('Manufacturer'));
  });

  it('U: instance UIDs replaced by UUID-derived UIDs, class UIDs kept', () => {
    for (const keyword of ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'] as const) {
      expect(out.getString(keyword)).toMatch(/^2\.25\.[1-9]\d{0,38}$/);
      expect(out.getString(keyword)).not.toBe(file.dataset.getString(keyword));
    }
    expect(out.getString('SOPClassUID')).toBe('1.2.840.10008.5.1.4.1.1.2');
  });

  it('does not change the input', () => {
    expect(file.dataset.getString('InstitutionName')).toBe('General Hospital');
    expect(file.dataset.getString('SOPInstanceUID')).toBe(base.sopUid);
  });
});

describe('combined codes', () => {
  it('resolve by the documented rules', () => {
    // Not in standard composite IODs: removed (PS3.15 E.1.1 note 13).
    expect(resolveCombined('X/Z/D', false, false, false)).toBe('X');
    // Empty in the input: not Type 1 there.
    expect(resolveCombined('Z/D', true, true, false)).toBe('Z');
    expect(resolveCombined('X/D', true, true, false)).toBe('X');
    // With a value: what every IOD allows.
    expect(resolveCombined('X/Z', true, false, false)).toBe('Z');
    expect(resolveCombined('X/D', true, false, false)).toBe('D');
    expect(resolveCombined('X/Z/D', true, false, false)).toBe('D');
    // Sequences: empty where allowed, UIDs replaced for X/Z/U*, else removed.
    expect(resolveCombined('X/Z/D', true, false, true)).toBe('Z');
    expect(resolveCombined('X/D', true, false, true)).toBe('X');
    expect(resolveCombined('X/Z/U*', true, false, true)).toBe('U');
    expect(resolveCombined('X/Z/U*', true, true, true)).toBe('Z');
    expect(resolveCombined('D', true, false, false)).toBe('D');
  });

  it('X/Z/U*: Referenced Image Sequence keeps its items with their UIDs replaced', () => {
    const file = instance({ ...base, references: ['1.2.3.4.5.9'] });
    const out = written(file);
    const [item] = out.items('ReferencedImageSequence');
    expect(item!.getString('ReferencedSOPClassUID')).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(item!.getString('ReferencedSOPInstanceUID')).toBe(replacementOf('1.2.3.4.5.9'));
  });

  it('X/Z/D on a sequence: Institution Code Sequence emptied', () => {
    const out = written(
      withElements((ds) => {
        const code = ds.createItem();
        code.set('CodeValue', 'GH');
        code.set('CodingSchemeDesignator', 'LOCAL');
        code.set('CodeMeaning', 'General Hospital');
        ds.set('InstitutionCodeSequence', [code]);
      }),
    );
    expect(out.has('InstitutionCodeSequence')).toBe(true);
    expect(out.items('InstitutionCodeSequence')).toHaveLength(0);
  });
});

describe('replacement UIDs (PS3.5 B.2)', () => {
  it('are "2.25." and a 128-bit decimal: at most 44 characters, no leading zero, RFC 9562 version 8', () => {
    expect(uuidDerivedUid(new Uint8Array(32))).toBe(`2.25.${(0x80n << 72n) | (0x80n << 56n)}`);
    const max = uuidDerivedUid(new Uint8Array(32).fill(0xff));
    expect(max.length).toBeLessThanOrEqual(44);
    expect(max).toMatch(/^2\.25\.[1-9]\d*$/);
    const hex = BigInt(max.slice(5)).toString(16).padStart(32, '0');
    expect(hex[12]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(hex[16]);
  });

  it('are the same for the same secret and differ across secrets', () => {
    const file = withElements(() => undefined);
    const a = run(file).dataset.getString('StudyInstanceUID');
    expect(run(file).dataset.getString('StudyInstanceUID')).toBe(a);
    expect(deidentify(file.dataset, { secret: 'other' }).dataset.getString('StudyInstanceUID')).not.toBe(a);
    expect(deidentify(file.dataset, { secret: utf8(SECRET) }).dataset.getString('StudyInstanceUID')).toBe(a);
  });

  it('replace unlisted UIDs in nested items, keep well-known and coding scheme UIDs', () => {
    const file = withElements((ds) => {
      const ref = ds.createItem();
      ref.set('ReferencedSOPClassUID', '1.2.840.10008.5.1.4.1.1.4');
      ref.set('ReferencedSOPInstanceUID', '1.2.3.4.5.77');
      const series = ds.createItem();
      series.set('SeriesInstanceUID', '1.2.3.4.5.78');
      series.set('ReferencedInstanceSequence', [ref]);
      ds.set('ReferencedSeriesSequence', [series]);
      const code = ds.createItem();
      code.set('CodeValue', 'X1');
      code.set('CodingSchemeDesignator', '99LOCAL');
      code.set('CodingSchemeUID', '1.2.3.4.5.80');
      ds.set('AnatomicRegionSequence', [code]);
      ds.set('TransferSyntaxUID', '1.2.840.10008.1.2.1');
    });
    const out = written(file);
    const [series] = out.items('ReferencedSeriesSequence');
    expect(series!.getString('SeriesInstanceUID')).toBe(replacementOf('1.2.3.4.5.78'));
    const [ref] = series!.items('ReferencedInstanceSequence');
    expect(ref!.getString('ReferencedSOPInstanceUID')).toBe(replacementOf('1.2.3.4.5.77'));
    expect(ref!.getString('ReferencedSOPClassUID')).toBe('1.2.840.10008.5.1.4.1.1.4');
    expect(out.items('AnatomicRegionSequence')[0]!.getString('CodingSchemeUID')).toBe('1.2.3.4.5.80');
  });
});

describe('sequences, repeating groups and private attributes', () => {
  it('follows sequences nested thousands deep without recursion', () => {
    const root = new DataSet();
    root.set('SOPInstanceUID', '1.2.3.9');
    let ds = root;
    for (let depth = 0; depth < 5000; depth++) {
      const item = ds.createItem();
      ds.set('ContentSequence', [item]);
      ds = item;
    }
    ds.set('PersonName', 'Smith^John');
    ds.set('UID', '1.2.3.9.1');
    let out = deidentify(root, { secret: SECRET }).dataset;
    for (let depth = 0; depth < 5000; depth++) out = out.items('ContentSequence')[0]!;
    expect(out.getString('PersonName')).toBe('ANONYMOUS');
    expect(out.getString('UID')).toMatch(/^2\.25\./);
  });

  it('removes overlay data and comments (60xx) and curves (50xx) of every even group, keeps other overlay attributes', () => {
    const out = written(
      withElements((ds) => {
        ds.set(0x60000010, 4, 'US');
        ds.set(0x60003000, new Uint8Array(2), 'OW');
        ds.set(0x60024000, 'made at General Hospital', 'LT');
        ds.set(0x50000010, 1, 'US');
      }),
    );
    expect(out.has(0x60003000)).toBe(false);
    expect(out.has(0x60024000)).toBe(false);
    expect(out.has(0x50000010)).toBe(false);
    expect(out.getNumber(0x60000010)).toBe(4);
  });

  const privates = withElements((ds) => {
    ds.set(0x00190010, 'SIEMENS MR HEADER', 'LO');
    ds.set(0x0019100c, '1000', 'IS'); // B Value: on the sample safe list
    ds.set(0x00191008, 'Doe^Jane', 'LO'); // not on it
    ds.set(0x00290010, 'SIEMENS CSA HEADER', 'LO');
    ds.set(0x00291008, 'IMAGE NUM 4', 'CS');
    ds.set(0x00091001, 'orphan', 'LO'); // no creator
    ds.set(0x00310010, 'MY CREATOR', 'LO');
    ds.set(0x00311042, '7', 'IS');
  });

  it('removes private attributes', () => {
    const out = written(privates);
    expect([...out.tags()].filter((t) => (t >>> 16) % 2 === 1)).toEqual([]);
  });

  it('Retain Safe Private keeps listed ones with their creators, the caller’s too', () => {
    const out = written(privates, { retainSafePrivate: true, safePrivate: [{ creator: 'MY CREATOR', group: 0x0031, element: 0x42 }] });
    expect([...out.tags()].filter((t) => (t >>> 16) % 2 === 1)).toEqual([0x00190010, 0x0019100c, 0x00310010, 0x00311042]);
    expect(out.getNumber(0x0019100c)).toBe(1000);
    expect(run(privates, { retainSafePrivate: true }).methodCodes).toContain('113111');
  });
});

describe('Options', () => {
  const file = withElements((ds) => {
    ds.set('InstitutionName', 'General Hospital');
    ds.set('DeviceSerialNumber', 'SN-42');
    ds.set('PatientSex', 'F');
    ds.set('PatientAge', '054Y');
    ds.set('PatientWeight', '61.5');
    ds.set('AcquisitionDateTime', '20240315101500.25+0100');
    ds.set('ContentTime', '101530');
  });

  it('Retain UIDs keeps every UID', () => {
    const out = written(file, { retainUIDs: true });
    expect(out.getString('StudyInstanceUID')).toBe(base.studyUid);
    expect(out.getString('SOPInstanceUID')).toBe(base.sopUid);
  });

  it('Retain Device Identity, Institution Identity and Patient Characteristics keep theirs', () => {
    expect(written(file, { retainDeviceIdentity: true }).getString('DeviceSerialNumber')).toBe('SN-42');
    expect(written(file, { retainInstitutionIdentity: true }).getString('InstitutionName')).toBe('General Hospital');
    const chars = written(file, { retainPatientCharacteristics: true });
    expect([chars.getString('PatientSex'), chars.getString('PatientAge'), chars.getNumber('PatientWeight')]).toEqual(['F', '054Y', 61.5]);
    expect(written(file).has('PatientWeight')).toBe(false);
  });

  it('Full Dates keep dates and times: UNMODIFIED', () => {
    const out = written(file, { retainLongitudinalFullDates: true });
    expect(out.getString('StudyDate')).toBe('20240315');
    expect(out.getString('AcquisitionDateTime')).toBe('20240315101500.25+0100');
    expect(out.getString('LongitudinalTemporalInformationModified')).toBe('UNMODIFIED');
  });

  it('Modified Dates move dates by whole days and keep times: MODIFIED', () => {
    const r = run(file, { dateShiftDays: -400 });
    const out = parseDicom(writeDicom({ dataset: r.dataset })).dataset;
    expect(r.dateShiftDays).toBe(-400);
    expect(out.getString('StudyDate')).toBe('20230209');
    expect(out.getString('AcquisitionDateTime')).toBe('20230209101500.25+0100');
    expect(out.getString('StudyTime')).toBe('101500');
    expect(out.getString('ContentTime')).toBe('101530');
    expect(out.getString('LongitudinalTemporalInformationModified')).toBe('MODIFIED');
    expect(r.methodCodes).toContain('113107');
  });

  it('Modified Dates without a fixed shift move each patient by days derived from the secret', () => {
    const a = run(file, { retainLongitudinalModifiedDates: true }).dateShiftDays!;
    expect(a).toBeLessThanOrEqual(-365);
    expect(a).toBeGreaterThanOrEqual(-3652);
    expect(run(file, { retainLongitudinalModifiedDates: true }).dateShiftDays).toBe(a);
    const other = instance({ ...base, patientId: 'PID-0002' });
    const shifts = new Set([a, ...['s1', 's2', 's3'].map((secret) => deidentify(other.dataset, { secret, retainLongitudinalModifiedDates: true }).dateShiftDays)]);
    expect(shifts.size).toBeGreaterThan(1);
  });

  it('Full and Modified Dates exclude each other', () => {
    expect(() => run(file, { retainLongitudinalFullDates: true, retainLongitudinalModifiedDates: true })).toThrow(DeidentifyError);
  });

  it('Clean Descriptors erases what the profile removes from free text, as whole words', () => {
    const described = instance({
      ...base,
      patientName: 'Doe^Jane',
      set: (ds) => {
        ds.set('SeriesDescription', 'chest Doe Jane General Hospital follow-up, Doeville');
        ds.set('InstitutionName', 'General Hospital');
      },
    });
    const out = written(described, { cleanDescriptors: true });
    expect(out.getString('SeriesDescription')).toBe('chest follow-up, Doeville');
    expect(out.getString('StudyDescription')).toBe('CT chest');
    expect(written(described).has('SeriesDescription')).toBe(false);
  });

  it('records the profile and each Option applied, in code order', () => {
    const r = run(file, { cleanDescriptors: true, retainUIDs: true, retainDeviceIdentity: true });
    expect(r.methodCodes).toEqual(['113100', '113105', '113109', '113110']);
    const out = parseDicom(writeDicom({ dataset: r.dataset })).dataset;
    expect(out.getString('PatientIdentityRemoved')).toBe('YES');
    expect(out.items('DeidentificationMethodCodeSequence').map((i) => [i.getString('CodeValue'), i.getString('CodingSchemeDesignator')])).toEqual(
      r.methodCodes.map((c) => [c, 'DCM']),
    );
    expect(out.getStrings('DeidentificationMethod')).toContain('Retain UIDs Option');
  });
});

describe('replacement identity', () => {
  it('is the given name and ID, set even where the input had none', () => {
    const file = withElements((ds) => ds.delete('PatientID'));
    const r = run(file, { patientName: 'Case^001', patientId: 'CASE-001' });
    expect(r.dataset.getString('PatientName')).toBe('Case^001');
    expect(r.dataset.getString('PatientID')).toBe('CASE-001');
    expect(r.patient).toMatchObject({ originalName: 'Doe^Jane', originalId: '', name: 'Case^001', id: 'CASE-001' });
  });

  it('is derived per patient: the same for one patient, different for another', () => {
    const a = run(instance({ ...base, patientId: 'P1' })).patient.id;
    expect(run(instance({ ...base, sopUid: '1.2.3.4.5.4', patientId: 'P1' })).patient.id).toBe(a);
    expect(run(instance({ ...base, patientId: 'P2' })).patient.id).not.toBe(a);
  });
});

describe('burned-in annotation', () => {
  const warned = (set: (ds: DataSet) => void) =>
    run(instance({ ...base, pixels: { rows: 2, columns: 2 }, set })).warnings.some((w) => /Burned In Annotation/.test(w.message));

  it('warns for YES, and for absent on ultrasound or secondary capture', () => {
    expect(warned((ds) => ds.set('BurnedInAnnotation', 'YES'))).toBe(true);
    expect(warned((ds) => ds.set('Modality', 'US'))).toBe(true);
    expect(warned((ds) => ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7'))).toBe(true);
    expect(warned((ds) => ds.set('Modality', 'CT'))).toBe(false);
    expect(warned((ds) => (ds.set('Modality', 'US'), ds.set('BurnedInAnnotation', 'NO')))).toBe(false);
  });
});

describe('Clean Pixel Data: blanking rectangles', () => {
  it('zeroes the region in every frame of 8-bit data, clipped to the image, and records 113101', () => {
    const file = instance({ ...base, pixels: { rows: 4, columns: 5, frames: 2 } });
    const r = run(file, { blank: [{ x: 3, y: 2, w: 10, h: 10 }] });
    const after = pixelBytes(reparse(r.dataset).dataset);
    const before = pixelBytes(file.dataset);
    for (let i = 0; i < before.length; i++) {
      const x = i % 5;
      const y = Math.floor(i / 5) % 4;
      expect(after[i]).toBe(x >= 3 && y >= 2 ? 0 : before[i]);
    }
    expect(r.methodCodes).toContain('113101');
    expect(pixelBytes(file.dataset)).toEqual(before);
  });

  it('zeroes every sample of 16-bit and color data, by pixel and by plane', () => {
    const region = [{ x: 0, y: 0, w: 1, h: 1 }];
    const w16 = pixelBytes(run(instance({ ...base, pixels: { rows: 2, columns: 2, bits: 16 } }), { blank: region }).dataset);
    expect([...w16.subarray(0, 4)]).toEqual([0, 0, 3, 4]);
    const byPixel = pixelBytes(run(instance({ ...base, pixels: { rows: 2, columns: 2, samples: 3, planar: 0 } }), { blank: region }).dataset);
    expect([...byPixel.subarray(0, 4)]).toEqual([0, 0, 0, 4]);
    const byPlane = pixelBytes(run(instance({ ...base, pixels: { rows: 2, columns: 2, samples: 3, planar: 1 } }), { blank: region }).dataset);
    expect([byPlane[0], byPlane[1], byPlane[4], byPlane[5], byPlane[8]]).toEqual([0, 2, 0, 6, 0]);
  });

  it('refuses encapsulated Pixel Data with a typed error', () => {
    const file = instance({ ...base, pixels: { rows: 2, columns: 2 } });
    const ds = file.dataset;
    const compressed = parseDicom(
      writeDicom({ dataset: withEncapsulated(ds) }, { transferSyntax: '1.2.840.10008.1.2.5' }),
    ).dataset;
    expect(() => deidentify(compressed, { secret: SECRET, blank: [{ x: 0, y: 0, w: 1, h: 1 }] })).toThrow(
      expect.objectContaining({ name: 'DeidentifyError', code: 'encapsulated-pixel-data' }),
    );
  });

  it('rejects rectangles that are not whole pixels', () => {
    expect(() => run(withElements(() => undefined), { blank: [{ x: 0, y: 0, w: 0, h: 1 }] })).toThrow(DeidentifyError);
  });
});

/** The data set with its Pixel Data as one encapsulated fragment (the bytes need not be valid RLE here). */
function withEncapsulated(ds: DataSet): DataSet {
  const copy = new DataSet();
  for (const el of ds) if (el.tag !== 0x7fe00010) copy.add(el);
  const pixel = copy.set('PixelData', [new Uint8Array(64)], 'OB');
  pixel.encapsulated = { basicOffsetTable: [], fragments: [] };
  return copy;
}
