// renderFrame (PS3.4 N.2): grayscale through Modality, VOI and Presentation LUTs, palette and true
// colour; the table path against per-pixel math; corpus renders against golden hashes of the RGBA
// (golden/renders.json: each was rendered to PNG and looked at when recorded; `seen` says what showed).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataSet } from '@dcmkit/core';
import { registerAllCodecs } from '@dcmkit/codecs';
import { codecs, decodeFrame, PixelDataError, renderFrame, sha256Hex, windowOutput, type DType, type PixelArray, type PixelFrame, type RenderOptions } from '@dcmkit/pixel';
import { hasCorpus, openCorpusFile } from './render-corpus.js';

const mono = (data: PixelArray, dtype: DType, columns: number, photometricInterpretation = 'MONOCHROME2'): PixelFrame => ({
  data,
  dtype,
  rows: data.length / columns,
  columns,
  samplesPerPixel: 1,
  photometricInterpretation,
  index: 0,
});

/** The grey of each pixel (R, checking R = G = B and A = 255). */
function greys(rgba: Uint8ClampedArray): number[] {
  const out: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) {
    expect([rgba[i + 1], rgba[i + 2], rgba[i + 3]]).toEqual([rgba[i], rgba[i], 255]);
    out.push(rgba[i]!);
  }
  return out;
}

function ct(): DataSet {
  const ds = new DataSet();
  ds.set('Modality', 'CT');
  ds.set('PixelRepresentation', 1);
  ds.set('RescaleSlope', 1);
  ds.set('RescaleIntercept', -1024);
  return ds;
}

describe('grayscale', () => {
  const stored = [-2000, 0, 24, 1000, 1024, 1064, 1100, 2000, 3000];

  it('applies rescale then the window, rounding the standard LINEAR output', () => {
    const ds = ct();
    ds.set('WindowCenter', 40);
    ds.set('WindowWidth', 80);
    const r = renderFrame(mono(Int16Array.from(stored), 'int16', 3), ds);
    expect(r).toMatchObject({ width: 3, height: 3, window: { center: 40, width: 80 } });
    expect(greys(r.rgba)).toEqual(stored.map((s) => Math.round(windowOutput({ center: 40, width: 80 }, s - 1024, 0, 255))));
    expect(greys(r.rgba)).toEqual([0, 0, 0, 0, 0, 129, 245, 255, 255]);
  });

  it('computes the same greys through a table (int16) as pixel by pixel (float32, wide int32)', () => {
    const ds = ct();
    const window = { center: -600, width: 1500 };
    const table = greys(renderFrame(mono(Int16Array.from(stored), 'int16', 3), ds, { window }).rgba);
    const float = greys(renderFrame(mono(Float32Array.from(stored), 'float32', 3), ds, { window }).rgba);
    // A range of more than 2^16 values forces per-pixel math.
    const wide = Int32Array.from([...stored, -100000, 100000, 0]);
    const perPixel = greys(renderFrame(mono(wide, 'int32', 3), ds, { window }).rgba).slice(0, stored.length);
    expect(float).toEqual(table);
    expect(perPixel).toEqual(table);
  });

  it('takes a window, then a preset, then the file\'s VOI by index or explanation', () => {
    const ds = ct();
    ds.set('WindowCenter', [40, 480]);
    ds.set('WindowWidth', [80, 2500]);
    ds.set('WindowCenterWidthExplanation', ['BRAIN', 'BONE']);
    const frame = mono(Int16Array.from(stored), 'int16', 3);
    const windowOf = (opts: RenderOptions) => renderFrame(frame, ds, opts).window;
    expect(windowOf({})).toEqual({ center: 40, width: 80, explanation: 'BRAIN' });
    expect(windowOf({ voiIndex: 1 })).toEqual({ center: 480, width: 2500, explanation: 'BONE' });
    expect(windowOf({ voiExplanation: 'bone' })).toEqual({ center: 480, width: 2500, explanation: 'BONE' });
    expect(windowOf({ preset: 'lung' })).toEqual({ center: -600, width: 1500, function: 'LINEAR', explanation: 'lung' });
    expect(windowOf({ preset: 'lung', window: { center: 1, width: 2 } })).toEqual({ center: 1, width: 2 });
    expect(() => windowOf({ preset: 'kidney' })).toThrow(/unknown window preset/);
    expect(() => windowOf({ voiIndex: 2 })).toThrow(/no VOI transform #2/);
    expect(() => windowOf({ window: { center: 0, width: 0 } })).toThrow(/width must be/);
  });

  it('spans the modality values without Pixel Padding when the file has no window', () => {
    const ds = ct();
    ds.set('PixelPaddingValue', -2000, 'SS');
    const r = renderFrame(mono(Int16Array.from(stored), 'int16', 3), ds);
    // Stored 0..3000 without the padding -2000: HU -1024..1976.
    expect(r.window).toEqual({ center: 476, width: 3000, function: 'LINEAR_EXACT', explanation: 'data range' });
    expect(greys(r.rgba)).toEqual([0, 0, 2, 85, 87, 90, 94, 170, 255]);
  });

  it('shows MONOCHROME1 inverted, low values white; Presentation LUT Shape and `invert` decide last', () => {
    // A 5x5 phantom: a low-valued "bone" cross in a high-valued background, as a CR stores it.
    const phantom = Uint16Array.from({ length: 25 }, (_, i) => (i % 5 === 2 || Math.floor(i / 5) === 2 ? 200 : 3800));
    const ds = new DataSet();
    ds.set('WindowCenter', 2048);
    ds.set('WindowWidth', 4096);
    const frame = mono(phantom, 'uint16', 5, 'MONOCHROME1');
    const shown = greys(renderFrame(frame, ds).rgba);
    expect(shown[12]).toBe(243); // bone: 255 - round(((200 - 2047.5) / 4095 + 0.5) * 255)
    expect(shown[0]).toBe(18); // background
    expect(greys(renderFrame(frame, ds, { invert: true }).rgba)[12]).toBe(12);
    ds.set('PresentationLUTShape', 'IDENTITY');
    expect(greys(renderFrame(frame, ds).rgba)[12]).toBe(12);
  });

  it('uses the functional groups of the frame it renders', () => {
    const ds = new DataSet();
    const group = (intercept: number, center: number) => {
      const fg = ds.createItem();
      const pvt = fg.createItem();
      pvt.set('RescaleSlope', 1);
      pvt.set('RescaleIntercept', intercept);
      const voi = fg.createItem();
      voi.set('WindowCenter', center);
      voi.set('WindowWidth', 101);
      fg.set('PixelValueTransformationSequence', [pvt]);
      fg.set('FrameVOILUTSequence', [voi]);
      return fg;
    };
    ds.set('PerFrameFunctionalGroupsSequence', [group(0, 0.5), group(-1000, -999.5)]);
    const frame = { ...mono(Int16Array.from([-50, 0, 50]), 'int16', 3), index: 1 };
    // Frame 1: values -1050, -1000, -950 through the window centred at -999.5: black, mid grey, white.
    expect(renderFrame(frame, ds).window).toEqual({ center: -999.5, width: 101 });
    expect(greys(renderFrame(frame, ds).rgba)).toEqual([0, 128, 255]);
    expect(greys(renderFrame(frame, ds, { frameIndex: 0 }).rgba)).toEqual([0, 128, 255]);
  });

  it('applies a VOI LUT Sequence over signed modality values', () => {
    const ds = ct();
    ds.set('PixelRepresentation', 0);
    const item = ds.createItem();
    item.set('LUTDescriptor', [3, 0xfc00, 8]); // first mapped -1024, as US
    item.set('LUTData', [0, 100, 255]);
    ds.set('VOILUTSequence', [item]);
    const r = renderFrame(mono(Uint16Array.from([0, 1, 2, 3000]), 'uint16', 4), ds);
    expect(r.window).toBeUndefined();
    expect(r.voi?.kind).toBe('lut');
    expect(greys(r.rgba)).toEqual([0, 100, 255, 255]);
  });

  it('rejects a frame shorter than its size', () => {
    const frame = { ...mono(new Int16Array(9), 'int16', 3), rows: 4 };
    expect(() => renderFrame(frame, ct())).toThrow(PixelDataError);
  });
});

describe('colour', () => {
  it('looks PALETTE COLOR indices up, 16-bit entries by their high byte', () => {
    const ds = new DataSet();
    ds.set('PixelRepresentation', 0);
    const words = (w: number[]) => new Uint8Array(Uint16Array.from(w).buffer);
    for (const c of ['Red', 'Green', 'Blue'] as const) ds.set(`${c}PaletteColorLookupTableDescriptor`, [3, 1, 16]);
    ds.set('RedPaletteColorLookupTableData', words([0xff00, 0x0000, 0x8000]), 'OW');
    ds.set('GreenPaletteColorLookupTableData', words([0x0000, 0xffff, 0x8000]), 'OW');
    ds.set('BluePaletteColorLookupTableData', words([0x0000, 0x0000, 0x80ff]), 'OW');
    const r = renderFrame(mono(Uint8Array.from([0, 1, 2, 3, 9]), 'uint8', 5, 'PALETTE COLOR'), ds);
    expect([...r.rgba]).toEqual([255, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 128, 128, 128, 255, 128, 128, 128, 255]);
    expect(r.window).toBeUndefined();
  });

  it('scales 16-bit RGB to 8 bits and converts YBR_FULL', () => {
    const ds = new DataSet();
    ds.set('BitsStored', 16);
    const rgb16: PixelFrame = { data: Uint16Array.from([65535, 32768, 0]), dtype: 'uint16', rows: 1, columns: 1, samplesPerPixel: 3, photometricInterpretation: 'RGB', index: 0 };
    expect([...renderFrame(rgb16, ds).rgba]).toEqual([255, 128, 0, 255]);
    ds.set('BitsStored', 8);
    const ybr: PixelFrame = { data: Uint8Array.from([76, 85, 255]), dtype: 'uint8', rows: 1, columns: 1, samplesPerPixel: 3, photometricInterpretation: 'YBR_FULL', index: 0 };
    expect([...renderFrame(ybr, ds).rgba]).toEqual([254, 0, 0, 255]);
  });
});

interface Golden {
  file: string;
  options: RenderOptions;
  sha256: string;
  seen: string;
}
const GOLDEN = JSON.parse(readFileSync(new URL('golden/renders.json', import.meta.url), 'utf8')) as Golden[];

const rgbaHash = async (rgba: Uint8ClampedArray) => sha256Hex(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));

describe.runIf(hasCorpus)('corpus renders (golden RGBA hashes)', () => {
  beforeAll(() => registerAllCodecs(codecs));

  it('shows a MONOCHROME1 twin of CT_small (stored values mirrored) like the original: bone white', async () => {
    const file = openCorpusFile('test_files/CT_small.dcm');
    const frame = await decodeFrame(file, 0, { maskToBitsStored: true });
    const window = { center: 480 + 1024, width: 2500, function: 'LINEAR_EXACT' as const };
    const original = greys(renderFrame(frame, new DataSet(), { window }).rgba);
    const K = 4000;
    const twin = { ...frame, data: Int16Array.from(frame.data, (v) => K - v), photometricInterpretation: 'MONOCHROME1' };
    const mirrored = greys(renderFrame(twin, new DataSet(), { window: { ...window, center: K - window.center } }).rgba);
    expect(mirrored.every((g, i) => Math.abs(g - original[i]!) <= 1)).toBe(true);
    // Bright vertebra at the top centre, black lung in the top corners.
    let vertebra = 0;
    for (let y = 0; y < 40; y++) for (let x = 40; x < 90; x++) vertebra = Math.max(vertebra, mirrored[y * 128 + x]!);
    expect(vertebra).toBeGreaterThan(120);
    expect([mirrored[2 * 128 + 2], mirrored[2 * 128 + 125]]).toEqual([0, 0]);
  });

  it.each(GOLDEN.map((g) => [g.file, g.options, g] as const))('%s %j', async (p, options, { sha256 }) => {
    const file = openCorpusFile(p);
    const r = renderFrame(await decodeFrame(file, 0, { maskToBitsStored: true }), file.dataset, options);
    expect(await rgbaHash(r.rgba)).toBe(sha256);
  });
});
