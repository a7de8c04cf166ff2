// `dcmkit dump` against the corpus' `dcmdump +L +U8` listings: same elements, same nesting, same order,
// same VRs, VMs and lengths; and the files DCMTK cannot read.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from './cli-run.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const manifest: { path: string; dump: string | null; readableBy: { dcmtk: boolean } }[] = JSON.parse(
  readFileSync(path.join(corpus, 'manifest.json'), 'utf8'),
);

/** indent, tag, VR, value, length, VM, name: the columns of a dcmdump element line. */
const LINE = /^( *)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\S\S) (.*) # +(u\/l|\d+), *(\d+) (.*)$/;
/** VRs whose text +U8 re-encodes to UTF-8, changing value lengths. */
const CHARSET_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/**
 * The structure of a listing: one "depth tag VR VM length" row per element, item and delimiter.
 * Normalised for what is dcmdump's convention rather than the file's content:
 * - (0008,0005) is left out: +U8 rewrites it (or adds it) as ISO_IR 192;
 * - dcmtk's internal VRs "up" (DICOMDIR offsets, UL in the standard) and "??" (unknown, UN);
 * - encapsulated Pixel Data is always OB in dcmdump; we show the VR the file has (OW in a few);
 * - lengths of text in a Specific Character Set, which +U8 converts;
 * - odd lengths, which dcmtk pads to even when it reads a value (we show the length stored).
 */
function structure(listing: string, withLengths = true): string[] {
  const rows: string[] = [];
  for (const text of listing.split('\n')) {
    const m = LINE.exec(text);
    if (!m) continue;
    const [, indent, group, element, vr, value, length, vm] = m;
    if (group === '0008' && element === '0005') continue;
    const sequenceOfFragments = value!.startsWith('(PixelSequence');
    const theVR = sequenceOfFragments ? 'OB' : vr === 'up' ? 'UL' : vr === '??' ? 'UN' : vr;
    const even = length === 'u/l' ? length : String(Number(length) + (Number(length) % 2));
    rows.push(`${indent!.length} (${group},${element}) ${theVR} VM ${vm} ${withLengths && !CHARSET_VRS.has(vr!) ? even : ''}`);
  }
  return rows;
}

const readable = manifest.filter((r) => r.readableBy.dcmtk && r.dump);

/** Its last item declares 248 bytes but the file ends 24 bytes earlier: dcmdump prints the declared length, we the bytes read. */
const LENGTHS_DIFFER = new Set(['test_files/dicomdirtests/DICOMDIR-nooffset']);

describe('dump lists what dcmdump lists', () => {
  test.each(readable.map((r) => [r.path, r] as const))('%s', async (_, r) => {
    const { code, stdout } = await cli('dump', path.join(corpus, 'files', r.path));
    expect(code).toBe(0);
    const withLengths = !LENGTHS_DIFFER.has(r.path);
    const reference = structure(readFileSync(path.join(corpus, r.dump!), 'utf8'), withLengths);
    expect(structure(stdout, withLengths)).toEqual(reference);
  });
});

describe('files DCMTK cannot read', () => {
  const dump = (rel: string) => cli('dump', path.join(corpus, 'files', rel));

  test.each([
    ['test_files/MR_truncated.dcm', 1488, '(7FE0,0010)'],
    ['test_files/no_meta.dcm', 0, '(0820,0500)'],
    ['test_files/rtplan_truncated.dcm', 1410, '(300A,00B0)'],
  ])('%s: exit code 1, one line on stderr with the file, offset and tag', async (rel, offset, tag) => {
    const { code, stdout, stderr } = await dump(rel);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${path.join(corpus, 'files', rel)}, offset ${offset}, tag ${tag}: `);
  });

  test('SC_rgb_jpeg: listed, read as implicit VR, with the warning on stderr', async () => {
    const { code, stdout, stderr } = await dump('test_files/SC_rgb_jpeg.dcm');
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: .*SC_rgb_jpeg\.dcm, offset \d+: data set is implicit VR although the Transfer Syntax is JPEG Baseline/);
    expect(stdout).toContain('(0028,0004) CS [RGB]');
    // Pixel Data of undefined length in implicit VR: OW (PS3.5 A.1), encapsulated.
    expect(stdout).toMatch(/\(7fe0,0010\) OW \(PixelSequence #=\d+\)/);
  });
});
