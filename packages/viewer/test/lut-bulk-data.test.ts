// LUT Data given as BulkDataURIs in the archive's metadata: retrieved (and nothing else), set with the
// element's VR, once per instance beside its first frame; only URIs under the DICOMweb root are fetched.
import { DicomParseError, TransferSyntax, fromDicomJson, parseDicom, toDicomJson, writeDicom, type DataSet, type DicomJson, type Element } from '@dcmkit/core';
import { encodeMultipart, formatBulkTagPath, newBoundary, parseBulkTagPath } from '@dcmkit/dicomweb';
import { modalityLut, paletteColorLut, presentationLut, voiLuts, type PixelFrame } from '@dcmkit/pixel';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DicomwebClient, ForeignBulkDataURIError } from '../src/archive/dicomweb-client.js';
import type { DecoderPool } from '../src/frames/decoder-pool.js';
import { openArchiveStudy } from '../src/study/archive-study.js';
import { retrieveLutData } from '../src/study/lut-bulk-data.js';
import { ctSeries } from './support/ct-series.js';
import { paletteImage } from './support/palette-image.js';

/** As the archive decides (packages/server/src/ingest/describe.ts): binary values of 1 KiB and more, and any of 16 KiB and more. */
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const isBulk = (el: Element) => (BINARY_VRS.has(el.vr) && el.length >= 1024) || el.length >= 16 * 1024;

/** An instance as the archive stores it, and its WADO-RS metadata with BulkDataURIs. */
function archived(file: Uint8Array): { stored: DataSet; json: DicomJson } {
  const stored = parseDicom(file).dataset;
  const uid = (keyword: 'StudyInstanceUID' | 'SeriesInstanceUID' | 'SOPInstanceUID') => stored.getText(keyword)!.replace(/\0/g, '').trim();
  const instance = `/dicomweb/studies/${uid('StudyInstanceUID')}/series/${uid('SeriesInstanceUID')}/instances/${uid('SOPInstanceUID')}`;
  const json = toDicomJson(stored, { bulkData: (el, path) => (isBulk(el) ? `${instance}/bulk/${formatBulkTagPath(path)}` : undefined) });
  return { stored, json };
}

/** The value a BulkDataURI of `stored` points to, as WADO-RS Retrieve Bulkdata sends it (little endian). */
function bulkValue(stored: DataSet, uri: string): Uint8Array {
  const path = parseBulkTagPath(uri.slice(uri.indexOf('/bulk/') + '/bulk/'.length))!;
  let ds = stored;
  for (let i = 0; i + 1 < path.length; i += 2) ds = ds.items(path[i]!)[path[i + 1]!]!;
  return ds.element(path.at(-1)!)!.bytes!;
}

/** `count` entries of `entry` as little-endian 16-bit words (OW). */
const words = (count: number, entry: (i: number) => number) => new Uint8Array(Uint16Array.from({ length: count }, (_, i) => entry(i)).buffer);

/**
 * The palette image with every kind of LUT Data: whole and segmented palettes, a Modality LUT (OW),
 * VOI LUTs (16384 US entries, 32 KiB, and 16 inline), a Presentation LUT (OW); and Overlay Data, not a LUT.
 */
function everyLut(): Uint8Array {
  const ds = paletteImage({ seed: 71, rows: 128, columns: 128 }).dataset;
  // Blue as segments (PS3.3 C.7.9.2): 600 discrete entries of 0xffff, then a linear one down to 0.
  const segments = [0, 600, ...Array<number>(600).fill(0xffff), 1, 0x10000 - 600, 0];
  ds.set('SegmentedBluePaletteColorLookupTableData', words(segments.length, (i) => segments[i]!), 'OW');
  const item = (descriptor: number[], data: Uint8Array | number[], vr: string) => {
    const it = ds.createItem();
    it.set('LUTDescriptor', descriptor, 'US');
    it.set('LUTData', data, vr);
    return it;
  };
  ds.set('ModalityLUTSequence', [item([4096, 0, 16], words(4096, (i) => i * 2), 'OW')]);
  ds.set('VOILUTSequence', [
    item([16384, 0, 16], Array.from({ length: 16384 }, (_, i) => 0xffff - i), 'US'),
    item([16, 0, 8], Array.from({ length: 16 }, (_, i) => i * 16), 'US'),
  ]);
  ds.set('PresentationLUTSequence', [item([4096, 0, 12], words(4096, (i) => 4095 - i), 'OW')]);
  ds.set(0x60000010, 128, 'US');
  ds.set(0x60000011, 128, 'US');
  ds.set(0x60003000, new Uint8Array((128 * 128) / 8), 'OW');
  return writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian });
}

/** A fake Retrieve Bulkdata: records each URI and answers when `release` is called. */
function fakeRetrieve(stored: DataSet) {
  const uris: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const retrieve = async (uri: string) => {
    uris.push(uri);
    await released;
    return bulkValue(stored, uri);
  };
  return { uris, retrieve, release };
}

const tagPaths = (uris: string[]) => uris.map((uri) => uri.slice(uri.indexOf('/bulk/') + '/bulk/'.length)).sort();

describe('retrieveLutData', () => {
  const { stored, json } = archived(everyLut());

  test('the metadata gives the large LUT values as BulkDataURIs: the palettes cannot be read as they come', () => {
    expect(json['00281201']).toEqual({ vr: 'OW', BulkDataURI: expect.stringMatching(/\/bulk\/00281201$/) });
    expect(json['00283010']!.Value![0]).toMatchObject({ '00283006': { vr: 'US', BulkDataURI: expect.any(String) } });
    expect(() => paletteColorLut(fromDicomJson(json))).toThrow(DicomParseError);
  });

  test('retrieves every LUT Data value in parallel, and no other bulk data', async () => {
    const ds = fromDicomJson(json);
    const { uris, retrieve, release } = fakeRetrieve(stored);
    const done = retrieveLutData(ds, retrieve);
    // All requested before any answer came.
    await vi.waitFor(() => expect(uris).toHaveLength(7));
    release();
    await done;
    expect(tagPaths(uris)).toEqual(['00281201', '00281202', '00281203', '00281223', '00283000.0.00283006', '00283010.0.00283006', '20500010.0.00283006']);
    // Pixel Data and Overlay Data stay references.
    expect(ds.element('PixelData')!.bulkDataURI).toMatch(/\/bulk\/7FE00010$/);
    expect(ds.element(0x60003000)!.bulkDataURI).toMatch(/\/bulk\/60003000$/);
  });

  test('the LUTs read from the filled data set are those of the stored instance, with the VRs the metadata gives', async () => {
    const ds = fromDicomJson(json);
    const { retrieve, release } = fakeRetrieve(stored);
    release();
    await retrieveLutData(ds, retrieve);
    expect(paletteColorLut(ds)).toEqual(paletteColorLut(stored));
    expect(paletteColorLut(ds).blue.data[600]).toBeLessThan(0xffff);
    expect(modalityLut(ds)).toEqual(modalityLut(stored));
    expect(voiLuts(ds)).toEqual(voiLuts(stored));
    expect(presentationLut(ds, 'MONOCHROME2')).toEqual(presentationLut(stored, 'MONOCHROME2'));
    const voiData = ds.items('VOILUTSequence')[0]!.element('LUTData')!;
    expect(voiData.vr).toBe('US');
    expect(ds.items('VOILUTSequence')[0]!.getNumbers('LUTData').slice(0, 3)).toEqual([0xffff, 0xfffe, 0xfffd]);
    expect(ds.element('RedPaletteColorLookupTableData')!.vr).toBe('OW');
    // Filled values are no longer references: a second call retrieves nothing.
    const again = fakeRetrieve(stored);
    again.release();
    await retrieveLutData(ds, again.retrieve);
    expect(again.uris).toEqual([]);
  });

  test('US LUT Data of an odd number of bytes is a DicomParseError', async () => {
    const ds = fromDicomJson(json);
    await expect(retrieveLutData(ds, async (uri) => (uri.endsWith('00283010.0.00283006') ? new Uint8Array(3) : bulkValue(stored, uri)))).rejects.toThrow(DicomParseError);
  });
});

describe('DicomwebClient.bulkData', () => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  afterEach(() => {
    vi.unstubAllGlobals();
    fetch.mockReset();
  });
  const client = new DicomwebClient('http://archive.test/dicomweb');

  test('retrieves the value as multipart/related application/octet-stream', async () => {
    const value = words(4, (i) => i + 1);
    const boundary = newBoundary();
    fetch.mockResolvedValue(
      new Response(encodeMultipart([{ headers: { 'Content-Type': 'application/octet-stream' }, body: value }], boundary) as BodyInit, {
        headers: { 'content-type': `multipart/related; type="application/octet-stream"; boundary=${boundary}` },
      }),
    );
    vi.stubGlobal('fetch', fetch);
    expect(await client.bulkData('/dicomweb/studies/1.2/series/1.3/instances/1.4/bulk/00281201')).toEqual(value);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://archive.test/dicomweb/studies/1.2/series/1.3/instances/1.4/bulk/00281201');
    expect(new Headers(init?.headers).get('accept')).toBe('multipart/related; type="application/octet-stream"');
  });

  test.each([
    'http://elsewhere.test/dicomweb/studies/1/series/2/instances/3/bulk/00281201',
    '//elsewhere.test/dicomweb/bulk/00281201',
    'https://archive.test/dicomweb/bulk/00281201',
    'http://user:secret@archive.test/dicomweb/bulk/00281201',
    '/admin/bulk/00281201',
    '/dicomweb-other/bulk/00281201',
    '/dicomweb/../admin/00281201',
    '/dicomweb/%2e%2e/admin/00281201',
    'http://[::1',
  ])('does not fetch %s, outside the DICOMweb root', async (uri) => {
    vi.stubGlobal('fetch', fetch);
    await expect(client.bulkData(uri)).rejects.toThrow(ForeignBulkDataURIError);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('an archive study', () => {
  test("retrieves an instance's LUT Data once for all its frames, and other instances' frames do not wait for it", async () => {
    const palette = paletteImage({ seed: 72 });
    const other = ctSeries({ count: 1, seed: 73, patientName: 'Palette^Pat', patientID: 'PAL72', studyInstanceUID: palette.studyInstanceUID, seriesNumber: 2 });
    const { stored, json } = archived(palette.file);
    const { uris, retrieve, release } = fakeRetrieve(stored);
    const frame: PixelFrame = { data: new Uint16Array(1), dtype: 'uint16', rows: 1, columns: 1, samplesPerPixel: 1, photometricInterpretation: 'PALETTE COLOR', index: 0 };
    const client = {
      studyMetadata: async () => [json, archived(other.files[0]!).json],
      frame: async () => ({ bytes: new Uint8Array(2), transferSyntax: TransferSyntax.ExplicitVRLittleEndian }),
      bulkData: retrieve,
      renderedFrame: async () => {
        throw new Error('not rendered by the server in this test');
      },
    } as unknown as DicomwebClient;
    const pool = { decode: async () => frame } as unknown as DecoderPool;
    const study = await openArchiveStudy(client, pool, palette.studyInstanceUID);
    const [paletteSeries, ctSeriesItem] = [palette.seriesInstanceUID, other.seriesInstanceUID].map((uid) => study.series.find((s) => s.uid === uid)!);
    const instance = paletteSeries!.instances[0]!;
    const first = study.loadFrame(paletteSeries!, instance, 0);
    const second = study.loadFrame(paletteSeries!, instance, 1);
    await expect(study.loadFrame(ctSeriesItem!, ctSeriesItem!.instances[0]!, 0)).resolves.toBe(frame);
    expect(tagPaths(uris)).toEqual(['00281201', '00281202', '00281203']);
    release();
    await expect(Promise.all([first, second])).resolves.toEqual([frame, frame]);
    expect(uris).toHaveLength(3);
    expect(paletteColorLut(instance.ref)).toEqual(paletteColorLut(stored));
  });
});
