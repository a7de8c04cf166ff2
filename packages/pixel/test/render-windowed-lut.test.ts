// Rendering a file read by windows (readDicomFile): a 16-bit table of 65536 entries (128 KiB) is past
// the 64 KiB bulk threshold and stays in the file until loadLutData reads it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataSet, DicomParseError, TransferSyntax, writeDicom } from '@dcmkit/core';
import { readDicomFile } from '@dcmkit/core/node';
import { decodeFrame, loadLutData, realWorldValue, realWorldValueMappings, renderFrame } from '@dcmkit/pixel';

const dir = mkdtempSync(path.join(tmpdir(), 'dcmkit-lut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORED = [0, 1000, 40000, 65535];
/** A falling table over all 16-bit inputs: entry i is 65535 - i. */
const FALLING = Uint16Array.from({ length: 0x10000 }, (_, i) => 0xffff - i);
const FALLING_OW = new Uint8Array(FALLING.buffer);
/** The greys of FALLING scaled from 16 bits to 0..255, for the STORED values. */
const FALLING_GREYS = STORED.map((s) => Math.round(((0xffff - s) * 255) / 0xffff));
// A LINEAR_EXACT window passing 0..65535 through unchanged (PS3.3 C.11.2.1.3.2).
const IDENTITY_WINDOW = { center: 32767.5, width: 65535, function: 'LINEAR_EXACT' } as const;

function image(photometricInterpretation: string, extra: (ds: DataSet) => void): DataSet {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7');
  ds.set('SOPInstanceUID', '1.2.3.4.5');
  ds.set('SamplesPerPixel', 1);
  ds.set('PhotometricInterpretation', photometricInterpretation);
  ds.set('Rows', 1);
  ds.set('Columns', STORED.length);
  ds.set('BitsAllocated', 16);
  ds.set('BitsStored', 16);
  ds.set('HighBit', 15);
  ds.set('PixelRepresentation', 0);
  ds.set('PixelData', new Uint8Array(Uint16Array.from(STORED).buffer), 'OW');
  extra(ds);
  return ds;
}

/** An item of a LUT sequence: a 65536-entry 16-bit table (descriptor count 0 means 2^16, PS3.3 C.11.1.1.1). */
function lutItem(ds: DataSet, vr: 'OW' | 'US'): DataSet {
  const item = ds.createItem();
  item.set('LUTDescriptor', [0, 0, 16]);
  item.set('LUTData', vr === 'OW' ? FALLING_OW : [...FALLING], vr);
  return item;
}

let written = 0;
async function writeAndRead(ds: DataSet, syntax: string) {
  const file = path.join(dir, `${written++}.dcm`);
  writeFileSync(file, writeDicom({ dataset: ds }, { transferSyntax: syntax }));
  return readDicomFile(file);
}

/** The RGBA pixels of frame 0 of a windowed read: renderFrame fails before loadLutData, renders after. */
async function rendered(ds: DataSet, syntax: string = TransferSyntax.ExplicitVRLittleEndian): Promise<number[]> {
  const file = await writeAndRead(ds, syntax);
  try {
    const frame = await decodeFrame(file, 0);
    expect(() => renderFrame(frame, file.dataset)).toThrow(/loadLutData/);
    await loadLutData(file.dataset);
    return [...renderFrame(frame, file.dataset).rgba];
  } finally {
    await file.source.close?.();
  }
}

const rgbaOf = (greys: number[]): number[] => greys.flatMap((g) => [g, g, g, 255]);

function identityWindow(ds: DataSet): void {
  ds.set('WindowCenter', IDENTITY_WINDOW.center);
  ds.set('WindowWidth', IDENTITY_WINDOW.width);
  ds.set('VOILUTFunction', IDENTITY_WINDOW.function);
}

describe('LUT Data left in the file by a windowed read', () => {
  it('is deferred until loadLutData, which leaves it in memory', async () => {
    const file = await writeAndRead(image('MONOCHROME2', (ds) => ds.set('VOILUTSequence', [lutItem(ds, 'OW')])), TransferSyntax.ExplicitVRLittleEndian);
    try {
      const lutData = file.dataset.items('VOILUTSequence')[0]!.element('LUTData')!;
      expect(lutData.deferred).toBe(true);
      const frame = await decodeFrame(file, 0);
      expect(() => renderFrame(frame, file.dataset)).toThrow(DicomParseError);
      await loadLutData(file.dataset);
      expect(lutData.deferred).toBe(false);
      expect(lutData.bytes!.length).toBe(FALLING_OW.length);
      expect(lutData.bytes!.every((b, i) => b === FALLING_OW[i])).toBe(true);
    } finally {
      await file.source.close?.();
    }
  });

  it.each([TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian])('renders a 65536-entry VOI LUT Sequence (OW, %s)', async (syntax) => {
    expect(await rendered(image('MONOCHROME2', (ds) => ds.set('VOILUTSequence', [lutItem(ds, 'OW')])), syntax)).toEqual(rgbaOf(FALLING_GREYS));
  });

  it('renders a 65536-entry VOI LUT Sequence as US in Implicit VR', async () => {
    const ds = image('MONOCHROME2', (d) => d.set('VOILUTSequence', [lutItem(d, 'US')]));
    expect(await rendered(ds, TransferSyntax.ImplicitVRLittleEndian)).toEqual(rgbaOf(FALLING_GREYS));
  });

  it('renders a 65536-entry Presentation LUT Sequence', async () => {
    const ds = image('MONOCHROME2', (d) => {
      identityWindow(d);
      d.set('PresentationLUTSequence', [lutItem(d, 'OW')]);
    });
    expect(await rendered(ds)).toEqual(rgbaOf(FALLING_GREYS));
  });

  it('renders a 65536-entry Modality LUT Sequence', async () => {
    const ds = image('MONOCHROME2', (d) => {
      identityWindow(d);
      d.set('ModalityLUTSequence', [lutItem(d, 'OW')]);
    });
    expect(await rendered(ds)).toEqual(rgbaOf(FALLING_GREYS));
  });

  it('renders 65536-entry Palette Color LUTs, whole and segmented', async () => {
    const ramp = new Uint8Array(Uint16Array.from({ length: 0x10000 }, (_, i) => i).buffer);
    const palette = (segmentedBlue: boolean) =>
      image('PALETTE COLOR', (ds) => {
        for (const c of ['Red', 'Green', 'Blue'] as const) ds.set(`${c}PaletteColorLookupTableDescriptor`, [0, 0, 16]);
        ds.set('RedPaletteColorLookupTableData', ramp, 'OW');
        ds.set('GreenPaletteColorLookupTableData', FALLING_OW, 'OW');
        // Segmented: two discrete segments [0, 32768, values...] of 32768 values each (PS3.3 C.7.9.2), 128 KiB as well.
        const segment = [0, 0x8000, ...Array<number>(0x8000).fill(0x8000)];
        const discrete = Uint16Array.from([...segment, ...segment]);
        if (segmentedBlue) ds.set('SegmentedBluePaletteColorLookupTableData', new Uint8Array(discrete.buffer), 'OW');
        else ds.set('BluePaletteColorLookupTableData', new Uint8Array(Uint16Array.from({ length: 0x10000 }, () => 0x8000).buffer), 'OW');
      });
    // 16-bit entries by their top 8 bits.
    const expected = STORED.flatMap((s) => [s >> 8, (0xffff - s) >> 8, 0x80, 255]);
    expect(await rendered(palette(false))).toEqual(expected);
    expect(await rendered(palette(true))).toEqual(expected);
  });
});

describe('Real World Value LUT Data left in the file', () => {
  it('is refused before loadLutData and read after it, top level and in functional groups (65536 FD entries, 512 KiB)', async () => {
    const table = (holder: DataSet) => {
      const item = holder.createItem();
      item.set('RealWorldValueFirstValueMapped', 0, 'US');
      item.set('RealWorldValueLastValueMapped', 0xffff, 'US');
      item.set('RealWorldValueLUTData', Array.from({ length: 0x10000 }, (_, i) => i / 4));
      holder.set('RealWorldValueMappingSequence', [item]);
    };
    const topLevel = image('MONOCHROME2', table);
    const shared = image('MONOCHROME2', (ds) => {
      const group = ds.createItem();
      table(group);
      ds.set('SharedFunctionalGroupsSequence', [group]);
    });
    for (const ds of [topLevel, shared]) {
      const file = await writeAndRead(ds, TransferSyntax.ExplicitVRLittleEndian);
      try {
        expect(() => realWorldValueMappings(file.dataset)).toThrow(/call loadLutData first/);
        await loadLutData(file.dataset);
        const [mapping] = realWorldValueMappings(file.dataset);
        expect(mapping!.lut).toHaveLength(0x10000);
        expect(STORED.map((s) => realWorldValue(mapping!, s))).toEqual(STORED.map((s) => s / 4));
      } finally {
        await file.source.close?.();
      }
    }
  });
});
