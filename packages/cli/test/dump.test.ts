// `dcmkit dump`: the dcmdump-like listing of generated files, its options, big files and bad input.
import { afterAll, describe, expect, test } from 'vitest';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TransferSyntax } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';
import {
  ILE,
  SEQ_END,
  UNDEFINED,
  concat,
  element,
  encapsulatedPixelData,
  header,
  item,
  marker,
  nums,
  part10,
  sequence,
  str,
} from '../../core/test/fixtures/builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-dump-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const pixels = nums('u16', Array.from({ length: 100 }, (_, i) => i));
const sample = file(
  'sample.dcm',
  part10(
    TransferSyntax.ExplicitVRLittleEndian,
    concat(
      element(0x00080016, 'UI', str('1.2.840.10008.5.1.4.1.1.7', 'UI')),
      element(0x00080060, 'CS', str('OT')),
      sequence(0x00081140, [element(0x00081155, 'UI', str('1.2.3', 'UI')), element(0x00081155, 'UI', str('1.2.4', 'UI'))], { undefinedLength: true }),
      element(0x00100010, 'PN', str('Doe^Jane')),
      element(0x00280009, 'AT', nums('u16', [0x0018, 0x1063, 0x0018, 0x1065])),
      element(0x00280010, 'US', nums('u16', [2])),
      element(0x00281050, 'DS', str('40\\50')),
      element(0x00290010, 'LO', str('SIEMENS CSA HEADER')),
      element(0x00291008, 'CS', str('IMAGE NUM 4')),
      element(0x00291101, 'UN', Uint8Array.of(1, 2, 3, 4)),
      element(0x00431001, 'FL', nums('f32', [-77.20406341552734, 0.1])),
      element(0x00431002, 'FD', nums('f64', [862399761.111079, 1e-7])),
      element(0x00431003, 'UN', concat(item(element(0x00100020, 'LO', str('X'), ILE), true), marker(SEQ_END, 0)), undefined, UNDEFINED),
      element(0x7fe00010, 'OW', pixels),
      element(0xfffcfffc, 'OB', new Uint8Array(0)),
    ),
  ),
);

describe('dcmkit dump', () => {
  test('lists the File Meta Information and the data set like dcmdump', async () => {
    const { code, stdout, stderr } = await cli('dump', sample);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['', '# Dicom-File-Format', '', '# Dicom-Meta-Information-Header', '# Used TransferSyntax: Explicit VR Little Endian']);
    expect(lines).toContain('(0002,0001) OB 00\\01                                    #   2, 1 FileMetaInformationVersion');
    expect(lines).toContain('(0002,0010) UI =ExplicitVRLittleEndian                  #  20, 1 TransferSyntaxUID');
    expect(lines).toContain('(0002,0003) UI [1.2.3.4.5.6.7.8.9]                      #  18, 1 MediaStorageSOPInstanceUID');
    const data = lines.slice(lines.indexOf('# Dicom-Data-Set'));
    expect(data.slice(0, 26)).toEqual([
      '# Dicom-Data-Set',
      '# Used TransferSyntax: Explicit VR Little Endian',
      '(0008,0016) UI =SecondaryCaptureImageStorage            #  26, 1 SOPClassUID',
      '(0008,0060) CS [OT]                                     #   2, 1 Modality',
      '(0008,1140) SQ (Sequence with undefined length #=2)     # u/l, 1 ReferencedImageSequence',
      '  (fffe,e000) na (Item with explicit length #=1)          #  14, 1 Item',
      '    (0008,1155) UI [1.2.3]                                  #   6, 1 ReferencedSOPInstanceUID',
      '  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem',
      '  (fffe,e000) na (Item with explicit length #=1)          #  14, 1 Item',
      '    (0008,1155) UI [1.2.4]                                  #   6, 1 ReferencedSOPInstanceUID',
      '  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem',
      '(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem',
      '(0010,0010) PN [Doe^Jane]                               #   8, 1 PatientName',
      '(0028,0009) AT (0018,1063)\\(0018,1065)                  #   8, 2 FrameIncrementPointer',
      '(0028,0010) US 2                                        #   2, 1 Rows',
      '(0028,1050) DS [40\\50]                                  #   6, 2 WindowCenter',
      '(0029,0010) LO [SIEMENS CSA HEADER]                     #  18, 1 PrivateCreator',
      '(0029,1008) CS [IMAGE NUM 4]                            #  12, 1 CSAImageHeaderType',
      '(0029,1101) UN 01\\02\\03\\04                              #   4, 1 Unknown Tag & Data',
      '(0043,1001) FL -77.2040634\\0.100000001                  #   8, 2 Unknown Tag & Data',
      '(0043,1002) FD 862399761.11107898\\9.9999999999999995e-08 #  16, 2 Unknown Tag & Data',
      // An undefined-length UN holds an implicit VR sequence (PS3.5 6.2.2): listed as one, as dcmdump does.
      '(0043,1003) SQ (Sequence with undefined length #=1)     # u/l, 1 Unknown Tag & Data',
      '  (fffe,e000) na (Item with undefined length #=1)         # u/l, 1 Item',
      '    (0010,0020) LO [X]                                      #   2, 1 PatientID',
      '  (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem',
      '(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem',
    ]);
    // Long values are shortened; empty ones say so.
    expect(data).toContain('(7fe0,0010) OW 0000\\0001\\0002\\0003\\0004\\0005\\0006\\0007\\0008\\0009\\000a\\000b\\000c... # 200, 1 PixelData');
    expect(data).toContain('(fffc,fffc) OB (no value available)                     #   0, 1 DataSetTrailingPadding');
  });

  test('--full prints long values whole', async () => {
    const { stdout } = await cli('dump', sample, '--full');
    const words = Array.from({ length: 100 }, (_, i) => i.toString(16).padStart(4, '0')).join('\\');
    expect(stdout).toContain(`(7fe0,0010) OW ${words} # 200, 1 PixelData`);
  });

  test('--no-meta leaves out the File Meta Information', async () => {
    const { stdout } = await cli('dump', '--no-meta', sample);
    expect(stdout).not.toContain('(0002,');
    expect(stdout).not.toContain('Dicom-Meta-Information-Header');
    expect(stdout.startsWith('\n# Dicom-Data-Set\n')).toBe(true);
  });

  test('--stop-before-pixel-data stops at the Pixel Data', async () => {
    const { stdout } = await cli('dump', sample, '--stop-before-pixel-data');
    expect(stdout).toContain('(0043,1002) FD');
    expect(stdout).not.toContain('(7fe0,0010)');
    expect(stdout).not.toContain('(fffc,fffc)');
  });

  test('encapsulated Pixel Data: the offset table and each fragment as pi items', async () => {
    const fragment = Uint8Array.from({ length: 40 }, (_, i) => i);
    const p = file('rle.dcm', part10(TransferSyntax.RLELossless, concat(element(0x00280010, 'US', nums('u16', [1])), encapsulatedPixelData([fragment, Uint8Array.of(0xff, 0xd9)], [0]))));
    const lines = (await cli('dump', p)).stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('(7fe0,0010)'));
    expect(lines.slice(at, at + 5)).toEqual([
      '(7fe0,0010) OB (PixelSequence #=3)                      # u/l, 1 PixelData',
      '  (fffe,e000) pi 00\\00\\00\\00                              #   4, 1 Item',
      '  (fffe,e000) pi 00\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14... #  40, 1 Item',
      '  (fffe,e000) pi ff\\d9                                    #   2, 1 Item',
      '(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem',
    ]);
  });

  test('encapsulated Pixel Data of an icon in a sequence item is listed at its depth', async () => {
    const icon = concat(element(0x00280010, 'US', nums('u16', [8])), encapsulatedPixelData([Uint8Array.of(0xff, 0xd9)]));
    const p = file('icon.dcm', part10(TransferSyntax.JPEGBaseline8Bit, sequence(0x00880200, [icon])));
    const lines = (await cli('dump', p)).stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('    (7fe0,0010)'));
    expect(lines.slice(at - 1, at + 5)).toEqual([
      '    (0028,0010) US 8                                        #   2, 1 Rows',
      '    (7fe0,0010) OB (PixelSequence #=2)                      # u/l, 1 PixelData',
      '      (fffe,e000) pi (no value available)                     #   0, 1 Item',
      '      (fffe,e000) pi ff\\d9                                    #   2, 1 Item',
      '    (fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem',
      '  (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem',
    ]);
    // The item's length counts the fragments and delimiters: 10 + 12 + 8 + 8 + 2 + 8.
    expect(lines[at - 2]).toBe('  (fffe,e000) na (Item with explicit length #=2)          #  48, 1 Item');
  });

  test('values left on disk (64 KiB and more) are read for the listing', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => String(i % 10).repeat(3)).join('\\');
    const p = file('bulk.dcm', part10(TransferSyntax.ExplicitVRLittleEndian, concat(element(0x00100218, 'UT', str(text)), element(0x00420011, 'OB', new Uint8Array(70000).fill(7)))));
    const { stdout } = await cli('dump', p);
    expect(stdout).toMatch(/\n\(0010,0218\) UT \[000\\111\\222\\[0-9\\]{40,}\.\.\. # 80000, 1 StrainAdditionalInformation\n/);
    expect(stdout).toContain(`(0042,0011) OB ${'07\\'.repeat(20)}07... # 70000, 1 EncapsulatedDocument`);
    const full = await cli('dump', p, '--full');
    expect(full.stdout).toContain(`(0010,0218) UT [${text}] # 80000, 1 StrainAdditionalInformation`);
  });

  test('a 200 MB file: the header is listed without reading the Pixel Data', async () => {
    const p = path.join(dir, 'large.dcm');
    const length = 200 * 1024 * 1024;
    const head = part10(TransferSyntax.ExplicitVRLittleEndian, concat(element(0x00280008, 'IS', str('200')), header(0x7fe00010, 'OB', length)));
    const fd = openSync(p, 'w');
    writeSync(fd, head);
    ftruncateSync(fd, head.length + length);
    closeSync(fd);
    const start = performance.now();
    const { code, stdout } = await cli('dump', p);
    expect(performance.now() - start).toBeLessThan(3000);
    expect(code).toBe(0);
    expect(stdout).toContain(`(7fe0,0010) OB ${'00\\'.repeat(20)}00... # ${length}, 1 PixelData`);
    rmSync(p);
  });

  test('unreadable input: exit code 1 and one line on stderr naming the file, offset and tag', async () => {
    const bytes = part10(TransferSyntax.ExplicitVRLittleEndian, concat(element(0x00100010, 'PN', str('Cut^Short')), element(0x7fe00010, 'OW', pixels)));
    const p = file('cut.dcm', bytes.subarray(0, bytes.length - 10));
    const { code, stdout, stderr } = await cli('dump', p);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const pixelHeader = bytes.length - pixels.length - 12;
    expect(stderr).toBe(`dcmkit: ${p}, offset ${pixelHeader}, tag (7FE0,0010): 200 bytes of value for OW element (7FE0,0010), only 190 available\n`);
  });

  test('a missing file: exit code 1 and one line on stderr', async () => {
    const { code, stderr } = await cli('dump', path.join(dir, 'nope.dcm'));
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('nope.dcm');
  });

  test('lenient reads print their warnings on stderr and still list', async () => {
    const p = file('odd.dcm', part10(TransferSyntax.ExplicitVRLittleEndian, element(0x00100020, 'LO', Uint8Array.of(0x41, 0x42, 0x43))));
    const { code, stdout, stderr } = await cli('dump', p);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^dcmkit: warning: .*odd\.dcm, offset \d+, tag \(0010,0020\): odd value length 3\n$/);
    expect(stdout).toContain('(0010,0020) LO [ABC]                                    #   3, 1 PatientID');
  });
});
