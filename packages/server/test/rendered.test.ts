// WADO-RS Retrieve Rendered and Thumbnail (PS3.18 10.4.1.1.4-5): PNG and JPEG of instances, frames, series and
// studies, checked against @dcmkit/pixel's renderFrame; window, viewport and quality parameters; errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSet, TransferSyntax, writeDicom } from '@dcmkit/core';
import { decodeFrame, renderFrame, type RenderOptions } from '@dcmkit/pixel';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { decodeJpeg, decodePng } from './support/images.js';
import { bytesOf, corpusInstance, instanceUrl, multipartParts, wadoClient, type CorpusInstance } from './support/wado.js';

let archive: TestArchive;
let ct: CorpusInstance;
let palette: CorpusInstance;
let dose: CorpusInstance;
let sr: CorpusInstance;

beforeAll(async () => {
  archive = await startArchive();
  [ct, palette, dose, sr] = ['CT_small.dcm', 'examples_palette.dcm', 'rtdose.dcm', 'test-SR.dcm'].map(corpusInstance) as CorpusInstance[];
  expect((await stow(archive.url, [ct, palette, dose, sr].map((i) => i.bytes))).status).toBe(200);
});
afterAll(() => archive.close());

/** The grey (first) channel of renderFrame's RGBA, what a one-channel PNG of the frame holds. */
async function expectedGrey(i: CorpusInstance, frame: number, opts: RenderOptions = {}): Promise<Uint8Array> {
  const rendered = renderFrame(await decodeFrame(i.file, frame, { maskToBitsStored: true }), i.file.dataset, { ...opts, frameIndex: frame });
  return Uint8Array.from({ length: rendered.width * rendered.height }, (_, p) => rendered.rgba[p * 4]!);
}

async function get(url: string, accept?: string): Promise<{ status: number; type: string | null; body: Uint8Array }> {
  const res = await fetch(url, accept === undefined ? {} : { headers: { accept } });
  return { status: res.status, type: res.headers.get('content-type'), body: new Uint8Array(await res.arrayBuffer()) };
}

describe('rendered instances', () => {
  it('renders PNG with the VOI of the file (dicomweb-client retrieveInstanceRendered)', async () => {
    const client = wadoClient(archive.url);
    const png = await client.retrieveInstanceRendered({ studyInstanceUID: ct.study, seriesInstanceUID: ct.series, sopInstanceUID: ct.sop, mediaTypes: [{ mediaType: 'image/png' }] });
    // dicomweb-client returns a single part payload as a one-element array.
    const image = decodePng(bytesOf((png as ArrayBuffer[])[0]!));
    expect([image.width, image.height, image.channels]).toEqual([128, 128, 1]);
    expect(image.data).toEqual(await expectedGrey(ct, 0));
  });

  it('applies window=center,width,function, which changes the image', async () => {
    const plain = decodePng((await get(instanceUrl(archive.url, ct, '/rendered'), 'image/png')).body);
    const windowed = await get(instanceUrl(archive.url, ct, '/rendered?window=40,80,linear'), 'image/png');
    expect(windowed.status).toBe(200);
    const image = decodePng(windowed.body);
    expect(image.data).toEqual(await expectedGrey(ct, 0, { window: { center: 40, width: 80, function: 'LINEAR' } }));
    expect(image.data).not.toEqual(plain.data);
    const sigmoid = decodePng((await get(instanceUrl(archive.url, ct, '/rendered?window=40,80,SIGMOID'), 'image/png')).body);
    expect(sigmoid.data).toEqual(await expectedGrey(ct, 0, { window: { center: 40, width: 80, function: 'SIGMOID' } }));
  });

  it('renders JPEG by default, its quality set by quality=', async () => {
    const jpeg = await get(instanceUrl(archive.url, ct, '/rendered'));
    expect(jpeg.type).toBe('image/jpeg');
    const image = decodeJpeg(jpeg.body);
    expect([image.width, image.height]).toEqual([128, 128]);
    const grey = await expectedGrey(ct, 0);
    let error = 0;
    for (let p = 0; p < grey.length; p++) error += Math.abs(image.data[p * 4]! - grey[p]!);
    expect(error / grey.length).toBeLessThan(3);
    const low = await get(instanceUrl(archive.url, ct, '/rendered?quality=10'), 'image/jpeg');
    expect(low.body.length).toBeLessThan(jpeg.body.length);
  });

  it('renders colour: PALETTE COLOR through its tables as RGB', async () => {
    const image = decodePng((await get(instanceUrl(archive.url, palette, '/rendered'), 'image/png')).body);
    expect([image.width, image.height, image.channels]).toEqual([800, 350, 3]);
    const rendered = renderFrame(await decodeFrame(palette.file, 0), palette.file.dataset);
    const p = 350 * 200 + 400;
    expect([...image.data.subarray(p * 3, p * 3 + 3)]).toEqual([...rendered.rgba.subarray(p * 4, p * 4 + 3)]);
  });

  it('scales to the viewport keeping the aspect ratio, and crops and flips the source region', async () => {
    const size = async (query: string, i = ct) => {
      const image = decodePng((await get(instanceUrl(archive.url, i, `/rendered?${query}`), 'image/png')).body);
      return [image.width, image.height];
    };
    expect(await size('viewport=64,64')).toEqual([64, 64]);
    expect(await size('viewport=50,100')).toEqual([50, 50]);
    expect(await size('viewport=400,100', palette)).toEqual([229, 100]);
    expect(await size('viewport=64,64,0,0,64,32')).toEqual([64, 32]);
    // A negative width flips: the whole image, mirrored left to right.
    const flipped = decodePng((await get(instanceUrl(archive.url, ct, '/rendered?viewport=128,128,128,0,-128,'), 'image/png')).body);
    const grey = await expectedGrey(ct, 0);
    const mirrored = Uint8Array.from(grey, (_, p) => grey[Math.floor(p / 128) * 128 + 127 - (p % 128)]!);
    expect(flipped.data).toEqual(mirrored);
  });

  it('renders the first frame of a multi-frame instance as a single image, every frame as multipart', async () => {
    const single = decodePng((await get(instanceUrl(archive.url, dose, '/rendered'), 'image/png')).body);
    expect(single.data).toEqual(await expectedGrey(dose, 0));
    const res = await fetch(instanceUrl(archive.url, dose, '/rendered'), { headers: { accept: 'multipart/related; type="image/png"' } });
    const parts = await multipartParts(res);
    expect(parts).toHaveLength(15);
    expect(decodePng(parts[14]!.body).data).toEqual(await expectedGrey(dose, 14));
  });
});

describe('rendered frames, series and studies', () => {
  it('renders a list of frames (dicomweb-client retrieveInstanceFramesRendered)', async () => {
    const frames = (await wadoClient(archive.url).retrieveInstanceFramesRendered({
      studyInstanceUID: dose.study,
      seriesInstanceUID: dose.series,
      sopInstanceUID: dose.sop,
      frameNumbers: [3, 9],
      mediaTypes: [{ mediaType: 'image/png' }],
    })) as ArrayBuffer[];
    const images = frames.map((f) => decodePng(bytesOf(f)));
    expect(images.map((i) => i.data)).toEqual([await expectedGrey(dose, 2), await expectedGrey(dose, 8)]);
  });

  it('renders one frame as a single part', async () => {
    const res = await get(instanceUrl(archive.url, dose, '/frames/5/rendered?window=0.5,1,linear'), 'image/png');
    expect(res.type).toBe('image/png');
    expect(decodePng(res.body).data).toEqual(await expectedGrey(dose, 4, { window: { center: 0.5, width: 1, function: 'LINEAR' } }));
  });

  it('renders every image of a series; 406 for a series without any', async () => {
    const res = await fetch(`${archive.url}/dicomweb/studies/${dose.study}/series/${dose.series}/rendered`);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/related; type="image\/jpeg"/);
    expect(await multipartParts(res)).toHaveLength(15);
    const srSeries = await get(`${archive.url}/dicomweb/studies/${sr.study}/series/${sr.series}/rendered`);
    expect(srSeries.status).toBe(406);
  });
});

describe('thumbnails', () => {
  it('fits the image in 128 x 128 by default', async () => {
    const thumb = await wadoClient(archive.url).retrieveInstanceThumbnail({ studyInstanceUID: palette.study, seriesInstanceUID: palette.series, sopInstanceUID: palette.sop });
    const image = decodeJpeg(bytesOf((thumb as ArrayBuffer[])[0]!));
    expect([image.width, image.height]).toEqual([128, 56]);
  });

  it('takes viewport=vw,vh and serves PNG', async () => {
    const res = await get(`${archive.url}/dicomweb/studies/${ct.study}/thumbnail?viewport=32,32`, 'image/png');
    expect(res.type).toBe('image/png');
    const image = decodePng(res.body);
    expect([image.width, image.height]).toEqual([32, 32]);
  });

  it('shows the middle frame of a series', async () => {
    const res = await get(`${archive.url}/dicomweb/studies/${dose.study}/series/${dose.series}/thumbnail?viewport=10,10`, 'image/png');
    expect(decodePng(res.body).data).toEqual(await expectedGrey(dose, 7));
  });
});

describe('errors', () => {
  it('answers 400 naming the parameter with a bad value', async () => {
    for (const [query, parameter] of [
      ['window=40', 'window'],
      ['window=40,0,linear', 'window'],
      ['window=40,80,cubic', 'window'],
      ['viewport=0,10', 'viewport'],
      ['viewport=10,10,100,100,64,64', 'viewport'],
      ['viewport=10,10,0,0,0,5', 'viewport'],
      ['quality=101', 'quality'],
      ['quality=9&quality=10', 'quality'],
    ]) {
      const res = await fetch(instanceUrl(archive.url, ct, `/rendered?${query}`));
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { parameter: string }).parameter, query).toBe(parameter);
    }
    const thumbnail = await fetch(instanceUrl(archive.url, ct, '/thumbnail?viewport=10,10,0,0,5,5'));
    expect(thumbnail.status).toBe(400);
  });

  it('ignores parameters it does not support (PS3.18 8.3)', async () => {
    expect((await get(instanceUrl(archive.url, ct, '/rendered?annotation=patient&iccprofile=srgb&foo=1'))).status).toBe(200);
  });

  it('answers 406 for media types it cannot render to and for instances without pixel data', async () => {
    expect((await get(instanceUrl(archive.url, ct, '/rendered'), 'image/gif')).status).toBe(406);
    expect((await get(instanceUrl(archive.url, sr, '/rendered'))).status).toBe(406);
    expect((await get(instanceUrl(archive.url, sr, '/thumbnail'))).status).toBe(406);
  });

  it('answers 500 saying why when the stored frame cannot be decoded, without the path of the file', async () => {
    // A JPEG 2000 file whose codestream is damaged past its header: stored (it parses), not decodable.
    const j2k = corpusInstance('GDCMJ2K_TextGBR.dcm');
    const damaged = j2k.bytes.slice();
    for (let i = damaged.length - 3000; i < damaged.length - 100; i += 7) damaged[i]! ^= 0x5a;
    expect((await stow(archive.url, [damaged])).status).toBe(200);
    for (const suffix of ['/rendered', '/thumbnail', '/frames/1']) {
      const res = await get(instanceUrl(archive.url, j2k, suffix), suffix === '/frames/1' ? 'multipart/related; type="application/octet-stream"' : undefined);
      expect(res.status).toBe(500);
      const { error } = JSON.parse(new TextDecoder().decode(res.body)) as { error: string };
      expect(error).toMatch(/^the stored Pixel Data cannot be decoded: frame 1: openjpeg: /);
      expect(error).not.toContain(archive.data);
    }
  });
});

describe('large LUTs', () => {
  it('applies a Presentation LUT Sequence of 65536 16-bit entries (128 KiB, left in the stored file by the windowed read)', async () => {
    const uids = { study: '1.2.826.0.1.3680043.10.1', series: '1.2.826.0.1.3680043.10.1.1', sop: '1.2.826.0.1.3680043.10.1.1.1' };
    const ds = new DataSet();
    ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7');
    ds.set('StudyInstanceUID', uids.study);
    ds.set('SeriesInstanceUID', uids.series);
    ds.set('SOPInstanceUID', uids.sop);
    ds.set('SamplesPerPixel', 1);
    ds.set('PhotometricInterpretation', 'MONOCHROME2');
    for (const [k, v] of [['Rows', 1], ['Columns', 3], ['BitsAllocated', 16], ['BitsStored', 16], ['HighBit', 15], ['PixelRepresentation', 0]] as const) ds.set(k, v);
    ds.set('PixelData', new Uint8Array(Uint16Array.of(0, 1000, 65535).buffer), 'OW');
    // A LINEAR_EXACT window passing 0..65535 through unchanged to the table's input range (PS3.3 C.11.2.1.3.2).
    ds.set('WindowCenter', 32767.5);
    ds.set('WindowWidth', 65535);
    ds.set('VOILUTFunction', 'LINEAR_EXACT');
    const item = ds.createItem();
    item.set('LUTDescriptor', [0, 0, 16]);
    item.set('LUTData', new Uint8Array(Uint16Array.from({ length: 0x10000 }, (_, i) => 0xffff - i).buffer), 'OW');
    ds.set('PresentationLUTSequence', [item]);
    expect((await stow(archive.url, [writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian })])).status).toBe(200);
    const res = await get(`${archive.url}/dicomweb/studies/${uids.study}/series/${uids.series}/instances/${uids.sop}/rendered`, 'image/png');
    expect(res.status).toBe(200);
    expect([...decodePng(res.body).data]).toEqual([255, Math.round((64535 * 255) / 65535), 0]);
  });
});
