// Property: random data sets (public tags with their dictionary VRs and valid values, private blocks,
// empty values, sequences nested a few levels) written in each native Transfer Syntax read back equal.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataSet, PersonName, TransferSyntax, formatDS, parseDicom, writeDataSet, writeDicom, type Tag } from '@dcmkit/core';
import { ELEMENT_ROWS } from '../../dictionary/src/generated/elements.js';
import { valueDifferences } from './write-equal.js';

const NATIVE = [
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
];

/** Public, non-meta, non-group-length tags with one VR (no "US or SS"), by VR. */
const TAGS = new Map<string, Tag[]>();
for (const [tag, vr, , , , , alternatives] of ELEMENT_ROWS) {
  const group = tag >>> 16;
  if (alternatives || vr === 'NONE' || group < 0x0008 || group === 0x7fe0 || group === 0xfffe || (tag & 0xffff) === 0) continue;
  if (tag === 0x00080005) continue; // Specific Character Set: the values are ASCII here.
  TAGS.set(vr, [...(TAGS.get(vr) ?? []), tag]);
}

// Values the reader gives back as they were written: no padding-like spaces at the ends, no backslash
// in multi-valued VRs (PS3.5 6.2, 6.4).
const word = (chars: string, max: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max }).filter((s) => s.trim() === s);
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _';
const TEXT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-_()';
const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
const upTo = <T>(arb: fc.Arbitrary<T>, max = 3) => fc.array(arb, { minLength: 1, maxLength: max });
const bytes = (word: number) => fc.integer({ min: 0, max: 8 }).chain((n) => fc.uint8Array({ minLength: n * word, maxLength: n * word }));

/** Values for a VR as DataSet.set takes them; `expected` is what reading them back gives (as text). */
function valuesOf(vr: string): fc.Arbitrary<unknown[]> | undefined {
  switch (vr) {
    case 'AE': return upTo(word(UPPER, 16));
    case 'AS': return upTo(fc.tuple(digits(3), fc.constantFrom('D', 'W', 'M', 'Y')).map(([n, u]) => n + u));
    case 'CS': return upTo(word(UPPER, 16));
    case 'DA': return upTo(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, '')));
    case 'TM': return upTo(fc.tuple(digits(2).filter((h) => h < '24'), digits(2).filter((m) => m < '60'), digits(6)).map(([h, m, f]) => `${h}${m}00.${f}`));
    case 'DT': return upTo(fc.tuple(digits(4), digits(2).filter((h) => h < '24')).map(([y, h]) => `${y}0101${h}3000+0100`));
    case 'DS': return upTo(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'IS': return upTo(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    case 'LO': case 'SH': case 'UC': return upTo(word(TEXT, 16));
    case 'LT': case 'ST': case 'UT': return upTo(word(TEXT + '\\', 40).map((s) => ` ${s}`), 1);
    case 'PN': return upTo(fc.tuple(word('ABCDEFGHIJ', 8), word('klmnopqrst', 8)).map(([f, g]) => new PersonName(`${f}^${g}`)));
    case 'UI': return upTo(fc.array(fc.integer({ min: 0, max: 99999 }), { minLength: 2, maxLength: 8 }).map((p) => p.join('.')));
    case 'UR': return upTo(word('abcdefghijklmnopqrstuvwxyz:/.', 30), 1);
    case 'US': return upTo(fc.integer({ min: 0, max: 0xffff }));
    case 'SS': return upTo(fc.integer({ min: -0x8000, max: 0x7fff }));
    case 'UL': return upTo(fc.integer({ min: 0, max: 0xffffffff }));
    case 'SL': return upTo(fc.integer({ min: -0x80000000, max: 0x7fffffff }));
    case 'FL': return upTo(fc.float({ noNaN: true }));
    case 'FD': return upTo(fc.double({ noNaN: true }));
    case 'SV': return upTo(fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n));
    case 'UV': return upTo(fc.bigInt(0n, 2n ** 64n - 1n));
    case 'AT': return upTo(fc.integer({ min: 0, max: 0xffffffff }));
    case 'OB': case 'UN': return bytes(1).map((b) => [b]);
    case 'OW': return bytes(2).map((b) => [b]);
    case 'OF': case 'OL': return bytes(4).map((b) => [b]);
    case 'OD': case 'OV': return bytes(8).map((b) => [b]);
    default: return undefined;
  }
}

const VRS = [...TAGS.keys()].filter((vr) => vr !== 'SQ' && valuesOf(vr));

interface Spec {
  tag: Tag;
  vr: string;
  values: unknown[] | Spec[][];
}

const leaf: fc.Arbitrary<Spec> = fc.constantFrom(...VRS).chain((vr) =>
  fc.record({
    tag: fc.constantFrom(...TAGS.get(vr)!),
    vr: fc.constant(vr),
    // Empty values (zero length) as often as one time in five.
    values: fc.oneof({ weight: 1, arbitrary: fc.constant<unknown[]>([]) }, { weight: 4, arbitrary: valuesOf(vr)! }),
  }),
);

/** A private block (PS3.5 7.8.1): creator (0029,0010), elements (0029,10xx) of a few VRs. */
const privateBlock: fc.Arbitrary<Spec[]> = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 0xff }), fc.constantFrom('LO', 'US', 'FD', 'OB', 'UN', 'DS')), { selector: ([e]) => e, maxLength: 4 })
  .chain((elements) =>
    fc.tuple(...elements.map(([e, vr]) => valuesOf(vr)!.map((values): Spec => ({ tag: 0x00291000 | e, vr, values })))).map((specs) => [
      { tag: 0x00290010, vr: 'LO', values: ['DCMKIT PROPERTY'] },
      ...specs,
    ]),
  );

const { dataset: datasetSpec } = fc.letrec<{ dataset: Spec[]; sequence: Spec }>((tie) => ({
  dataset: fc
    .tuple(
      fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, leaf, leaf, tie('sequence')), { maxLength: 8 }),
      fc.option(privateBlock, { nil: [] }),
    )
    .map(([elements, block]) => [...elements, ...block]),
  sequence: fc.record({
    tag: fc.constantFrom(...TAGS.get('SQ')!),
    vr: fc.constant('SQ'),
    values: fc.array(tie('dataset') as fc.Arbitrary<Spec[]>, { maxLength: 3 }),
  }),
}));

function build(specs: Spec[], ds = new DataSet()): DataSet {
  for (const s of specs) {
    if (s.vr === 'SQ') ds.set(s.tag, (s.values as Spec[][]).map((item) => build(item, ds.createItem())), 'SQ');
    else ds.set(s.tag, s.values, s.vr);
  }
  return ds;
}

/** What reading back gives, as text: DS rounded to 16 bytes, FL to single precision, bytes as is. */
function expectedText(v: unknown, vr: string): string {
  if (vr === 'DS') return String(Number(formatDS(v as number)));
  if (vr === 'FL') return String(Math.fround(v as number));
  if (vr === 'LT' || vr === 'ST' || vr === 'UT') return (v as string).trimEnd();
  return String(v);
}

/** Differences between what was set and what an explicit VR little endian read gives. */
function specDifferences(specs: Spec[], ds: DataSet, at = ''): string[] {
  const last = new Map(specs.map((s) => [s.tag, s]));
  const out: string[] = [];
  if (ds.size !== last.size) out.push(`${at}: ${ds.size} elements, ${last.size} set`);
  for (const [tag, s] of last) {
    const el = ds.element(tag);
    if (!el || el.vr !== s.vr) {
      out.push(`${at}${tag.toString(16)}: ${el?.vr} read, ${s.vr} set`);
    } else if (s.vr === 'SQ') {
      const items = ds.items(tag);
      const want = s.values as Spec[][];
      if (items.length !== want.length) out.push(`${at}${tag.toString(16)}: ${items.length} items, ${want.length} set`);
      else want.forEach((item, i) => out.push(...specDifferences(item, items[i]!, `${at}${tag.toString(16)}[${i}]`)));
    } else {
      const got = ds.values(el).map((v) => (v instanceof Uint8Array ? v.join() : String(v)));
      // Odd-length bytes come back with their NUL padding (PS3.5 6.2).
      const want = (s.values as unknown[]).map((v) => (v instanceof Uint8Array ? [...v, ...(v.length % 2 ? [0] : [])].join() : expectedText(v, s.vr)));
      if (got.join('|') !== want.join('|')) out.push(`${at}${tag.toString(16)} ${s.vr}: ${got.join('|')} read, ${want.join('|')} set`);
    }
  }
  return out;
}

describe('random data sets round-trip in every native Transfer Syntax', () => {
  it('explicit VR little endian gives back what was set; every syntax gives back the same values', () => {
    fc.assert(
      fc.property(datasetSpec, (specs) => {
        const ds = build(specs);
        const reference = parseDicom(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian })).dataset;
        expect(specDifferences(specs, reference)).toEqual([]);
        for (const ts of NATIVE) {
          const back = parseDicom(writeDicom({ dataset: ds }, { transferSyntax: ts })).dataset;
          expect(valueDifferences(reference, back)).toEqual([]);
          // What was read writes back to the same bytes.
          expect(writeDataSet(back, ts)).toEqual(writeDataSet(ds, ts));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the comparison sees a changed value, a changed byte of Pixel Data and a missing element', () => {
    const ds = new DataSet();
    ds.set('Rows', 2);
    ds.set('PixelData', Uint8Array.of(1, 2, 3, 4), 'OW');
    const a = parseDicom(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRBigEndian })).dataset;
    const changed = parseDicom(writeDicom({ dataset: ds })).dataset;
    changed.set('Rows', 3);
    expect(valueDifferences(a, changed)).toEqual(['(0028,0010): 2 != 3']);
    ds.set('PixelData', Uint8Array.of(1, 2, 3, 5), 'OW');
    expect(valueDifferences(a, parseDicom(writeDicom({ dataset: ds })).dataset)).toEqual(['(7FE0,0010): OW bytes differ']);
    ds.delete('Rows');
    expect(valueDifferences(a, parseDicom(writeDicom({ dataset: ds })).dataset)).toHaveLength(1);
  });
});
