// Random byte mutations of real files: every read ends in a DataSet whose values all decode, or in a
// DicomParseError, never in another exception, a hang or a huge allocation.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSet, DicomParseError, MemorySource, parseDicom, readDicom, type DicomFile } from '@dcmkit/core';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/files');

/** Files with different shapes: explicit/implicit/big endian, deflated, encapsulated, UN sequences, nested private SQ, DICOMDIR. */
const FILES = [
  'test_files/CT_small.dcm',
  'test_files/MR_small_implicit.dcm',
  'test_files/MR_small_bigendian.dcm',
  'test_files/image_dfl.dcm',
  'test_files/SC_rgb_rle_2frame.dcm',
  'test_files/UN_sequence.dcm',
  'test_files/nested_priv_SQ.dcm',
  'test_files/rtplan.dcm',
  'test_files/ExplVR_BigEndNoMeta.dcm',
  'test_files/dicomdirtests/DICOMDIR-implicit',
  'charset_files/chrSQEncoding.dcm',
].map((rel) => [rel, new Uint8Array(readFileSync(path.join(corpus, rel)))] as const);

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'word'; at: number; value: number };

/** 32-bit values that mean something to a parser: undefined length, item and delimiter tags (FFFE,E000/E00D/E0DD), huge, odd. */
const WORDS = [0, 1, 0xffffffff, 0xfffffffe, 0xe000fffe, 0xe00dfffe, 0xe0ddfffe, 0x7fffffff, 0x80000000, 0x0000ffff, 0x00100010, 0x4e55];

/** Positions are fractions of the current length, so every mutation applies to any size. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.constantFrom(...WORDS) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
) as fc.Arbitrary<Mutation>;

function mutate(input: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = input;
  for (const m of mutations) {
    const at = Math.min(b.length, Math.floor(m.at * b.length));
    if (m.kind === 'flip') {
      if (at < b.length) {
        b = b.slice();
        b[at] = m.byte;
      }
    } else if (m.kind === 'word') {
      if (at + 4 <= b.length) {
        b = b.slice();
        new DataView(b.buffer).setUint32(at, m.value, true);
      }
    } else if (m.kind === 'insert') {
      const out = new Uint8Array(b.length + m.bytes.length);
      out.set(b.subarray(0, at));
      out.set(m.bytes, at);
      out.set(b.subarray(at), at + m.bytes.length);
      b = out;
    } else if (m.kind === 'delete') {
      const out = new Uint8Array(b.length - Math.min(m.count, b.length - at));
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + m.count), at);
      b = out;
    } else {
      b = b.subarray(0, at);
    }
  }
  return b;
}

/** Decodes every value of the file, items included, with an explicit stack. */
function walk(f: DicomFile): number {
  let n = 0;
  const stack: DataSet[] = [f.meta, f.dataset];
  while (stack.length) {
    const ds = stack.pop()!;
    for (const el of ds) {
      n++;
      for (const v of ds.values(el)) if (v instanceof DataSet) stack.push(v);
      if (el.items === undefined) ds.getText(el.tag);
    }
  }
  return n;
}

/** Per run: the outcome kind and how long it took. Anything but DicomParseError is rethrown. */
function outcome(read: () => DicomFile): 'read' | 'error' {
  try {
    walk(read());
    return 'read';
  } catch (e) {
    if (e instanceof DicomParseError) {
      expect(e.offset === undefined || (Number.isInteger(e.offset) && e.offset >= 0)).toBe(true);
      return 'error';
    }
    throw e;
  }
}

const RUN_LIMIT_MS = 2000;
/** FUZZ_RUNS=5000 FUZZ_SEED=<n> for a longer hunt; the default is a fixed, quick sample. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20240601);
const arrayBuffersBefore = process.memoryUsage().arrayBuffers;

describe.each(FILES)('%s', (_, original) => {
  test('parseDicom on mutated bytes: a data set or a DicomParseError', () => {
    const seen = { read: 0, error: 0 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const bytes = mutate(original, mutations);
        const start = performance.now();
        seen[outcome(() => parseDicom(bytes, { name: 'fuzz' }))]++;
        expect(performance.now() - start).toBeLessThan(RUN_LIMIT_MS);
        expect(process.memoryUsage().arrayBuffers - arrayBuffersBefore).toBeLessThan(512 * 1024 * 1024);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Both outcomes happen: the mutations reach the structure, and many files still read.
    expect(seen.read).toBeGreaterThan(0);
    expect(seen.error + seen.read).toBe(RUNS);
  });

  test('readDicom in small windows on mutated bytes: the same outcome as parseDicom', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const bytes = mutate(original, mutations);
        const inMemory = outcome(() => parseDicom(bytes));
        let windowed: 'read' | 'error';
        try {
          walk(await readDicom(new MemorySource(bytes), { windowSize: 256, bulkThreshold: 128 }));
          windowed = 'read';
        } catch (e) {
          if (!(e instanceof DicomParseError)) throw e;
          windowed = 'error';
        }
        expect(windowed).toBe(inMemory);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED + 1 },
    );
  });
});

test('a length field larger than the data is an error naming the element, not an allocation', () => {
  // (0010,0010) PN with a 16-bit length of 0xFFFE in 20 bytes; (7FE0,0010) OB with a 32-bit length of 0xFFFFFFF0.
  const pn = Uint8Array.of(0x10, 0, 0x10, 0, 0x50, 0x4e, 0xfe, 0xff, 0x41, 0x42);
  const ob = Uint8Array.of(0xe0, 0x7f, 0x10, 0, 0x4f, 0x42, 0, 0, 0xf0, 0xff, 0xff, 0xff, 1, 2);
  for (const [bytes, tag] of [
    [pn, 0x00100010],
    [ob, 0x7fe00010],
  ] as const) {
    expect(() => parseDicom(bytes, { transferSyntax: '1.2.840.10008.1.2.1', name: 'n' })).toThrow(
      expect.objectContaining({ name: 'DicomParseError', tag, offset: 0, source: 'n' }),
    );
  }
});
