// 100,000 nested sequences: the parser, the DICOM JSON and XML readers and DataSet walks must not use the call stack per level.
import { expect, test } from 'vitest';
import { DataSet, DicomParseError, MAX_INDENT_LEVELS, MemorySource, PersonName, TransferSyntax, dumpLines, formatDicomJson, fromDicomJson, fromDicomXml, parseDicom, readDicom, stringifyJson, toDicomJson, toDicomXml } from '@dcmkit/core';
import { ELE, ILE, ITEM, ITEM_END, SEQ_END, UNDEFINED, concat, element, header, marker, str, type Enc } from './fixtures/builder.js';

const DEPTH = 100_000;
const SEQUENCE = 0x00081140;

/** DEPTH levels of (sequence, item), both undefined length, with a Patient's Name at the bottom. */
function nested(enc: Enc): Uint8Array {
  const open = concat(header(SEQUENCE, 'SQ', UNDEFINED, enc), marker(ITEM, UNDEFINED));
  const close = concat(marker(ITEM_END, 0), marker(SEQ_END, 0));
  const leaf = element(0x00100010, 'PN', str('Deep^Down'), enc);
  const out = new Uint8Array(DEPTH * (open.length + close.length) + leaf.length);
  for (let i = 0; i < DEPTH; i++) out.set(open, i * open.length);
  out.set(leaf, DEPTH * open.length);
  for (let i = 0; i < DEPTH; i++) out.set(close, DEPTH * open.length + leaf.length + i * close.length);
  return out;
}

/** Descends the first item of each level, iteratively; returns the deepest data set and the depth. */
function bottom(ds: DataSet): [DataSet, number] {
  let depth = 0;
  for (let d = ds; ; depth++) {
    const items = d.values(SEQUENCE);
    if (items.length === 0) return [d, depth];
    d = items[0] as DataSet;
  }
}

test.each([
  ['explicit VR', ELE, TransferSyntax.ExplicitVRLittleEndian],
  ['implicit VR', ILE, TransferSyntax.ImplicitVRLittleEndian],
] as const)('%s: parses without stack overflow, values decode at the bottom', (_, enc, ts) => {
  const f = parseDicom(nested(enc), { transferSyntax: ts });
  expect(f.warnings).toEqual([]);
  const [deepest, depth] = bottom(f.dataset);
  expect(depth).toBe(DEPTH);
  // Decoding a PN looks up the Specific Character Set through every enclosing data set.
  expect(deepest.get('PatientName')).toEqual(new PersonName('Deep^Down'));
  expect(deepest.characterSet.isDefault).toBe(true);
});

test('the same through a windowed source', async () => {
  const f = await readDicom(new MemorySource(nested(ELE)), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian, windowSize: 4096 });
  const [deepest, depth] = bottom(f.dataset);
  expect(depth).toBe(DEPTH);
  expect(String(deepest.get('PatientName'))).toBe('Deep^Down');
});

test('a Specific Character Set at the top applies at the bottom', () => {
  const bytes = concat(element(0x00080005, 'CS', str('ISO_IR 192')), nested(ELE));
  const ds = parseDicom(bytes, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }).dataset;
  const [deepest] = bottom(ds);
  expect(deepest.characterSet).toBe(ds.characterSet);
});

test('missing delimiters at the end of data: closed leniently with one warning', () => {
  const bytes = nested(ELE);
  const open = DEPTH * 20 + element(0x00100010, 'PN', str('Deep^Down')).length;
  const f = parseDicom(bytes.subarray(0, open), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
  expect(f.warnings.map((w) => w.message)).toEqual(['end of data inside an undefined-length sequence or item: delimiters assumed']);
  expect(bottom(f.dataset)[1]).toBe(DEPTH);
});

/** The same nesting as DICOM JSON text (JSON.parse reads it iteratively): DEPTH levels of (sequence, item). */
function nestedJsonText(depth: number): string {
  const open = `{"${SEQUENCE.toString(16).padStart(8, '0')}":{"vr":"SQ","Value":[`;
  return `${open.repeat(depth)}{"00100010":{"vr":"PN","Value":[{"Alphabetic":"Deep^Down"}]}}${']}}'.repeat(depth)}`;
}

/** The same nesting in the Native DICOM Model, without indentation. */
function nestedXml(depth: number): string {
  const open = `<DicomAttribute tag="${SEQUENCE.toString(16).padStart(8, '0')}" vr="SQ"><Item number="1">`;
  const leaf = '<DicomAttribute tag="00100010" vr="PN"><PersonName number="1"><Alphabetic><FamilyName>Deep</FamilyName><GivenName>Down</GivenName></Alphabetic></PersonName></DicomAttribute>';
  return `<?xml version="1.0" encoding="UTF-8"?><NativeDicomModel>${open.repeat(depth)}${leaf}${'</Item></DicomAttribute>'.repeat(depth)}</NativeDicomModel>`;
}

/** Whether two JSON values are equal, compared from an explicit stack (toEqual and JSON.stringify recurse per level). */
function sameJson(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [x, y] = next;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      if (x !== y) return false;
      continue;
    }
    const keys = Object.keys(x);
    if (Array.isArray(x) !== Array.isArray(y) || keys.length !== Object.keys(y).length) return false;
    for (const k of keys) {
      if (!Object.hasOwn(y, k)) return false;
      pending.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

test('fromDicomJson reads 100,000 levels; toDicomJson writes the same JSON back', () => {
  const json = JSON.parse(nestedJsonText(DEPTH));
  const ds = fromDicomJson(json);
  const [deepest, depth] = bottom(ds);
  expect(depth).toBe(DEPTH);
  expect(deepest.get('PatientName')).toEqual(new PersonName('Deep^Down'));
  expect(sameJson(toDicomJson(ds), json)).toBe(true);
});

test('fromDicomXml reads 100,000 levels as the JSON of the same document', () => {
  const ds = fromDicomXml(nestedXml(DEPTH));
  const [deepest, depth] = bottom(ds);
  expect(depth).toBe(DEPTH);
  expect(deepest.get('PatientName')).toEqual(new PersonName('Deep^Down'));
  expect(sameJson(toDicomJson(ds), JSON.parse(nestedJsonText(DEPTH)))).toBe(true);
});

test('toDicomXml writes back what fromDicomXml read, 100,000 levels deep', () => {
  const xml = toDicomXml(fromDicomXml(nestedXml(DEPTH)));
  expect(toDicomXml(fromDicomXml(xml))).toBe(xml);
  expect(bottom(fromDicomXml(xml))[1]).toBe(DEPTH);
});

test('indented text (DICOM JSON, XML, dump) stays linear in the depth: indentation stops at 64 levels', async () => {
  const f = parseDicom(nested(ELE), { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
  const json = formatDicomJson(toDicomJson(f.dataset));
  const xml = toDicomXml(f.dataset);
  const dump: string[] = [];
  for await (const line of dumpLines(f)) dump.push(line);
  // Without the bound, 2 spaces per level make some 10^10 characters.
  for (const text of [json, xml, dump.join('\n')]) expect(text.length).toBeLessThan(DEPTH * 2_000);
  const deepest = dump.reduce((most, l) => Math.max(most, l.length - l.trimStart().length), 0);
  expect(deepest).toBe(2 * MAX_INDENT_LEVELS);
  expect(json).toContain(`${' '.repeat(2 * MAX_INDENT_LEVELS)}"00100010"`);
});

test('a malformed attribute at the bottom is a typed error', () => {
  const thrown = (read: () => unknown) => {
    try {
      read();
    } catch (e) {
      return e as DicomParseError;
    }
  };
  const badJson = JSON.parse(nestedJsonText(DEPTH).replace('"vr":"PN"', '"vr":"XX"'));
  const jsonError = thrown(() => fromDicomJson(badJson));
  expect(jsonError).toBeInstanceOf(DicomParseError);
  expect(jsonError?.tag).toBe(0x00100010);
  expect(jsonError?.expected).toMatch(/^a "vr" of PS3.5 Table 6.2-1 \((00081140\[0\]\.){100000}00100010\)$/);
  const xmlError = thrown(() => fromDicomXml(nestedXml(DEPTH).replace('<PersonName number="1">', '<PersonName number="0">')));
  expect(xmlError).toBeInstanceOf(DicomParseError);
  expect(xmlError?.expected).toBe('a number attribute of 1 or more on <PersonName>');
});

test('stringifyJson writes what JSON.stringify writes, and goes on where JSON.stringify overflows', () => {
  const ordinary = { a: [1, 'two', null, true, { b: { c: [] } }], d: {}, e: undefined, 'quote"key': -0.5e-7 };
  expect(stringifyJson(ordinary)).toBe(JSON.stringify(ordinary));
  const text = nestedJsonText(DEPTH);
  const json = JSON.parse(text);
  expect(() => JSON.stringify(json)).toThrow(RangeError);
  expect(stringifyJson(json)).toBe(text);
});

