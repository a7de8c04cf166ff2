// readDicom over byte sources (Blob, file, any ByteSource) reads the same elements as parseDicom
// over the same bytes, with bulk values deferred until read.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSet, MemorySource, TransferSyntax, parseDicom, readDicom, type ByteSource, type DicomFile } from '@dcmkit/core';
import { FileSource, readDicomFile } from '@dcmkit/core/node';
import { ILE, ascii, concat, element, encapsulatedPixelData, fileMeta, nums, part10, sequence, str } from './fixtures/builder.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

/**
 * A file read from a source has the elements of the in-memory parse at the same offsets, items
 * included, and the same values (deferred ones through readBytes()).
 */
async function expectSameAs(f: DicomFile, reference: DicomFile) {
  expect(f.transferSyntax).toBe(reference.transferSyntax);
  expect(f.datasetOffset).toBe(reference.datasetOffset);
  const stack: [DataSet, DataSet][] = [
    [f.meta, reference.meta],
    [f.dataset, reference.dataset],
  ];
  while (stack.length) {
    const [d, r] = stack.pop()!;
    expect(d.tags()).toEqual(r.tags());
    for (const el of d) {
      const ref = r.element(el.tag)!;
      expect([el.vr, el.length, el.offset]).toEqual([ref.vr, ref.length, ref.offset]);
      if (el.deferred) {
        expect(el.bytes).toBeUndefined();
        expect(sameBytes(await el.readBytes(), ref.bytes)).toBe(true);
      } else if (el.encapsulated) {
        expect(el.encapsulated).toEqual(ref.encapsulated);
      } else {
        const values = d.values(el);
        const refValues = r.values(ref);
        expect(values.length).toBe(refValues.length);
        values.forEach((v, i) => {
          if (v instanceof DataSet) stack.push([v, refValues[i] as DataSet]);
          else if (v instanceof Uint8Array) expect(sameBytes(v, refValues[i] as Uint8Array)).toBe(true);
          else expect(v).toEqual(refValues[i]);
        });
      }
    }
  }
}

/** Byte equality without a deep-equal walk (values here reach megabytes). */
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

const bulk = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/** A file with values on both sides of the bulk threshold and a sequence crossing window boundaries. */
const file = part10(
  TransferSyntax.ExplicitVRLittleEndian,
  concat(
    element(0x00080060, 'CS', str('OT')),
    sequence(
      0x00081140,
      Array.from({ length: 300 }, (_, i) => element(0x00081155, 'UI', str(`1.2.3.${i}`, 'UI'))),
      { undefinedLength: true, undefinedItems: true },
    ),
    element(0x00100010, 'PN', str('Doe^John')),
    element(0x00280010, 'US', nums('u16', [300])),
    element(0x00420011, 'OB', bulk(70_000, 1)),
    element(0x7fe00010, 'OW', bulk(90_000, 2)),
    element(0xfffcfffc, 'OB', new Uint8Array(10)),
  ),
);
const reference = parseDicom(file);

describe('readDicom', () => {
  test('over a Uint8Array it is parseDicom: nothing is deferred', async () => {
    const f = await readDicom(file);
    await expectSameAs(f, reference);
    expect(f.dataset.element('PixelData')!.deferred).toBe(false);
  });

  test('over a Blob: values of 64 KiB and more are deferred, readBytes() reads them', async () => {
    const f = await readDicom(new Blob([file]));
    await expectSameAs(f, reference);
    const px = f.dataset.element('PixelData')!;
    expect(px.deferred).toBe(true);
    expect(f.dataset.element('EncapsulatedDocument')!.deferred).toBe(true);
    expect(f.dataset.element('PatientName')!.deferred).toBe(false);
    expect(sameBytes(await px.readBytes(), bulk(90_000, 2))).toBe(true);
  });

  test('loadBytes() keeps a deferred value in memory: bytes and values as if parsed in memory', async () => {
    const f = await readDicom(new Blob([file]));
    const doc = f.dataset.element('EncapsulatedDocument')!;
    expect(f.dataset.values(doc)).toEqual([]);
    await doc.loadBytes();
    expect(doc.deferred).toBe(false);
    const ref = reference.dataset.element('EncapsulatedDocument')!;
    expect(sameBytes(doc.bytes, ref.bytes)).toBe(true);
    expect(sameBytes(f.dataset.values(doc)[0] as Uint8Array, ref.bytes)).toBe(true);
    // In memory already: nothing to read.
    const name = f.dataset.element('PatientName')!;
    await name.loadBytes();
    expect(f.dataset.getString('PatientName')).toBe(reference.dataset.getString('PatientName'));
  });

  test.each([512, 4096, 65536])('over a ByteSource in %i-byte windows', async (windowSize) => {
    const f = await readDicom(new MemorySource(file), { windowSize, bulkThreshold: 1000 });
    await expectSameAs(f, reference);
    expect(f.dataset.items('ReferencedImageSequence')).toHaveLength(300);
  });

  test('the data set encoding is detected even when the File Meta fills the first window', async () => {
    const implicit = concat(element(0x00080060, 'CS', str('OT'), ILE), element(0x00280010, 'US', nums('u16', [5]), ILE));
    const noSyntax = concat(new Uint8Array(128), ascii('DICM'), fileMeta(undefined), implicit);
    const wrongSyntax = part10(TransferSyntax.ExplicitVRLittleEndian, implicit);
    for (const bytes of [noSyntax, wrongSyntax]) {
      const f = await readDicom(new MemorySource(bytes), { windowSize: 160 });
      expect(f.dataset.encoding.explicitVR).toBe(false);
      expect(f.dataset.get('Rows')).toBe(5);
      expect(f.warnings).toEqual(parseDicom(bytes).warnings);
    }
  });

  describe('over a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-sources-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const p = path.join(dir, 'a.dcm');
    writeFileSync(p, file);

    test('readDicomFile: same elements, bulk deferred, errors name the file', async () => {
      const f = await readDicomFile(p);
      try {
        await expectSameAs(f, reference);
        expect(f.source).toBeInstanceOf(FileSource);
        expect(f.dataset.element('PixelData')!.deferred).toBe(true);
        expect(sameBytes(await f.dataset.element('PixelData')!.readBytes(), bulk(90_000, 2))).toBe(true);
      } finally {
        await f.source.close?.();
      }
      const truncated = path.join(dir, 'cut.dcm');
      writeFileSync(truncated, file.subarray(0, file.length - 1000));
      await expect(readDicomFile(truncated)).rejects.toMatchObject({ name: 'DicomParseError', source: truncated, tag: 0x7fe00010 });
    });

    test('encapsulated Pixel Data fragments stay in the file as offsets', async () => {
      const frags = [bulk(100, 3), bulk(2000, 4)];
      const q = path.join(dir, 'enc.dcm');
      writeFileSync(q, part10(TransferSyntax.RLELossless, concat(element(0x00280010, 'US', nums('u16', [1])), encapsulatedPixelData(frags))));
      const f = await readDicomFile(q, { windowSize: 256 });
      try {
        const enc = f.dataset.element('PixelData')!.encapsulated!;
        const read = await Promise.all(enc.fragments.map((g) => f.source.read(g.offset, g.length)));
        expect(read).toEqual(frags);
      } finally {
        await f.source.close?.();
      }
    });
  });
});

/** Files of the corpus pydicom and DCMTK both read, through small windows and a low bulk threshold. */
describe('corpus files read window by window equal the in-memory parse', () => {
  const manifest: { path: string; readableBy: { dcmtk: boolean } }[] = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
  const paths = manifest.filter((r) => r.readableBy.dcmtk || r.path.endsWith('SC_rgb_jpeg.dcm')).map((r) => r.path);

  test.each(paths)('%s', async (rel) => {
    const bytes = new Uint8Array(readFileSync(path.join(corpus, 'files', rel)));
    const source: ByteSource = new MemorySource(bytes, rel);
    await expectSameAs(await readDicom(source, { windowSize: 700, bulkThreshold: 256 }), parseDicom(bytes));
  });
});
