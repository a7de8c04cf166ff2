// Moving a data set from one Transfer Syntax to another (PS3.5 8, 10, A.4): native syntaxes differ
// only in how the writer encodes elements; encapsulated ones need each frame decoded and/or encoded.
import {
  DataSet,
  DOUBLE_FLOAT_PIXEL_DATA,
  EXTENDED_OFFSET_TABLE,
  EXTENDED_OFFSET_TABLE_LENGTHS,
  FLOAT_PIXEL_DATA,
  PIXEL_DATA,
  TransferSyntax,
  isNativeTransferSyntax,
  transferSyntaxInfo,
  type DicomFile,
} from '@dcmkit/core';
import { codecs as defaultRegistry, type CodecRegistry, type EncodeOptions } from './codec.js';
import { decodeFrame, frameInfo } from './decode.js';
import { setEncapsulatedPixelData } from './encapsulate.js';
import { imagePixelDescription } from './image-pixel.js';
import { isAlwaysLossy, markLossy, recordLossyCompression } from './lossy-compression.js';
import { arrayBytes } from './pixel-array.js';
import type { ImagePixelDescription, PixelArray } from './pixel-frame.js';
import { TranscodeError } from './transcode-error.js';

export interface TranscodeOptions extends EncodeOptions {
  /** Where decoders and encoders are found (default: the shared `codecs`). */
  registry?: CodecRegistry;
}

/** What to write, e.g. `writeDicom({ ...transcoded, preamble }, { transferSyntax })`. */
export interface Transcoded {
  meta?: DataSet;
  dataset: DataSet;
}

interface Job {
  file: DicomFile;
  target: string;
  desc: ImagePixelDescription;
  opts: TranscodeOptions;
}

/** The syntaxes that may be lossy and the parameter that makes them so (PS3.5 8.2.3, 8.2.4, 8.2.15). */
const LOSSY_PARAMETER: Record<string, keyof EncodeOptions> = {
  [TransferSyntax.JPEGLSNearLossless]: 'nearLossless',
  [TransferSyntax.JPEG2000]: 'compressionRatio',
  [TransferSyntax.HTJ2K]: 'compressionRatio',
};
const PARAMETER_NAME: Record<keyof EncodeOptions, string> = { nearLossless: 'a JPEG-LS NEAR value', compressionRatio: 'a compression ratio' };

const PIXEL_DATA_TAGS = [PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA];

/**
 * The data set to write in `targetTransferSyntax`. Between native syntaxes, to the syntax the file
 * already has, and without pixels, it is the file's own: the writer re-encodes it. Otherwise every
 * frame is decoded and, for an encapsulated target, encoded with the registry's codec, one frame at a
 * time, into a new data set that shares the file's other elements (the file is left as it is).
 * Native results are colour-by-pixel; Photometric Interpretation follows the codecs (JPEG 2000
 * YBR_RCT/ICT decode to RGB, lossless JPEG 2000 colour encodes to YBR_RCT). The encapsulated Pixel
 * Data of a result is for the writer, not for decoding before it is written and read back.
 */
export async function transcode(file: DicomFile, targetTransferSyntax: string, opts: TranscodeOptions = {}): Promise<Transcoded> {
  const from = file.transferSyntax;
  const target = targetTransferSyntax;
  checkTranscodeTarget(target, opts, from, file.source.name);
  const to = transferSyntaxInfo(target);
  const unchanged = { meta: file.meta, dataset: file.dataset };
  const nativeSource = !transferSyntaxInfo(from).encapsulated;
  if (from === target || (nativeSource && !to.encapsulated) || !PIXEL_DATA_TAGS.some((t) => file.dataset.has(t))) return unchanged;
  const desc = imagePixelDescription(file.dataset, file.source.name);
  // PS3.5 A.4: only Pixel Data is encapsulated; Float and Double Float Pixel Data are always native.
  if (desc.pixelDataTag !== PIXEL_DATA) {
    throw new TranscodeError('unsupported', from, target, 'floating point pixel data is never encapsulated', { file: file.source.name });
  }
  const job: Job = { file, target, desc, opts };
  return { meta: file.meta, dataset: to.encapsulated ? await encapsulated(job) : await native(job) };
}

/**
 * Throws the TranscodeError `transcode` would for `target` and `opts` whatever the file: a target that
 * holds no pixel data (JPIP), or a lossy parameter the target does not take. For checking a command
 * line before any file is read; `from` and `file` only fill in the error.
 */
export function checkTranscodeTarget(target: string, opts: EncodeOptions, from = target, file?: string): void {
  const fail = (reason: string) => new TranscodeError('unsupported', from, target, reason, { file });
  if (!transferSyntaxInfo(target).encapsulated && !isNativeTransferSyntax(target)) throw fail('the target references its pixel data instead of holding it (PS3.5 A.6, A.7)');
  const parameter = LOSSY_PARAMETER[target];
  const given = (['nearLossless', 'compressionRatio'] as const).find((k) => k !== parameter && opts[k] !== undefined);
  if (given) throw fail(`${PARAMETER_NAME[given]} does not apply to it`);
}

/** A new data set holding the same elements (parsed ones keep their bytes), to change without touching the file's. */
function derived(ds: DataSet): DataSet {
  const copy = new DataSet(ds.encoding);
  for (const el of ds) copy.add(el);
  return copy;
}

/** Image Pixel attributes of the written samples: their colour space and, for colour, Planar Configuration. */
function setLayout(ds: DataSet, desc: ImagePixelDescription, photometricInterpretation: string, planarConfiguration: number): void {
  ds.set('PhotometricInterpretation', photometricInterpretation);
  // PS3.3 C.7.6.3.1.3: Planar Configuration only with more than one sample per pixel.
  if (desc.samplesPerPixel > 1) ds.set('PlanarConfiguration', planarConfiguration);
}

/** Encapsulated to native: every frame decoded into one value, OW for samples wider than 8 bits (PS3.5 8.1.1, A.2). */
async function native(job: Job): Promise<DataSet> {
  const { file, desc, opts } = job;
  const frames = desc.numberOfFrames;
  const frameLength = (desc.rows * desc.columns * desc.samplesPerPixel * desc.bitsAllocated) / 8;
  let data: PixelArray | undefined;
  let all: Uint8Array | undefined;
  let photometric = desc.photometricInterpretation;
  for (let i = 0; i < frames; i++) {
    const frame = await decodeFrame(file, i, { registry: opts.registry });
    photometric = frame.photometricInterpretation;
    if (frames === 1) data = frame.data;
    else (all ??= new Uint8Array(frameLength * frames)).set(arrayBytes(frame.data), i * frameLength);
  }
  const wide = desc.bitsAllocated > 8;
  // The writer takes typed arrays in the platform's byte order, swapping them for a big endian target.
  const value = data ?? (wide ? new Uint16Array(all!.buffer) : all!);
  const ds = derived(file.dataset);
  ds.delete(EXTENDED_OFFSET_TABLE);
  ds.delete(EXTENDED_OFFSET_TABLE_LENGTHS);
  ds.set(PIXEL_DATA, value, wide ? 'OW' : 'OB');
  setLayout(ds, desc, photometric, 0);
  if (isAlwaysLossy(file.transferSyntax)) markLossy(ds);
  return ds;
}

/** Native or encapsulated to encapsulated: each frame decoded, then encoded as one fragment. */
async function encapsulated(job: Job): Promise<DataSet> {
  const { file, target, desc, opts } = job;
  const name = file.source.name;
  const codec = (opts.registry ?? defaultRegistry).get(target);
  if (!codec?.encode) throw new TranscodeError('no-codec', file.transferSyntax, target, 'no encoder is registered for it', { file: name });
  const options: EncodeOptions = { nearLossless: opts.nearLossless, compressionRatio: opts.compressionRatio };
  const fragments: Uint8Array[] = [];
  let photometric = desc.photometricInterpretation;
  let nativeBytes = 0;
  let encodedBytes = 0;
  for (let i = 0; i < desc.numberOfFrames; i++) {
    const frame = await decodeFrame(file, i, { registry: opts.registry });
    // decodeFrame returns colour-by-pixel, native YBR_FULL_422 upsampled to YBR_FULL.
    const info = { ...frameInfo(desc), photometricInterpretation: frame.photometricInterpretation, planarConfiguration: 0 };
    const pixels = arrayBytes(frame.data);
    try {
      const encoded = await codec.encode(pixels, info, target, options);
      photometric = encoded.photometricInterpretation;
      fragments.push(encoded.bytes);
      encodedBytes += encoded.bytes.length;
    } catch (e) {
      const reason = `${e instanceof Error ? e.message : String(e)} (the image is ${desc.bitsAllocated}-bit ${info.photometricInterpretation})`;
      // Codecs say 'unsupported' for valid input they cannot take (CodecError.reason of @dcmkit/codecs).
      const kind = (e as { reason?: unknown }).reason === 'unsupported' ? 'unsupported' : 'encode';
      throw new TranscodeError(kind, file.transferSyntax, target, reason, { file: name, frame: i, cause: e });
    }
    nativeBytes += pixels.length;
  }
  const ds = derived(file.dataset);
  setEncapsulatedPixelData(ds, fragments);
  // PS3.5 G.2: RLE codes colour by plane, labelled Planar Configuration 1; the other codecs colour-by-pixel.
  setLayout(ds, desc, photometric, target === TransferSyntax.RLELossless ? 1 : 0);
  if ((options.nearLossless ?? 0) > 0 || options.compressionRatio !== undefined) recordLossyCompression(ds, target, nativeBytes / encodedBytes);
  return ds;
}
