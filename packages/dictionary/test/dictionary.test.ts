import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lookupTag, lookupKeyword, lookupPrivate, lookupUid, resolveUid, tagOf, TransferSyntax, SopClass } from '@dcmkit/dictionary';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('data dictionary (PS3.6)', () => {
  it('is what the generator makes from ../shared/standard', () => {
    const out = execFileSync('node', ['scripts/gen-dictionary.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('up to date');
  });

  it('looks up public tags and keywords', () => {
    expect(lookupTag(0x00100010)).toMatchObject({ keyword: 'PatientName', vr: 'PN', vm: '1' });
    expect(tagOf('Rows')).toBe(0x00280010);
    expect(lookupKeyword('ImageType')).toMatchObject({ vr: 'CS', vm: '2-n' });
    expect(lookupTag(0x7fe00010)).toMatchObject({ vr: 'OB', vrs: ['OB', 'OW'] });
  });

  it('resolves repeating groups (60xx overlays, 50xx curves)', () => {
    expect(lookupTag(0x60003000)?.keyword).toBe('OverlayData');
    expect(lookupTag(0x60023000)?.keyword).toBe('OverlayData');
    expect(lookupTag(0x601e0010)?.keyword).toBe('OverlayRows');
    expect(lookupTag(0x60013000)).toBeUndefined();
  });

  it('treats (gggg,0000) as a UL group length', () => {
    expect(lookupTag(0x00090000)).toMatchObject({ vr: 'UL' });
  });

  it('finds private elements by Private Creator and block', () => {
    const creators = ['SIEMENS CSA HEADER', 'GEMS_ACQU_01'];
    const found = creators.map((c) => lookupPrivate(c, 0x00291010) ?? lookupPrivate(c, 0x00191010));
    expect(found.some((e) => e !== undefined)).toBe(true);
    const siemens = lookupPrivate('SIEMENS CSA HEADER', 0x00291110);
    expect(siemens?.vr).toBe('OB');
  });

  it('knows UIDs, transfer syntaxes and SOP classes', () => {
    expect(TransferSyntax.ExplicitVRLittleEndian).toBe('1.2.840.10008.1.2.1');
    expect(SopClass.CTImageStorage).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(lookupUid('1.2.840.10008.1.2.4.50')?.name).toContain('JPEG Baseline');
    expect(resolveUid('JPEG2000Lossless')).toBe('1.2.840.10008.1.2.4.90');
    expect(resolveUid('no such')).toBeUndefined();
  });
});
