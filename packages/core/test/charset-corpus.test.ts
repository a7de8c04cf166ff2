// The character-set files of the public corpus (pydicom's charset_files, David Clunie's samples):
// each text element decoded here must equal what pydicom 2.3.1 (manifest.json, json-pydicom/) and,
// where it could convert the file, DCMTK 3.6.7 (json/) read.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecificCharacterSet } from '../src/charset/index.js';

const CORPUS = '/work/shared/corpus';
const DIR = join(CORPUS, 'files/charset_files');

interface RawElement {
  tag: string; // 'GGGGEEEE', upper-case hex as in the DICOM JSON model
  vr: string;
  bytes: Uint8Array;
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);
const LONG_HEADER = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * Test-only reader: the elements of an Explicit VR Little Endian Part 10 file, sequences flattened
 * in file order (item and delimiter headers skipped, SQ headers stepped into).
 */
function flatElements(file: Uint8Array): RawElement[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const elements: RawElement[] = [];
  for (let at = 132; at + 8 <= file.length; ) {
    const group = dv.getUint16(at, true);
    const tag = (group.toString(16).padStart(4, '0') + dv.getUint16(at + 2, true).toString(16).padStart(4, '0')).toUpperCase();
    if (group === 0xfffe) {
      at += 8;
      continue;
    }
    const vr = ascii(file.subarray(at + 4, at + 6));
    const long = LONG_HEADER.has(vr);
    const length = long ? dv.getUint32(at + 8, true) : dv.getUint16(at + 6, true);
    const start = at + (long ? 12 : 8);
    if (vr === 'SQ') {
      at = start;
      continue;
    }
    elements.push({ tag, vr, bytes: file.subarray(start, start + length) });
    at = start + length;
  }
  return elements;
}

/** Each text element with the (0008,0005) values last seen before it (data set or item level). */
function textElements(file: Uint8Array): { element: RawElement; charset: string[] }[] {
  let charset: string[] = [];
  const out: { element: RawElement; charset: string[] }[] = [];
  for (const element of flatElements(file)) {
    if (element.tag === '00080005') charset = ascii(element.bytes).split('\\');
    else if (['SH', 'LO', 'ST', 'LT', 'UC', 'UT', 'PN'].includes(element.vr)) out.push({ element, charset });
  }
  return out;
}

/** What the caller does after decode(): split values (not ST/LT/UT) and strip trailing padding. */
function values(text: string, vr: string): string[] {
  const parts = ['ST', 'LT', 'UT'].includes(vr) ? [text] : text.split('\\');
  // pydicom and DCMTK drop empty trailing PN component groups ('Wang^XiaoDong=王^小東=').
  return parts.map((p) => p.replace(/[ \0]+$/, '')).map((p) => (vr === 'PN' ? p.replace(/=+$/, '') : p));
}

type JsonValue = string | { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
interface JsonElement {
  vr: string;
  Value?: (JsonValue | Record<string, JsonElement>)[];
}

/** Every Value list of `tag` anywhere in a DICOM JSON model data set, as strings (PN groups joined by '='). */
function jsonValues(dataset: Record<string, JsonElement>, tag: string): string[][] {
  const found: string[][] = [];
  for (const [key, element] of Object.entries(dataset)) {
    if (element.vr === 'SQ') {
      for (const item of element.Value ?? []) found.push(...jsonValues(item as Record<string, JsonElement>, tag));
    } else if (key === tag && element.Value) {
      found.push(
        (element.Value as JsonValue[]).map((v) =>
          typeof v === 'string' ? v.trimEnd() : [v.Alphabetic ?? '', v.Ideographic ?? '', v.Phonetic ?? ''].join('=').replace(/=+$/, ''),
        ),
      );
    }
  }
  return found;
}

interface ManifestRecord {
  path: string;
  patientName: string | null;
  json: string | null;
  jsonPydicom: string | null;
  referenceNotes?: string;
}

describe.skipIf(!existsSync(DIR))('character-set corpus files', () => {
  const manifest = existsSync(DIR) ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as ManifestRecord[]) : [];
  const records = manifest.filter((r) => r.path.startsWith('charset_files/'));
  const readJson = (path: string) => JSON.parse(readFileSync(join(CORPUS, path), 'utf8')) as Record<string, JsonElement>;

  it('covers every file of the directory', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.dcm'));
    expect(records.map((r) => r.path.replace('charset_files/', '')).sort()).toEqual(files.sort());
    expect(files.length).toBeGreaterThanOrEqual(17);
  });

  it.each(records.map((r) => [r.path, r] as const))("%s: Patient's Name as pydicom reads it", (path, record) => {
    const text = textElements(new Uint8Array(readFileSync(join(CORPUS, 'files', path))));
    const names = text.filter((t) => t.element.tag === '00100010');
    expect(names).toHaveLength(1);
    const { element, charset } = names[0]!;
    const cs = SpecificCharacterSet.from(charset);
    expect(cs.warnings).toEqual([]);
    const decoded = values(cs.decode(element.bytes, 'PN'), 'PN').join('\\');
    // Top-level names are in the manifest; a name inside a sequence item only in json-pydicom/.
    const expected = record.patientName ?? jsonValues(readJson(record.jsonPydicom!), '00100010')[0]!.join('\\');
    expect(decoded).toBe(expected);
  });

  it.each(records.map((r) => [r.path, r] as const))('%s: every non-ASCII text element as pydicom and DCMTK read it', (path, record) => {
    const text = textElements(new Uint8Array(readFileSync(join(CORPUS, 'files', path))));
    const nonAscii = text.filter(({ element }) => element.bytes.some((b) => b >= 0x80 || b === 0x1b));
    expect(nonAscii.length).toBeGreaterThan(0);
    for (const { element, charset } of nonAscii) {
      const decoded = values(SpecificCharacterSet.from(charset).decode(element.bytes, element.vr), element.vr);
      expect(jsonValues(readJson(record.jsonPydicom!), element.tag)).toContainEqual(decoded);
      // DCMTK decodes items with the data set's character set (referenceNotes): only the other files.
      if (record.json && !record.referenceNotes) expect(jsonValues(readJson(record.json), element.tag)).toContainEqual(decoded);
    }
  });
});
