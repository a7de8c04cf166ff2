// Reading conformance against the reference corpus: every file DCMTK reads must parse, with the
// element count, Transfer Syntax and the manifest's attribute values pydicom 2.3.1 reported.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DataSet,
  DicomParseError,
  PersonName,
  TransferSyntax,
  TRANSFER_SYNTAX_UID,
  parseDicom,
  type DicomFile,
  type Tag,
} from '@dcmkit/core';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

interface ManifestRecord {
  path: string;
  readableBy: { pydicom: boolean; dcmtk: boolean };
  transferSyntaxUID: string | null;
  encoding: { littleEndian: boolean; implicitVR: boolean; deflated: boolean };
  topLevelElementCount: number;
  tools: { pydicom: { elementsVisited: number } };
  [field: string]: unknown;
}

const manifest: ManifestRecord[] = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const read = (rel: string): DicomFile => parseDicom(new Uint8Array(readFileSync(path.join(corpus, 'files', rel))), { name: rel });

/** The manifest's attribute fields and the top-level elements they come from (corpus README). */
const FIELDS: [string, Tag][] = [
  ['sopClassUID', 0x00080016],
  ['modality', 0x00080060],
  ['rows', 0x00280010],
  ['columns', 0x00280011],
  ['numberOfFrames', 0x00280008],
  ['samplesPerPixel', 0x00280002],
  ['bitsAllocated', 0x00280100],
  ['bitsStored', 0x00280101],
  ['highBit', 0x00280102],
  ['pixelRepresentation', 0x00280103],
  ['photometricInterpretation', 0x00280004],
  ['planarConfiguration', 0x00280006],
  ['rescaleIntercept', 0x00281052],
  ['rescaleSlope', 0x00281053],
  ['windowCenter', 0x00281050],
  ['windowWidth', 0x00281051],
  ['patientName', 0x00100010],
  ['patientID', 0x00100020],
  ['studyInstanceUID', 0x0020000d],
  ['seriesInstanceUID', 0x0020000e],
  ['sopInstanceUID', 0x00080018],
  ['specificCharacterSet', 0x00080005],
];

/**
 * Our value in the form pydicom prints it: null when absent or empty ("" for PN), an array when VM > 1,
 * numbers for DS/IS/US, PN as its '='-joined text, and the raw text when a number does not parse.
 */
function asPydicom(ds: DataSet, tag: Tag): unknown {
  const values = ds.values(tag);
  // pydicom returns an empty PersonName (printed "") for an empty PN, None for other empty values.
  if (values.length === 0) return ds.element(tag)?.vr === 'PN' ? '' : null;
  if (values.some((v) => typeof v === 'number' && Number.isNaN(v))) return ds.getText(tag);
  const plain = values.map((v) => (v instanceof PersonName ? String(v) : v));
  return plain.length === 1 ? plain[0] : plain;
}

const readable = manifest.filter((r) => r.readableBy.dcmtk);

const syntaxOf = (e: ManifestRecord['encoding']) =>
  e.implicitVR ? TransferSyntax.ImplicitVRLittleEndian : e.littleEndian ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ExplicitVRBigEndian;

/** Decodes every value, items included (an explicit stack); returns the number of elements. */
function walk(root: DataSet): number {
  let n = 0;
  for (const stack = [root]; stack.length; ) {
    const ds = stack.pop()!;
    for (const el of ds) {
      n++;
      for (const v of ds.values(el)) if (v instanceof DataSet) stack.push(v);
    }
  }
  return n;
}

describe('corpus files DCMTK reads', () => {
  test('the corpus is there', () => {
    expect(readable.length).toBe(180);
  });

  test.each(readable.map((r) => [r.path, r] as const))('%s', (_, r) => {
    const f = read(r.path);
    const ds = f.dataset;
    expect(ds.size).toBe(r.topLevelElementCount);

    // No (0002,0010): the syntax we detected must be the encoding pydicom read the data set with.
    expect(f.meta.getString(TRANSFER_SYNTAX_UID)).toBe(r.transferSyntaxUID ?? undefined);
    expect(f.transferSyntax).toBe(r.transferSyntaxUID ?? syntaxOf(r.encoding));
    expect({ littleEndian: ds.encoding.littleEndian, implicitVR: !ds.encoding.explicitVR, deflated: f.deflated }).toEqual(r.encoding);

    for (const [field, tag] of FIELDS) {
      expect({ field, value: asPydicom(ds, tag) }).toEqual({ field, value: r[field] });
    }
    // Every value of every element, nested ones included, decodes; as many elements as pydicom's iterall().
    expect(walk(ds)).toBe(r.tools.pydicom.elementsVisited);
  });
});

describe('corpus files DCMTK cannot read', () => {
  const record = (p: string) => manifest.find((r) => r.path === p)!;

  test('the four are the ones named in the corpus README', () => {
    expect(manifest.filter((r) => !r.readableBy.dcmtk).map((r) => r.path)).toEqual([
      'test_files/MR_truncated.dcm',
      'test_files/SC_rgb_jpeg.dcm',
      'test_files/no_meta.dcm',
      'test_files/rtplan_truncated.dcm',
    ]);
  });

  test('SC_rgb_jpeg: meta says explicit VR, data set is implicit: read as implicit with a warning, as pydicom does', () => {
    const r = record('test_files/SC_rgb_jpeg.dcm');
    const f = read(r.path);
    expect(f.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/implicit VR although the Transfer Syntax/));
    expect(f.transferSyntax).toBe(r.transferSyntaxUID);
    expect(f.dataset.encoding.explicitVR).toBe(false);
    expect(f.dataset.size).toBe(r.topLevelElementCount);
    for (const [field, tag] of FIELDS) expect({ field, value: asPydicom(f.dataset, tag) }).toEqual({ field, value: r[field] });
    expect(walk(f.dataset)).toBe(r.tools.pydicom.elementsVisited);
    // The Pixel Data is still found encapsulated.
    expect(f.dataset.element(0x7fe00010)?.encapsulated?.fragments.length).toBeGreaterThan(0);
  });

  const errorOf = (rel: string): DicomParseError => {
    try {
      read(rel);
    } catch (e) {
      expect(e).toBeInstanceOf(DicomParseError);
      return e as DicomParseError;
    }
    throw new Error(`${rel} parsed without error`);
  };

  test('MR_truncated: Pixel Data cut short is an error at its header (pydicom returns it short, DCMTK refuses)', () => {
    const e = errorOf('test_files/MR_truncated.dcm');
    expect(e.tag).toBe(0x7fe00010);
    expect(e.offset).toBe(1488);
    expect(e.source).toBe('test_files/MR_truncated.dcm');
    expect(e.message).toMatch(/8192 bytes .* only 8130 available/);
  });

  test('no_meta: misaligned by one byte, the first "element" claims 173 MB: an error, not a bogus one-element read', () => {
    const e = errorOf('test_files/no_meta.dcm');
    expect(e.tag).toBe(0x08200500);
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/173228800 bytes/);
  });

  test('rtplan_truncated: a sequence longer than the file is an error at the sequence', () => {
    const e = errorOf('test_files/rtplan_truncated.dcm');
    expect(e.tag).toBe(0x300a00b0);
    expect(e.offset).toBe(1410);
    expect(e.message).toMatch(/976 bytes .* only 711 available/);
  });
});
