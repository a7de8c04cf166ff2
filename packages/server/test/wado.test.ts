// WADO-RS Retrieve (PS3.18 10.4) against corpus files stored with STOW-RS: instances byte-identical or
// transcoded, metadata as the file's DICOM JSON with bulk data behind its BulkDataURIs, frames as stored or
// decoded, bulk data with byte ranges, and the error statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, parseDicom, toDicomJson, TransferSyntax, type DicomJson } from '@dcmkit/core';
import { arrayBytes, decodeFrame, decodePixelArray, frameBytes } from '@dcmkit/pixel';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';
import { bytesOf, corpusInstance, instanceUrl, multipartParts, sha256, wadoClient, type CorpusInstance } from './support/wado.js';

const FILES = [
  'CT_small.dcm', // Explicit VR Little Endian
  'MR_small_RLE.dcm', // RLE Lossless
  'JPEG2000.dcm', // JPEG 2000 (lossy)
  'examples_jpeg2k.dcm', // JPEG 2000 Lossless, colour
  'SC_rgb_rle_2frame.dcm', // RLE, 2 frames of RGB
  'examples_ybr_color.dcm', // JPEG Baseline, 30 frames
  'image_dfl.dcm', // Deflated Explicit VR Little Endian
  'rtdose.dcm', // Implicit VR Little Endian, 15 frames of 32 bits
  'SC_rgb_small_odd_big_endian.dcm', // Explicit VR Big Endian
  'liver_1frame.dcm', // Bits Allocated 1
  'test-SR.dcm', // no pixel data
  'waveform_ecg.dcm', // Waveform Data as bulk data
];

let archive: TestArchive;
const instances = new Map<string, CorpusInstance>();
const get = (name: string) => instances.get(name)!;
const ELE = TransferSyntax.ExplicitVRLittleEndian;

beforeAll(async () => {
  archive = await startArchive();
  for (const name of FILES) instances.set(name, corpusInstance(name));
  const stored = await stow(archive.url, [...instances.values()].map((i) => i.bytes));
  expect(stored.status).toBe(200);
});
afterAll(() => archive.close());

/** The Part 10 files of a multipart/related; type="application/dicom" response. */
async function retrieveParts(url: string, accept?: string) {
  const res = await fetch(url, accept === undefined ? {} : { headers: { accept } });
  expect(res.status).toBe(200);
  return multipartParts(res);
}

describe('retrieve instances', () => {
  it('returns every stored file byte for byte with transfer-syntax=*', async () => {
    for (const i of instances.values()) {
      const [part] = await retrieveParts(instanceUrl(archive.url, i), 'multipart/related; type="application/dicom"; transfer-syntax=*');
      expect(sha256(part!.body), i.name).toBe(sha256(i.bytes));
    }
  });

  it('returns Explicit VR Little Endian and lossy files byte for byte by default (dicomweb-client retrieveInstance)', async () => {
    // dicomweb-client 0.11 cannot send a transfer-syntax for instances: its mediaTypes check rejects application/dicom.
    const client = wadoClient(archive.url);
    for (const name of ['CT_small.dcm', 'waveform_ecg.dcm', 'examples_ybr_color.dcm', 'JPEG2000.dcm']) {
      const i = get(name);
      const part = await client.retrieveInstance({ studyInstanceUID: i.study, seriesInstanceUID: i.series, sopInstanceUID: i.sop });
      expect(sha256(bytesOf(part as ArrayBuffer)), name).toBe(sha256(i.bytes));
    }
  });

  it('labels each part with its Transfer Syntax', async () => {
    const i = get('MR_small_RLE.dcm');
    const [part] = await retrieveParts(instanceUrl(archive.url, i), 'multipart/related; type="application/dicom"; transfer-syntax=*');
    expect(part!.headers.get('content-type')).toBe(`application/dicom; transfer-syntax=${TransferSyntax.RLELossless}`);
  });

  it('sends Explicit VR Little Endian by default: stored as such unchanged, others re-encoded with the same pixels', async () => {
    const ct = get('CT_small.dcm');
    const [same] = await retrieveParts(instanceUrl(archive.url, ct));
    expect(sha256(same!.body)).toBe(sha256(ct.bytes));
    for (const name of ['MR_small_RLE.dcm', 'examples_jpeg2k.dcm', 'rtdose.dcm', 'image_dfl.dcm']) {
      const i = get(name);
      const [part] = await retrieveParts(instanceUrl(archive.url, i), 'multipart/related; type="application/dicom"');
      expect(part!.headers.get('content-type'), name).toBe(`application/dicom; transfer-syntax=${ELE}`);
      const file = parseDicom(part!.body);
      expect(file.transferSyntax).toBe(ELE);
      expect(file.dataset.getString('SOPInstanceUID')).toBe(i.sop);
      expect(sha256(arrayBytes((await decodePixelArray(file)).data)), name).toBe(sha256(arrayBytes((await decodePixelArray(i.file)).data)));
    }
  });

  it('keeps lossy compressed pixel data as stored when no Transfer Syntax is asked for (PS3.18 8.7.3)', async () => {
    const i = get('examples_ybr_color.dcm');
    const [part] = await retrieveParts(instanceUrl(archive.url, i));
    expect(sha256(part!.body)).toBe(sha256(i.bytes));
  });

  it('transcodes to a requested compressed Transfer Syntax losslessly', async () => {
    const i = get('CT_small.dcm');
    const [part] = await retrieveParts(instanceUrl(archive.url, i), `multipart/related; type="application/dicom"; transfer-syntax=${TransferSyntax.RLELossless}`);
    const file = parseDicom(part!.body);
    expect(file.transferSyntax).toBe(TransferSyntax.RLELossless);
    expect(sha256(arrayBytes((await decodePixelArray(file)).data))).toBe(sha256(arrayBytes((await decodePixelArray(i.file)).data)));
  });

  it('takes the first acceptable Transfer Syntax it can produce, in order of q', async () => {
    const i = get('CT_small.dcm');
    const accept = `multipart/related; type="application/dicom"; transfer-syntax=1.2.3.4, multipart/related; type="application/dicom"; transfer-syntax=${TransferSyntax.RLELossless}; q=0.5`;
    const [part] = await retrieveParts(instanceUrl(archive.url, i), accept);
    expect(part!.headers.get('content-type')).toContain(TransferSyntax.RLELossless);
  });

  it('answers 406 for Transfer Syntaxes it cannot produce or Web Services must not use', async () => {
    const url = instanceUrl(archive.url, get('CT_small.dcm'));
    for (const ts of ['1.2.3.4', TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian]) {
      const res = await fetch(url, { headers: { accept: `multipart/related; type="application/dicom"; transfer-syntax=${ts}` } });
      expect(res.status, ts).toBe(406);
    }
    expect((await fetch(url, { headers: { accept: 'text/html' } })).status).toBe(406);
  });

  it('sends a single instance as a single part when asked', async () => {
    const i = get('CT_small.dcm');
    const res = await fetch(instanceUrl(archive.url, i), { headers: { accept: 'application/dicom; transfer-syntax=*' } });
    expect(res.headers.get('content-type')).toBe(`application/dicom; transfer-syntax=${ELE}`);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(i.bytes));
  });
});

describe('retrieve studies and series', () => {
  const study = '1.2.826.0.1.3680043.10.1234.1';
  const series = [`${study}.1`, `${study}.2`];
  const files = [0, 1, 2, 3].map((n) => syntheticInstance({ study, series: series[n >> 1]!, sop: `${study}.${n >> 1}.${n}`, instanceNumber: 4 - n }));

  beforeAll(async () => {
    expect((await stow(archive.url, files)).status).toBe(200);
  });

  it('returns every instance of a study (dicomweb-client retrieveStudy), series by series in Instance Number order', async () => {
    const parts = (await wadoClient(archive.url).retrieveStudy({ studyInstanceUID: study })) as ArrayBuffer[];
    expect(parts.map((p) => sha256(bytesOf(p)))).toEqual([files[1]!, files[0]!, files[3]!, files[2]!].map(sha256));
  });

  it('returns the instances of one series', async () => {
    const parts = await retrieveParts(`${archive.url}/dicomweb/studies/${study}/series/${series[1]}`);
    expect(parts.map((p) => sha256(p.body)).sort()).toEqual([files[2]!, files[3]!].map(sha256).sort());
  });

  it('needs multipart for several instances', async () => {
    const res = await fetch(`${archive.url}/dicomweb/studies/${study}`, { headers: { accept: 'application/dicom' } });
    expect(res.status).toBe(406);
  });

  it('returns study metadata: one DICOM JSON data set per instance', async () => {
    const metadata = (await wadoClient(archive.url).retrieveStudyMetadata({ studyInstanceUID: study })) as DicomJson[];
    expect(metadata.map((m) => m['00080018']!.Value![0]).sort()).toEqual([0, 1, 2, 3].map((n) => `${study}.${n >> 1}.${n}`).sort());
  });
});

/** Checks the metadata against the file's DICOM JSON, fetching each BulkDataURI. */
async function checkMetadata(actual: DicomJson, expected: DicomJson, i: CorpusInstance, where: string): Promise<number> {
  let bulk = 0;
  expect(Object.keys(actual), where).toEqual(Object.keys(expected));
  for (const [tag, attr] of Object.entries(actual)) {
    const want = expected[tag]!;
    expect(attr.vr, `${where} ${tag}`).toBe(want.vr);
    if (attr.BulkDataURI !== undefined) {
      const res = await fetch(new URL(attr.BulkDataURI, archive.url), { headers: { accept: 'application/octet-stream' } });
      expect(res.status, `${where} ${tag}`).toBe(200);
      const body = new Uint8Array(await res.arrayBuffer());
      expect(sha256(body), `${where} ${tag}`).toBe(sha256(want.InlineBinary === undefined ? new Uint8Array(0) : decodeBase64(want.InlineBinary)));
      bulk++;
    } else if (attr.vr === 'SQ') {
      const items = (attr.Value ?? []) as DicomJson[];
      for (let k = 0; k < items.length; k++) bulk += await checkMetadata(items[k]!, (want.Value as DicomJson[])[k]!, i, `${where} ${tag}[${k}]`);
    } else {
      expect(attr, `${where} ${tag}`).toEqual(want);
    }
  }
  return bulk;
}

describe('retrieve metadata', () => {
  it("is the file's DICOM JSON, bulk values behind BulkDataURIs that return their bytes", async () => {
    const client = wadoClient(archive.url);
    for (const name of ['CT_small.dcm', 'waveform_ecg.dcm', 'rtdose.dcm', 'SC_rgb_small_odd_big_endian.dcm', 'image_dfl.dcm']) {
      const i = get(name);
      const [metadata] = (await client.retrieveInstanceMetadata({ studyInstanceUID: i.study, seriesInstanceUID: i.series, sopInstanceUID: i.sop })) as DicomJson[];
      // Everything inline (InlineBinary little endian) but encapsulated Pixel Data.
      const expected = toDicomJson(i.file.dataset, { charsetAsUtf8: true });
      const bulk = await checkMetadata(metadata!, expected, i, name);
      expect(bulk, name).toBeGreaterThan(0);
    }
  });

  it('is served for a series from the index', async () => {
    const i = get('CT_small.dcm');
    const res = await fetch(`${archive.url}/dicomweb/studies/${i.study}/series/${i.series}/metadata`);
    expect(res.headers.get('content-type')).toMatch(/^application\/dicom\+json/);
    const json = (await res.json()) as DicomJson[];
    expect(json).toHaveLength(1);
    expect(json[0]!['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'CompressedSamples^CT1' }] });
  });

  it('answers 406 for XML metadata', async () => {
    const i = get('CT_small.dcm');
    const res = await fetch(instanceUrl(archive.url, i, '/metadata'), { headers: { accept: 'multipart/related; type="application/dicom+xml"' } });
    expect(res.status).toBe(406);
  });
});

describe('retrieve frames', () => {
  it('sends native frames as stored (application/octet-stream)', async () => {
    const i = get('rtdose.dcm');
    const frames = (await wadoClient(archive.url).retrieveInstanceFrames({ studyInstanceUID: i.study, seriesInstanceUID: i.series, sopInstanceUID: i.sop, frameNumbers: [2, 15, 1] })) as ArrayBuffer[];
    expect(frames.map((f) => sha256(bytesOf(f)))).toEqual(await Promise.all([1, 14, 0].map(async (n) => sha256(await frameBytes(i.file, n)))));
  });

  it('decodes compressed frames to application/octet-stream: the decoded pixels of the frame', async () => {
    for (const [name, frame] of [['MR_small_RLE.dcm', 1], ['SC_rgb_rle_2frame.dcm', 2], ['examples_ybr_color.dcm', 7], ['examples_jpeg2k.dcm', 1]] as const) {
      const i = get(name);
      const parts = await retrieveParts(instanceUrl(archive.url, i, `/frames/${frame}`));
      expect(parts).toHaveLength(1);
      expect(parts[0]!.headers.get('content-type')).toBe(`application/octet-stream; transfer-syntax=${ELE}`);
      expect(sha256(parts[0]!.body), name).toBe(sha256(arrayBytes((await decodeFrame(i.file, frame - 1)).data)));
    }
  });

  it('passes compressed frames through in their media type: the stored fragments joined', async () => {
    const client = wadoClient(archive.url);
    const ybr = get('examples_ybr_color.dcm');
    const jpeg = (await client.retrieveInstanceFrames({
      studyInstanceUID: ybr.study,
      seriesInstanceUID: ybr.series,
      sopInstanceUID: ybr.sop,
      frameNumbers: [3, 30],
      mediaTypes: [{ mediaType: 'image/jpeg', transferSyntaxUID: TransferSyntax.JPEGBaseline8Bit }],
    })) as ArrayBuffer[];
    expect(jpeg.map((f) => sha256(bytesOf(f)))).toEqual([sha256(await frameBytes(ybr.file, 2)), sha256(await frameBytes(ybr.file, 29))]);
    const rle = get('SC_rgb_rle_2frame.dcm');
    const parts = await retrieveParts(instanceUrl(archive.url, rle, '/frames/2'), 'multipart/related; type="image/x-dicom-rle"');
    expect(parts[0]!.headers.get('content-type')).toBe(`image/dicom-rle; transfer-syntax=${TransferSyntax.RLELossless}`);
    expect(sha256(parts[0]!.body)).toBe(sha256(await frameBytes(rle.file, 1)));
  });

  it('sends frames as stored for application/octet-stream; transfer-syntax=*', async () => {
    const i = get('JPEG2000.dcm');
    const parts = await retrieveParts(instanceUrl(archive.url, i, '/frames/1'), 'multipart/related; type="application/octet-stream"; transfer-syntax=*');
    expect(parts[0]!.headers.get('content-type')).toBe(`application/octet-stream; transfer-syntax=${TransferSyntax.JPEG2000}`);
    expect(sha256(parts[0]!.body)).toBe(sha256(await frameBytes(i.file, 0)));
  });

  it('reads frames of deflated, big-endian and bit-packed files through the parser', async () => {
    for (const name of ['image_dfl.dcm', 'SC_rgb_small_odd_big_endian.dcm', 'liver_1frame.dcm']) {
      const i = get(name);
      const parts = await retrieveParts(instanceUrl(archive.url, i, '/frames/1'));
      expect(sha256(parts[0]!.body), name).toBe(sha256(await frameBytes(i.file, 0)));
    }
  });

  it('sends one frame as a single part when asked', async () => {
    const i = get('CT_small.dcm');
    const res = await fetch(instanceUrl(archive.url, i, '/frames/1'), { headers: { accept: 'application/octet-stream' } });
    expect(res.headers.get('content-type')).toBe(`application/octet-stream; transfer-syntax=${ELE}`);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(await frameBytes(i.file, 0)));
  });

  it('answers 400 for a malformed frame list, 404 for frames the instance does not have, 406 for other media types', async () => {
    const i = get('rtdose.dcm');
    const status = async (frames: string, accept?: string) => (await fetch(instanceUrl(archive.url, i, `/frames/${frames}`), accept ? { headers: { accept } } : {})).status;
    expect(await status('0')).toBe(400);
    expect(await status('1,x')).toBe(400);
    expect(await status('2,2')).toBe(400);
    expect(await status('16')).toBe(404);
    expect(await status('1', 'multipart/related; type="image/jpeg"')).toBe(406);
    const sr = get('test-SR.dcm');
    expect((await fetch(instanceUrl(archive.url, sr, '/frames/1'))).status).toBe(404);
    // Frame lists longer than the router's parameter limit still work.
    const all = Array.from({ length: 15 }, (_, n) => 15 - n).join(',');
    const parts = await retrieveParts(instanceUrl(archive.url, i, `/frames/${all}`));
    expect(parts).toHaveLength(15);
  });
});

describe('retrieve bulk data', () => {
  const waveformData = async (i: CorpusInstance) => {
    const [metadata] = (await (await fetch(instanceUrl(archive.url, i, '/metadata'))).json()) as DicomJson[];
    const uri = ((metadata!['54000100']!.Value as DicomJson[])[0]!['54001010']!).BulkDataURI!;
    return { url: new URL(uri, archive.url).href, bytes: i.file.dataset.items('WaveformSequence')[0]!.element('WaveformData')!.bytes! };
  };

  it('returns a value inside a sequence item (dicomweb-client retrieveBulkData)', async () => {
    const { url, bytes } = await waveformData(get('waveform_ecg.dcm'));
    const [part] = (await wadoClient(archive.url).retrieveBulkData({ BulkDataURI: url })) as ArrayBuffer[];
    expect(sha256(bytesOf(part!))).toBe(sha256(bytes));
  });

  it('honours byte ranges: 206 with Content-Range, suffix ranges, 416 outside the value', async () => {
    const { url, bytes } = await waveformData(get('waveform_ecg.dcm'));
    const ranged = await fetch(url, { headers: { accept: 'application/octet-stream', range: 'bytes=10-19' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(bytes.subarray(10, 20));
    const suffix = await fetch(url, { headers: { accept: 'application/octet-stream', range: 'bytes=-7' } });
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 7));
    const multipart = await fetch(url, { headers: { range: `bytes=${bytes.length - 4}-` } });
    expect(multipart.status).toBe(206);
    const [part] = await multipartParts(multipart);
    expect(part!.headers.get('content-range')).toBe(`bytes ${bytes.length - 4}-${bytes.length - 1}/${bytes.length}`);
    expect(part!.body).toEqual(bytes.subarray(bytes.length - 4));
    const outside = await fetch(url, { headers: { range: `bytes=${bytes.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('sends encapsulated Pixel Data as its frames', async () => {
    const i = get('SC_rgb_rle_2frame.dcm');
    const parts = await retrieveParts(instanceUrl(archive.url, i, '/bulk/7FE00010'), 'multipart/related; type="image/dicom-rle"');
    expect(parts.map((p) => sha256(p.body))).toEqual([sha256(await frameBytes(i.file, 0)), sha256(await frameBytes(i.file, 1))]);
  });

  it('answers 400 for a malformed tag path and 404 for a value the instance does not have', async () => {
    const i = get('CT_small.dcm');
    expect((await fetch(instanceUrl(archive.url, i, '/bulk/7FE0001'))).status).toBe(400);
    expect((await fetch(instanceUrl(archive.url, i, '/bulk/7FE00008'))).status).toBe(404);
  });
});

describe('errors', () => {
  it('checks UIDs before anything else: 400 naming the path segment', async () => {
    const res = await fetch(`${archive.url}/dicomweb/studies/1.2.03/series/1.2/instances/1.2/metadata`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 400, error: expect.stringContaining('not a UID'), parameter: 'study' });
    const traversal = await fetch(`${archive.url}/dicomweb/studies/1.2/series/..%2F..%2Fetc/instances/1.2`);
    expect(traversal.status).toBe(400);
  });

  it('answers 404 for unknown studies, series and instances, and for an instance under another series', async () => {
    const i = get('CT_small.dcm');
    for (const url of [
      `${archive.url}/dicomweb/studies/1.2.3`,
      `${archive.url}/dicomweb/studies/${i.study}/series/1.2.3/metadata`,
      `${archive.url}/dicomweb/studies/${i.study}/series/${i.series}/instances/1.2.3/frames/1`,
      `${archive.url}/dicomweb/studies/${i.study}/series/${get('rtdose.dcm').series}/instances/${i.sop}`,
    ]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      expect(Object.keys(await res.json()).sort(), url).toEqual(['error', 'status']);
    }
  });

  it('answers 400 for a malformed Accept', async () => {
    const res = await fetch(instanceUrl(archive.url, get('CT_small.dcm')), { headers: { accept: 'multipart/related; type="application/dicom"; q=2' } });
    expect(res.status).toBe(400);
  });
});
