// codecs: decoding one frame per compressed Transfer Syntax, in megapixels per second. dcmkit's
// decodeFrame (codecs registered) against the bare library call on the same codestream (our
// overhead), and parse + decode + render to RGBA against dcmjs-imaging doing the same.
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { phantomSlice, RESCALE_INTERCEPT } from '../lib/phantom.mjs';

export const name = 'codecs';
export const description = 'frame decode Mpx/s: dcmkit decodeFrame vs the bare codec call; parse+decode+render vs dcmjs-imaging';

const require = createRequire(import.meta.url);
const corpus = fileURLToPath(new URL('../../../shared/corpus/files/test_files/', import.meta.url));
const SIZE = 512;
const WINDOW = { center: 40, width: 400 };

/** The bare decoders: cornerstonejs WebAssembly builds (copy in, decode, copy out, free) and jpeg-lossless-decoder-js. */
async function bareDecoders() {
  const quiet = { print() {}, printErr() {} };
  const wasm = async (specifier, className) => {
    const module = await (await import(specifier)).default({ ...quiet });
    return (bytes) => {
      const decoder = new module[className]();
      try {
        decoder.getEncodedBuffer(bytes.length).set(bytes);
        decoder.decode();
        const view = decoder.getDecodedBuffer();
        return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
      } finally {
        decoder.delete();
      }
    };
  };
  const { Decoder } = await import('jpeg-lossless-decoder-js');
  return {
    'libjpeg-turbo': await wasm('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', 'JPEGDecoder'),
    charls: await wasm('@cornerstonejs/codec-charls/wasmjs', 'JpegLSDecoder'),
    openjpeg: await wasm('@cornerstonejs/codec-openjpeg/wasmjs', 'J2KDecoder'),
    openjph: await wasm('@cornerstonejs/codec-openjph/wasmjs', 'HTJ2KDecoder'),
    'jpeg-lossless-decoder-js': (bytes, sampleBytes) => new Decoder().decode(bytes.slice().buffer, 0, bytes.length, sampleBytes),
  };
}

/** dcmjs-imaging with its WebAssembly decoders, or why it cannot run. */
async function dcmjsImaging() {
  try {
    const imaging = require('dcmjs-imaging');
    const wasm = join(dirname(require.resolve('dcmjs-imaging')), 'dcmjs-native-codecs.wasm');
    await imaging.NativePixelDecoder.initializeAsync({ webAssemblyModulePathOrUrl: wasm, logNativeDecodersMessages: false });
    return { imaging };
  } catch (e) {
    return { note: `dcmjs-imaging skipped: ${e instanceof Error ? e.message : String(e)} (npm i -D dcmjs-imaging)` };
  }
}

/**
 * The frames decoded: a 512x512 int16 CT phantom encoded by dcmkit in each syntax it writes, and
 * corpus files for the syntaxes it only reads (when ../shared/corpus is there).
 */
async function cases(core, pixel, registry, log) {
  const { DataSet, TransferSyntax, parseDicom, writeDicom } = core;
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
  ds.set('SOPInstanceUID', '2.25.1');
  ds.set('Modality', 'CT');
  for (const [k, v] of [['SamplesPerPixel', 1], ['Rows', SIZE], ['Columns', SIZE], ['BitsAllocated', 16], ['BitsStored', 16], ['HighBit', 15], ['PixelRepresentation', 1]]) ds.set(k, v);
  ds.set('PhotometricInterpretation', 'MONOCHROME2');
  ds.set('RescaleIntercept', RESCALE_INTERCEPT);
  ds.set('RescaleSlope', 1);
  ds.set('PixelData', phantomSlice(SIZE, SIZE, 0.5, 7), 'OW');
  const ct = parseDicom(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRLittleEndian }));
  const encode = async (syntax) => writeDicom(await pixel.transcode(ct, syntax, { registry }), { transferSyntax: syntax });
  const list = [
    { label: 'RLE, 512x512 int16', bare: 'rle', bytes: await encode(TransferSyntax.RLELossless) },
    { label: 'JPEG-LS, 512x512 int16', bare: 'charls', bytes: await encode(TransferSyntax.JPEGLSLossless) },
    { label: 'JPEG 2000, 512x512 int16', bare: 'openjpeg', bytes: await encode(TransferSyntax.JPEG2000Lossless) },
    { label: 'HTJ2K, 512x512 int16', bare: 'openjph', bytes: await encode(TransferSyntax.HTJ2KLossless) },
  ];
  const fromCorpus = [
    { label: 'JPEG baseline, 320x240 YBR_FULL_422', bare: 'libjpeg-turbo', file: 'examples_ybr_color.dcm' },
    { label: 'JPEG lossless, 100x100 RGB', bare: 'jpeg-lossless-decoder-js', file: 'SC_rgb_jpeg_gdcm.dcm' },
  ];
  for (const c of fromCorpus) {
    if (existsSync(join(corpus, c.file))) list.push({ ...c, bytes: new Uint8Array(readFileSync(join(corpus, c.file))) });
    else log(`codecs: ${c.label} skipped: ${join(corpus, c.file)} not found`);
  }
  return list;
}

export async function run(ctx) {
  const core = await import('@dcmkit/core');
  const pixel = await import('@dcmkit/pixel');
  const { registerAllCodecs, decodeRle } = await import('@dcmkit/codecs');
  const registry = registerAllCodecs(new pixel.CodecRegistry());
  const bare = { ...(await bareDecoders()), rle: decodeRle };
  const { imaging, note } = await dcmjsImaging();
  if (note) ctx.log(note);

  const records = [];
  for (const c of await cases(core, pixel, registry, ctx.log)) {
    const file = core.parseDicom(c.bytes);
    const desc = pixel.imagePixelDescription(file.dataset);
    const encoded = await pixel.frameBytes(file, 0);
    const frame = await pixel.decodeFrame(file, 0, { registry });
    const grey = desc.samplesPerPixel === 1;
    const renderOptions = grey ? { window: WINDOW } : {};
    const bareCall = c.bare === 'rle' ? () => bare.rle(encoded, desc) : () => bare[c.bare](encoded, desc.bitsAllocated / 8);
    const decodedBytes = frame.data.byteLength;
    if (bareCall().byteLength !== decodedBytes) throw new Error(`codecs: ${c.label}: the bare ${c.bare} call and decodeFrame disagree on the frame size`);

    const subjects = {
      'dcmkit decodeFrame': () => pixel.decodeFrame(file, 0, { registry }),
      [`bare ${c.bare}`]: bareCall,
      'dcmkit parse+decode+render': async () => {
        const f = core.parseDicom(c.bytes);
        return pixel.renderFrame(await pixel.decodeFrame(f, 0, { registry }), f.dataset, renderOptions);
      },
    };
    if (imaging) {
      const windowLevel = grey ? new imaging.WindowLevel(WINDOW.width, WINDOW.center) : undefined;
      subjects['dcmjs-imaging parse+decode+render'] = () =>
        new imaging.DicomImage(c.bytes.slice().buffer).render({ frame: 0, windowLevel, renderOverlays: false, calculateHistograms: false });
    }
    const results = await ctx.compare(subjects);
    const megapixels = (desc.rows * desc.columns) / 1e6;
    for (const [subject, { median }] of Object.entries(results)) {
      const s = `${c.label}: ${subject}`;
      records.push({ suite: name, subject: s, metric: 'ms', value: median, unit: 'ms' });
      records.push({ suite: name, subject: s, metric: 'Mpixel_per_s', value: megapixels / (median / 1000), unit: 'Mpx/s' });
    }
    const ours = results['dcmkit decodeFrame'].median;
    records.push({ suite: name, subject: `${c.label}: dcmkit decodeFrame`, metric: 'overhead_vs_bare', value: ours / results[`bare ${c.bare}`].median, unit: 'x' });
    if (imaging) {
      const peer = results['dcmjs-imaging parse+decode+render'].median;
      records.push({ suite: name, subject: `${c.label}: dcmkit parse+decode+render`, metric: 'ratio_vs_dcmjs-imaging', value: peer / results['dcmkit parse+decode+render'].median, unit: 'x' });
    }
  }
  return records;
}
