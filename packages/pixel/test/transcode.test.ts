// transcode() on small generated images: offset tables, colour labels, lossy records, refusals.
import { describe, expect, test } from 'vitest';
import { DataSet, TransferSyntax, parseDicom, writeDicom, type DicomFile } from '@dcmkit/core';
import { registerAllCodecs } from '@dcmkit/codecs';
import { CodecRegistry, TranscodeError, decodeFrame, decodePixelArray, frameBytes, setEncapsulatedPixelData, transcode } from '@dcmkit/pixel';

const registry = registerAllCodecs(new CodecRegistry());

interface Image {
  rows: number;
  columns: number;
  samples?: number;
  bits?: number;
  frames?: number;
  photometric?: string;
  planar?: number;
  signed?: boolean;
  extra?: (ds: DataSet) => void;
}

/** Deterministic samples, written as a Part 10 file in Explicit VR Little Endian and parsed back. */
function image({ rows, columns, samples = 1, bits = 16, frames = 1, photometric = 'MONOCHROME2', planar, signed = false, extra }: Image): DicomFile {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7');
  ds.set('SOPInstanceUID', '1.2.3.4.5');
  ds.set('SamplesPerPixel', samples);
  ds.set('PhotometricInterpretation', photometric);
  if (frames > 1) ds.set('NumberOfFrames', frames);
  ds.set('Rows', rows);
  ds.set('Columns', columns);
  ds.set('BitsAllocated', bits);
  ds.set('BitsStored', bits);
  ds.set('HighBit', bits - 1);
  ds.set('PixelRepresentation', signed ? 1 : 0);
  if (samples > 1) ds.set('PlanarConfiguration', planar ?? 0);
  const count = rows * columns * samples * frames;
  const values = bits > 8 ? new Uint16Array(count) : new Uint8Array(count);
  for (let i = 0; i < count; i++) values[i] = (i * 37 + (i >> 5) * 11) % (bits > 8 ? 4096 : 256);
  ds.set('PixelData', values, bits > 8 ? 'OW' : 'OB');
  extra?.(ds);
  return parseDicom(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }), { name: 'generated.dcm' });
}

/** Transcodes, writes in the target syntax, parses the bytes back. */
async function via(file: DicomFile, target: string, opts: Parameters<typeof transcode>[2] = {}): Promise<DicomFile> {
  const bytes = writeDicom(await transcode(file, target, { registry, ...opts }), { transferSyntax: target });
  return parseDicom(bytes, { name: `${target}.dcm` });
}

const values = async (file: DicomFile) => [...(await decodePixelArray(file, { registry })).data];

describe('native to encapsulated', () => {
  test('one fragment per frame, a Basic Offset Table pointing at each (PS3.5 A.4)', async () => {
    const file = image({ rows: 7, columns: 9, frames: 3 });
    const there = await via(file, TransferSyntax.JPEGLSLossless);
    const pixelData = there.dataset.element('PixelData')!;
    const { fragments, basicOffsetTable } = pixelData.encapsulated!;
    expect(fragments).toHaveLength(3);
    expect(fragments.every((f) => f.length % 2 === 0)).toBe(true);
    // Offsets from the first fragment's Item tag: each Item is 8 bytes of header and its value.
    const itemStart = (i: number) => fragments[i]!.offset - 8 - (fragments[0]!.offset - 8);
    expect(basicOffsetTable).toEqual([0, itemStart(1), itemStart(2)]);
    expect(there.dataset.has('ExtendedOffsetTable')).toBe(false);
    expect(await values(there)).toEqual(await values(file));
  });

  test('RGB by plane to lossless JPEG 2000: YBR_RCT, colour-by-pixel; back to native: RGB (PS3.5 A.4.4)', async () => {
    const file = image({ rows: 8, columns: 6, samples: 3, bits: 8, photometric: 'RGB', planar: 1 });
    const there = await via(file, TransferSyntax.JPEG2000Lossless);
    expect(there.dataset.getString('PhotometricInterpretation')).toBe('YBR_RCT');
    expect(there.dataset.getNumber('PlanarConfiguration')).toBe(0);
    const back = await via(there, TransferSyntax.ExplicitVRLittleEndian);
    expect(back.dataset.getString('PhotometricInterpretation')).toBe('RGB');
    expect(back.dataset.getNumber('PlanarConfiguration')).toBe(0);
    expect(await values(back)).toEqual(await values(file));
  });

  test('RLE colour is labelled Planar Configuration 1 (PS3.5 G.2)', async () => {
    const file = image({ rows: 4, columns: 5, samples: 3, bits: 8, photometric: 'RGB' });
    const there = await via(file, TransferSyntax.RLELossless);
    expect(there.dataset.getNumber('PlanarConfiguration')).toBe(1);
    expect(there.dataset.getString('PhotometricInterpretation')).toBe('RGB');
    expect(await values(there)).toEqual(await values(file));
  });

  test('signed samples survive HTJ2K', async () => {
    const file = image({ rows: 16, columns: 16, signed: true, extra: (ds) => ds.set('PixelData', Int16Array.from({ length: 256 }, (_, i) => i * 97 - 12000), 'OW') });
    const there = await via(file, TransferSyntax.HTJ2KLossless);
    expect(await values(there)).toEqual(await values(file));
    expect(Math.min(...(await values(there)))).toBe(-12000);
  });

  test('lossy encoding records Lossy Image Compression, Ratio and Method after earlier steps, with a new SOP Instance UID', async () => {
    const file = image({
      rows: 32,
      columns: 32,
      extra: (ds) => {
        ds.set('LossyImageCompressionRatio', 10);
        ds.set('LossyImageCompressionMethod', 'ISO_10918_1');
      },
    });
    const there = await via(file, TransferSyntax.JPEGLSNearLossless, { nearLossless: 3 });
    const ds = there.dataset;
    expect(ds.getString('LossyImageCompression')).toBe('01');
    expect(ds.getStrings('LossyImageCompressionMethod')).toEqual(['ISO_10918_1', 'ISO_14495_1']);
    const ratios = ds.getNumbers('LossyImageCompressionRatio');
    expect(ratios[0]).toBe(10);
    expect(ratios[1]).toBeGreaterThan(1);
    expect(ds.getString('SOPInstanceUID')).toMatch(/^2\.25\.\d+$/);
    expect(there.meta.getString('MediaStorageSOPInstanceUID')).toBe(ds.getString('SOPInstanceUID'));
    const [before, after] = [await values(file), await values(there)];
    expect(after.every((v, i) => Math.abs(v - before[i]!) <= 3)).toBe(true);
  });

  test('a lossless encode leaves the lossy attributes and the SOP Instance UID alone', async () => {
    const there = await via(image({ rows: 4, columns: 4 }), TransferSyntax.JPEG2000Lossless);
    expect(there.dataset.has('LossyImageCompression')).toBe(false);
    expect(there.dataset.getString('SOPInstanceUID')).toBe('1.2.3.4.5');
  });
});

describe('encapsulated to native', () => {
  test('16-bit samples become OW, in any native syntax', async () => {
    const file = image({ rows: 5, columns: 3, frames: 2 });
    const there = await via(file, TransferSyntax.RLELossless);
    for (const target of [TransferSyntax.ExplicitVRBigEndian, TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.DeflatedExplicitVRLittleEndian]) {
      const back = await via(there, target);
      expect(back.dataset.element('PixelData')!.vr).toBe('OW');
      expect(await values(back)).toEqual(await values(file));
    }
  });

  test('8-bit samples become OB, an odd length padded', async () => {
    const file = image({ rows: 3, columns: 3, bits: 8 });
    const back = await via(await via(file, TransferSyntax.JPEGLSLossless), TransferSyntax.ExplicitVRLittleEndian);
    const pixelData = back.dataset.element('PixelData')!;
    expect(pixelData.vr).toBe('OB');
    expect(pixelData.length).toBe(10);
    expect(await values(back)).toEqual(await values(file));
  });

  test('encapsulated to encapsulated decodes then encodes', async () => {
    const file = image({ rows: 6, columns: 6, frames: 2 });
    const there = await via(await via(file, TransferSyntax.RLELossless), TransferSyntax.JPEG2000Lossless);
    expect(there.transferSyntax).toBe(TransferSyntax.JPEG2000Lossless);
    expect(await values(there)).toEqual(await values(file));
  });
});

describe('what stays as it is', () => {
  test('between native syntaxes the file is handed to the writer unchanged', async () => {
    const file = image({ rows: 2, columns: 2 });
    const result = await transcode(file, TransferSyntax.ExplicitVRBigEndian, { registry });
    expect(result.dataset).toBe(file.dataset);
  });

  test("the file's own data set is not modified", async () => {
    const file = image({ rows: 4, columns: 4, samples: 3, bits: 8, photometric: 'RGB', planar: 1 });
    const tags = file.dataset.tags();
    const pixelData = file.dataset.element('PixelData');
    await transcode(file, TransferSyntax.JPEG2000Lossless, { registry });
    expect(file.dataset.tags()).toEqual(tags);
    expect(file.dataset.element('PixelData')).toBe(pixelData);
    expect(file.dataset.getString('PhotometricInterpretation')).toBe('RGB');
  });
});

describe('the Extended Offset Table, when offsets pass 32 bits (PS3.5 A.4)', () => {
  test('an empty Basic Offset Table, 64-bit offsets and lengths that our reader follows', async () => {
    const file = image({ rows: 4, columns: 4, frames: 3 });
    const there = await via(file, TransferSyntax.RLELossless);
    const ds = (await transcode(file, TransferSyntax.RLELossless, { registry })).dataset;
    const fragments = await Promise.all([0, 1, 2].map((i) => frameBytes(there, i)));
    // A limit below the second frame's offset forces the Extended Offset Table.
    setEncapsulatedPixelData(ds, fragments, 8);
    const read = parseDicom(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.RLELossless }));
    expect(read.dataset.element('PixelData')!.encapsulated!.basicOffsetTable).toEqual([]);
    expect(read.dataset.element('ExtendedOffsetTable')!.vr).toBe('OV');
    expect(read.dataset.element('ExtendedOffsetTableLengths')!.length).toBe(24);
    for (let i = 0; i < 3; i++) expect([...(await decodeFrame(read, i, { registry })).data]).toEqual([...(await decodeFrame(file, i)).data]);
  });
});

describe('refusals name what cannot be done', () => {
  test('16-bit colour to JPEG 2000', async () => {
    const file = image({ rows: 2, columns: 2, samples: 3, photometric: 'RGB' });
    const error = await transcode(file, TransferSyntax.JPEG2000Lossless, { registry }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscodeError);
    expect(error).toMatchObject({ kind: 'unsupported', frame: 0, from: TransferSyntax.ExplicitVRLittleEndian, to: TransferSyntax.JPEG2000Lossless });
    expect((error as Error).message).toMatch(/^generated\.dcm, frame 0: cannot transcode Explicit VR Little Endian to JPEG 2000 .*16-bit RGB/);
  });

  test('no encoder for the target', async () => {
    await expect(transcode(image({ rows: 2, columns: 2 }), TransferSyntax.JPEGBaseline8Bit, { registry })).rejects.toMatchObject({ kind: 'no-codec' });
  });

  test('a parameter the target does not take', async () => {
    const file = image({ rows: 2, columns: 2 });
    await expect(transcode(file, TransferSyntax.JPEG2000, { registry, nearLossless: 2 })).rejects.toThrow(/JPEG 2000 Image Compression: a JPEG-LS NEAR value does not apply/);
    await expect(transcode(file, TransferSyntax.RLELossless, { registry, compressionRatio: 10 })).rejects.toThrow(/a compression ratio does not apply/);
    await expect(transcode(file, TransferSyntax.JPEGLSLossless, { registry, nearLossless: 1 })).rejects.toThrow(/NEAR value does not apply/);
  });

  test('Float Pixel Data has no encapsulated form', async () => {
    const file = image({
      rows: 2,
      columns: 2,
      bits: 32,
      extra: (ds) => {
        ds.delete('PixelData');
        ds.set('FloatPixelData', new Float32Array(4));
      },
    });
    await expect(transcode(file, TransferSyntax.RLELossless, { registry })).rejects.toThrow(/floating point/);
  });

  test('a JPIP target holds no pixel data', async () => {
    await expect(transcode(image({ rows: 2, columns: 2 }), TransferSyntax.JPIPReferenced, { registry })).rejects.toMatchObject({ kind: 'unsupported' });
  });
});
