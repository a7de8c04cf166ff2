// Byte-exact round trip over the whole reference corpus: writeDicom(parseDicom(bytes)) === bytes,
// with the Transfer Syntax as read. The exceptions below are files whose bytes a conformant writer
// cannot reproduce; for them the values must still survive.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'fflate';
import { TransferSyntax, parseDicom, readDicom, writeDataSet, writeDicom, writeDicomAsync, type DicomFile } from '@dcmkit/core';
import { valueDifferences } from './write-equal.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const filesDir = path.join(corpus, 'files');

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield path.relative(filesDir, p).split(path.sep).join('/');
  }
}

const WRONG_GROUP_LENGTH = 'a Group Length (gggg,0000) in the file is wrong: the writer recomputes it (PS3.5 7.2; dcmconv +g= does too)';
const NO_META = 'a bare data set, no preamble nor File Meta Information: a Part 10 file gets both (PS3.10 7.1)';
const EXCEPTIONS: Record<string, string> = {
  'charset_files/chrJapMulti.dcm': WRONG_GROUP_LENGTH,
  'charset_files/chrKoreanMulti.dcm': WRONG_GROUP_LENGTH,
  'test_files/693_J2KI.dcm': WRONG_GROUP_LENGTH,
  'test_files/ExplVR_BigEndNoMeta.dcm': NO_META,
  'test_files/ExplVR_LitEndNoMeta.dcm': NO_META,
  'test_files/rtstruct.dcm': NO_META,
  'test_files/no_meta_group_length.dcm': 'the File Meta Information lacks its Group Length (0002,0000), Type 1: added',
  'test_files/meta_missing_tsyntax.dcm': 'the File Meta Information lacks the Transfer Syntax UID (0002,0010), Type 1: added',
  'test_files/SC_rgb_jpeg.dcm': 'the data set is implicit VR although the meta says JPEG Baseline, an explicit VR syntax: written as the syntax says',
  'test_files/image_dfl.dcm': 'deflated: our DEFLATE stream differs from the original compressor’s, the inflated data set is byte-identical',
  'test_files/dicomdirtests/DICOMDIR-nooffset': 'an item’s length overruns its sequence; read leniently, the item is written with its real length',
};

const manifest: { path: string; readableBy: { dcmtk: boolean } }[] = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const dcmtkReads = new Map(manifest.map((r) => [r.path, r.readableBy.dcmtk]));
const all = [...walk(filesDir)];
const load = (rel: string) => new Uint8Array(readFileSync(path.join(filesDir, rel)));

/** Parses, or undefined for a file DCMTK cannot read either (truncated values): nothing to write. */
function parse(rel: string, bytes: Uint8Array): DicomFile | undefined {
  try {
    return parseDicom(bytes, { name: rel });
  } catch (e) {
    if (dcmtkReads.get(rel) === false) return undefined;
    throw e;
  }
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe('byte-exact round trip of the corpus', () => {
  it('walks every corpus file', () => {
    expect(all.length).toBe(manifest.length);
  });

  it.each(all.filter((rel) => !(rel in EXCEPTIONS)))('%s', (rel) => {
    const bytes = load(rel);
    const file = parse(rel, bytes);
    if (!file) return;
    const out = writeDicom(file);
    // toEqual on 100 kB arrays prints unreadably; report where they part.
    const at = out.findIndex((b, i) => b !== bytes[i]);
    expect({ length: out.length, firstDifference: at }).toEqual({ length: bytes.length, firstDifference: -1 });
  });

  it.each(Object.entries(EXCEPTIONS))('%s differs, values kept: %s', (rel) => {
    const bytes = load(rel);
    const file = parse(rel, bytes)!;
    const out = writeDicom(file);
    expect(same(out, bytes)).toBe(false);
    const back = parseDicom(out);
    expect(valueDifferences(file.dataset, back.dataset)).toEqual([]);
    expect(back.transferSyntax).toBe(file.transferSyntax);
    if (file.deflated) {
      const inflated = inflateSync(bytes.subarray(file.datasetOffset));
      expect(writeDataSet(back.dataset, TransferSyntax.ExplicitVRLittleEndian)).toEqual(inflated);
    }
  });
});

describe('files read window by window rewrite the same', () => {
  it('writeDicomAsync over a windowed read equals writeDicom over a whole read, for every file', async () => {
    for (const rel of all) {
      const bytes = load(rel);
      const file = parse(rel, bytes);
      if (!file) continue;
      const windowed = await readDicom(new Blob([bytes]), { name: rel, windowSize: 4096, bulkThreshold: 256 });
      expect(same(await writeDicomAsync(windowed), writeDicom(file)), rel).toBe(true);
    }
  });
});
