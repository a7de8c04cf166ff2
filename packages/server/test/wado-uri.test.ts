// WADO-URI (PS3.18 Chapter 9): instances as application/dicom, frames rendered as JPEG or PNG with the
// windowing, size, region and quality parameters, and 400 for bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom, TransferSyntax } from '@dcmkit/core';
import { arrayBytes, decodeFrame, decodePixelArray, renderFrame } from '@dcmkit/pixel';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { decodeJpeg, decodePng } from './support/images.js';
import { corpusInstance, sha256, type CorpusInstance } from './support/wado.js';

let archive: TestArchive;
let ct: CorpusInstance;
let rle: CorpusInstance;
let dose: CorpusInstance;
let sr: CorpusInstance;

beforeAll(async () => {
  archive = await startArchive();
  [ct, rle, dose, sr] = ['CT_small.dcm', 'SC_rgb_rle_2frame.dcm', 'rtdose.dcm', 'test-SR.dcm'].map(corpusInstance) as CorpusInstance[];
  expect((await stow(archive.url, [ct, rle, dose, sr].map((i) => i.bytes))).status).toBe(200);
});
afterAll(() => archive.close());

async function wado(i: CorpusInstance, params: Record<string, string> = {}) {
  const query = new URLSearchParams({ requestType: 'WADO', studyUID: i.study, seriesUID: i.series, objectUID: i.sop, ...params });
  const res = await fetch(`${archive.url}/dicomweb/wado?${query}`);
  return { status: res.status, type: res.headers.get('content-type'), body: new Uint8Array(await res.arrayBuffer()) };
}

const grey = (rgba: Uint8ClampedArray) => Uint8Array.from({ length: rgba.length / 4 }, (_, p) => rgba[p * 4]!);

describe('application/dicom', () => {
  it('returns a stored Explicit VR Little Endian file byte for byte', async () => {
    const res = await wado(ct, { contentType: 'application/dicom' });
    expect(res.type).toBe(`application/dicom; transfer-syntax=${TransferSyntax.ExplicitVRLittleEndian}`);
    expect(sha256(res.body)).toBe(sha256(ct.bytes));
  });

  it('answers at /wado too, where older clients look for it', async () => {
    const query = new URLSearchParams({ requestType: 'WADO', studyUID: ct.study, seriesUID: ct.series, objectUID: ct.sop, contentType: 'application/dicom' });
    const res = await fetch(`${archive.url}/wado?${query}`);
    expect(res.status).toBe(200);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(ct.bytes));
  });

  it('returns non-images as application/dicom by default, compressed files decompressed unless transferSyntax says otherwise', async () => {
    expect(sha256((await wado(sr)).body)).toBe(sha256(sr.bytes));
    const native = parseDicom((await wado(rle, { contentType: 'application/dicom' })).body);
    expect(native.transferSyntax).toBe(TransferSyntax.ExplicitVRLittleEndian);
    expect(sha256(arrayBytes((await decodePixelArray(native)).data))).toBe(sha256(arrayBytes((await decodePixelArray(rle.file)).data)));
    const stored = await wado(rle, { contentType: 'application/dicom', transferSyntax: TransferSyntax.RLELossless });
    expect(sha256(stored.body)).toBe(sha256(rle.bytes));
  });

  it('rejects rendering parameters with application/dicom', async () => {
    const res = await wado(ct, { contentType: 'application/dicom', rows: '10' });
    expect(res.status).toBe(400);
  });
});

describe('rendered images', () => {
  it('renders single-frame images as JPEG by default', async () => {
    const res = await wado(ct);
    expect(res.type).toBe('image/jpeg');
    const image = decodeJpeg(res.body);
    expect([image.width, image.height]).toEqual([128, 128]);
  });

  it('applies windowCenter/windowWidth, rows/columns as maximum sizes, region and frameNumber', async () => {
    const windowed = decodePng((await wado(ct, { contentType: 'image/png', windowCenter: '40', windowWidth: '400' })).body);
    const expected = renderFrame(await decodeFrame(ct.file, 0, { maskToBitsStored: true }), ct.file.dataset, { window: { center: 40, width: 400 } });
    expect(windowed.data).toEqual(grey(expected.rgba));
    const small = decodePng((await wado(ct, { contentType: 'image/png', rows: '32', columns: '64' })).body);
    expect([small.width, small.height]).toEqual([32, 32]);
    const region = decodePng((await wado(ct, { contentType: 'image/png', region: '0.5,0,1,0.25' })).body);
    expect([region.width, region.height]).toEqual([64, 32]);
    const frame = decodePng((await wado(rle, { contentType: 'image/png', frameNumber: '2' })).body);
    const second = renderFrame(await decodeFrame(rle.file, 1), rle.file.dataset).rgba;
    expect(frame.data).toEqual(Uint8Array.from({ length: 100 * 100 * 3 }, (_, k) => second[Math.floor(k / 3) * 4 + (k % 3)]!));
  });

  it('takes the first supported media type of a contentType list, and imageQuality for JPEG', async () => {
    expect((await wado(ct, { contentType: 'image/gif,image/png' })).type).toBe('image/png');
    const low = await wado(ct, { contentType: 'image/jpeg', imageQuality: '5' });
    const high = await wado(ct, { contentType: 'image/jpeg', imageQuality: '95' });
    expect(low.body.length).toBeLessThan(high.body.length);
  });
});

describe('errors', () => {
  it('answers 400 naming the parameter', async () => {
    for (const [params, parameter] of [
      [{ requestType: 'RS' }, 'requestType'],
      [{ objectUID: '' }, 'objectUID'],
      [{ studyUID: '1.02' }, 'studyUID'],
      [{ windowCenter: '40' }, 'windowWidth'],
      [{ windowCenter: '40', windowWidth: 'wide' }, 'windowWidth'],
      [{ rows: '-3' }, 'rows'],
      [{ region: '0.5,0.5,0.2,1' }, 'region'],
      [{ imageQuality: '0' }, 'imageQuality'],
      [{ frameNumber: 'first' }, 'frameNumber'],
      [{ contentType: 'image/png', transferSyntax: TransferSyntax.RLELossless }, 'transferSyntax'],
      [{ anonymize: 'yes' }, 'anonymize'],
    ] as [Record<string, string>, string][]) {
      const query = new URLSearchParams({ requestType: 'WADO', studyUID: ct.study, seriesUID: ct.series, objectUID: ct.sop, ...params });
      const res = await fetch(`${archive.url}/dicomweb/wado?${query}`);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(((await res.json()) as { parameter: string }).parameter, JSON.stringify(params)).toBe(parameter);
    }
  });

  it('answers 404 for unknown instances and frames, 406 for what cannot be produced', async () => {
    expect((await wado({ ...ct, sop: '1.2.3.4' })).status).toBe(404);
    expect((await wado(dose, { frameNumber: '16' })).status).toBe(404);
    expect((await wado(ct, { contentType: 'text/html' })).status).toBe(406);
    expect((await wado(sr, { contentType: 'image/jpeg' })).status).toBe(406);
    expect((await wado(ct, { contentType: 'application/dicom', transferSyntax: '1.2.3' })).status).toBe(406);
  });
});
