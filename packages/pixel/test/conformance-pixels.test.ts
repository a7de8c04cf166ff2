// Pixel decoding conformance against the reference corpus: every file pydicom 2.3.1 decoded must
// decode, with all codecs registered, to the same array (lossless syntaxes: same SHA-256; lossy ones:
// same dtype and shape, mean and extremes within a tolerance). See ../shared/corpus/README.md.
import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDicomFile } from '@dcmkit/core/node';
import { transferSyntaxInfo, type DicomFile } from '@dcmkit/core';
import { registerAllCodecs } from '@dcmkit/codecs';
import { PixelDataError, codecs, decodePixelArray, pixelSummary, type PixelSummary } from '@dcmkit/pixel';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

type Reference = Omit<PixelSummary, 'sha256' | 'min' | 'max' | 'mean'> & {
  sha256: string | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  repeatable?: boolean;
  maskedToBitsStored: ({ identical: true } | Partial<PixelSummary>) | null;
};

interface Record {
  path: string;
  transferSyntaxUID: string | null;
  bitsStored: number | null;
  pixels: Reference | null;
  pixelsCrossCheckDetails?: { decoder: string; pixels?: Reference }[];
}

const manifest: Record[] = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const decoded = manifest.filter((r) => r.pixels !== null);

// Lossy syntaxes (PS3.5 8.2): JPEG baseline/extended, JPEG-LS near-lossless, JPEG 2000, HTJ2K.
const LOSSY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.203']);

/** README "Known wrong reference": pydicom 2.3.1 misreads 8-bit OW in big endian; DCMTK's decode is right. */
const DCMTK_IS_RIGHT = new Set(['test_files/SC_rgb_small_odd_big_endian.dcm']);

function expected(r: Record): Reference {
  if (!DCMTK_IS_RIGHT.has(r.path)) return r.pixels!;
  const dcmtk = r.pixelsCrossCheckDetails?.find((d) => d.decoder.startsWith('dcmtk'))?.pixels;
  if (!dcmtk) throw new Error(`${r.path}: no DCMTK decode in pixelsCrossCheckDetails`);
  return { ...dcmtk, maskedToBitsStored: r.pixels!.maskedToBitsStored };
}

/** The masked array's reference: pixels itself when masking changes nothing. */
function maskedReference(r: Record, ref: Reference): Partial<PixelSummary> | undefined {
  const m = ref.maskedToBitsStored;
  if (!m) return undefined;
  return 'identical' in m ? ref : m;
}

/** Lossy: mean within 0.5, extremes within 1% of the stored range (2^Bits Stored). */
function expectClose(ours: PixelSummary, ref: Partial<PixelSummary>, bitsStored: number): void {
  const slack = 0.01 * 2 ** bitsStored;
  expect(Math.abs(ours.mean - ref.mean!)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(ours.min - ref.min!)).toBeLessThanOrEqual(slack);
  expect(Math.abs(ours.max - ref.max!)).toBeLessThanOrEqual(slack);
}

function expectExact(ours: PixelSummary, ref: Partial<PixelSummary>): void {
  expect({ sha256: ours.sha256, min: ours.min, max: ours.max }).toEqual({ sha256: ref.sha256, min: ref.min, max: ref.max });
  expect(ours.mean).toBeCloseTo(ref.mean!, 5);
}

async function summary(file: DicomFile, maskToBitsStored = false): Promise<PixelSummary> {
  const { data, dtype, shape } = await decodePixelArray(file, { maskToBitsStored });
  return pixelSummary(data, dtype, shape);
}

registerAllCodecs(codecs);

/** Pass/fail per transfer syntax, and how many lossy decodes are bit-exact anyway; printed at the end. */
const tally = new Map<string, { pass: number; exact: number; fail: string[] }>();
const count = (syntax: string, file: string, ok: boolean, exact: boolean) => {
  const t = tally.get(syntax) ?? { pass: 0, exact: 0, fail: [] };
  if (ok) t.pass++;
  else t.fail.push(file);
  if (exact) t.exact++;
  tally.set(syntax, t);
};

describe('pixel data of every corpus file pydicom decoded', () => {
  test('the corpus has them', () => {
    expect(decoded.length).toBe(103);
  });

  test.each(decoded.map((r) => [r.path, r] as const))('%s', async (name, r) => {
    const file = await readDicomFile(path.join(corpus, 'files', name));
    const syntax = file.transferSyntax;
    const label = `${transferSyntaxInfo(syntax).name} (${syntax})`;
    let ok = false;
    let exact = false;
    try {
      const ref = expected(r);
      if (ref.repeatable === false) {
        // A corrupt codestream (README "Repeatability"): only dtype and shape are meaningful, and failing is fine.
        try {
          const ours = await summary(file);
          expect({ dtype: ours.dtype, shape: ours.shape }).toEqual({ dtype: ref.dtype, shape: ref.shape });
        } catch (e) {
          if (!(e instanceof PixelDataError)) throw e;
          expect(e.message).toContain(name);
        }
        ok = true;
        return;
      }
      const ours = await summary(file);
      exact = ours.sha256 === ref.sha256;
      expect({ dtype: ours.dtype, shape: ours.shape }).toEqual({ dtype: ref.dtype, shape: ref.shape });
      const lossy = LOSSY.has(syntax);
      const bitsStored = r.bitsStored ?? 8;
      if (lossy) expectClose(ours, ref as PixelSummary, bitsStored);
      else expectExact(ours, ref as PixelSummary);
      const masked = maskedReference(r, ref);
      if (masked) {
        const oursMasked = await summary(file, true);
        if (lossy) expectClose(oursMasked, masked, bitsStored);
        else expectExact(oursMasked, masked);
      }
      ok = true;
    } finally {
      count(label, name, ok, exact);
      await file.source.close?.();
    }
  });

  afterAll(() => {
    const lines = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([syntax, t]) => {
      const total = t.pass + t.fail.length;
      return `  ${syntax}: ${t.pass}/${total} pass, ${t.exact} bit-exact${t.fail.length ? `; failing: ${t.fail.join(', ')}` : ''}`;
    });
    console.log(`pixel conformance per transfer syntax:\n${lines.join('\n')}`);
  });
});
