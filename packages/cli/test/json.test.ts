// `dcmkit json FILE`: dcm2json-compatible DICOM JSON on stdout; bad input fails with one line.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TransferSyntax } from '@dcmkit/core';
import { cli } from '../../../test/cli-run.js';
import { concat, element, encapsulatedPixelData, nums, part10, str } from '../../core/test/fixtures/builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = path.resolve(fileURLToPath(import.meta.url), '../../../../../shared/corpus');

function file(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const native = file(
  'native.dcm',
  part10(
    TransferSyntax.ExplicitVRLittleEndian,
    concat(
      element(0x00080000, 'UL', nums('u32', [18])),
      element(0x00080005, 'CS', str('ISO_IR 100')),
      element(0x00100010, 'PN', Uint8Array.from([0x44, 0xfc, 0x72, 0x65, 0x72, 0x5e, 0x4a, 0x20])),
      element(0x00189089, 'FD', nums('f64', [0.3])),
      element(0x7fe00010, 'OW', nums('u16', [1, 2])),
    ),
  ),
);
const encapsulated = file('jpeg.dcm', part10(TransferSyntax.JPEGBaseline8Bit, encapsulatedPixelData([Uint8Array.of(0xff, 0xd8, 0xff, 0xd9)])));

describe('dcmkit json', () => {
  test("prints dcm2json's text: UTF-8 with ISO_IR 192, no group length, Pixel Data as a placeholder", async () => {
    const r = await cli('json', native);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '{',
        '  "00080005": {',
        '    "vr": "CS",',
        '    "Value": [',
        '      "ISO_IR 192"',
        '    ]',
        '  },',
        '  "00100010": {',
        '    "vr": "PN",',
        '    "Value": [',
        '      {',
        '        "Alphabetic": "Dürer^J"',
        '      }',
        '    ]',
        '  },',
        '  "00189089": {',
        '    "vr": "FD",',
        '    "Value": [',
        '      0.3',
        '    ]',
        '  },',
        '  "7FE00010": {',
        '    "vr": "OW",',
        '    "BulkDataURI": "omitted-pixel-data"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('options: Pixel Data inline or at a given URI, group lengths kept', async () => {
    const inline = JSON.parse((await cli('json', '--inline-pixel-data', '--group-lengths', native)).stdout);
    expect(inline['7FE00010']).toEqual({ vr: 'OW', InlineBinary: 'AQACAA==' });
    expect(inline['00080000']).toEqual({ vr: 'UL', Value: [18] });
    const uri = JSON.parse((await cli('json', '--pixel-data-uri', 'frames/1', encapsulated)).stdout);
    expect(uri['7FE00010']).toEqual({ vr: 'OB', BulkDataURI: 'frames/1' });
  });

  test('equals the corpus reference text for a real file', async () => {
    const r = await cli('json', path.join(corpus, 'files/test_files/CT_small.dcm'));
    expect(r.stdout).toBe(readFileSync(path.join(corpus, 'json/test_files/CT_small.dcm.json'), 'utf8'));
  });

  test('what cannot be written or read fails with one line and exit code 1', async () => {
    const jpeg = await cli('json', '--inline-pixel-data', encapsulated);
    expect(jpeg.code).toBe(1);
    expect(jpeg.stderr).toMatch(/^dcmkit: \(7FE0,0010\): encapsulated Pixel Data needs a BulkDataURI.*\n$/);
    const missing = await cli('json', path.join(dir, 'nope.dcm'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')).toHaveLength(2);
    const garbage = await cli('json', file('garbage.dcm', concat(new Uint8Array(128), str('DICM'), element(0x00020010, 'UI', str('1.2.840.10008.1.2.1', 'UI')), Uint8Array.of(8, 0, 0x10, 0, 0x4c, 0x4f, 0xff, 0x7f))));
    expect(garbage.code).toBe(1);
    expect(garbage.stdout).toBe('');
  });
});
