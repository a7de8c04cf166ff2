// Decoding Pixel Data to stored values (PS3.5 8, A.4): what pydicom 2.3.1's `pixel_array` returns,
// frame by frame or as one array, with optional masking to Bits Stored.
import { transferSyntaxInfo, type DicomFile, type Element } from '@dcmkit/core';
import { hasUnusedBits, maskToBitsStored } from './bits-stored.js';
import { codecs as defaultRegistry, type CodecRegistry, type FrameInfo } from './codec.js';
import { encapsulatedFrame, frameTable } from './encapsulated.js';
import { PixelDataError } from './errors.js';
import { checkFrameIndex, pixelDataElement } from './frames.js';
import { imagePixelDescription } from './image-pixel.js';
import { nativeFrames, nativeLayout } from './native.js';
import { allocate, dtypeOf, pixelArray, pixelArrayShape } from './pixel-array.js';
import type { DType, ImagePixelDescription, PixelArray, PixelFrame } from './pixel-frame.js';
import { interleavePlanes, unpackBits, upsampleYbr422 } from './sample-layout.js';

export interface DecodeOptions {
  /**
   * PS3.5 8.1.1: keep only the Bits Stored bits ending at High Bit and sign-extend signed samples,
   * as a viewer must. Off by default: each sample is its whole Bits Allocated container, as pydicom returns it.
   */
  maskToBitsStored?: boolean;
  /** Where encapsulated syntaxes find their codec (default: the shared `codecs`). */
  registry?: CodecRegistry;
}

/** Every frame's samples in one array, C order: (frames, rows, columns, samples) as `shape` says. */
export interface DecodedPixelArray {
  data: PixelArray;
  dtype: DType;
  shape: number[];
  /** Colour space of `data` (a codec may have turned YBR_RCT/ICT into RGB, YBR_FULL_422 into YBR_FULL). */
  photometricInterpretation: string;
}

interface Context {
  file: DicomFile;
  name?: string;
  desc: ImagePixelDescription;
  dtype: DType;
  el: Element;
  opts: DecodeOptions;
}

function context(file: DicomFile, opts: DecodeOptions): Context {
  const name = file.source.name;
  const desc = imagePixelDescription(file.dataset, name);
  return { file, name, desc, dtype: dtypeOf(desc, name), el: pixelDataElement(file, desc), opts };
}

/** Decoded samples: full resolution, colour-by-pixel, and the colour space they are in. */
interface Samples {
  data: PixelArray;
  photometricInterpretation: string;
}

/** Native frames [first, first + count) as stored values (PS3.5 8.1.1, PS3.3 C.7.6.3.1.2-3). */
async function nativeSamples(c: Context, first: number, count: number): Promise<Samples> {
  const { desc, dtype } = c;
  const layout = nativeLayout(c.file, c.el, desc);
  const bytes = await nativeFrames(c.file, c.el, desc, layout, first, count);
  const samples = desc.rows * desc.columns * desc.samplesPerPixel * count;
  let data: PixelArray = desc.bitsAllocated === 1 ? unpackBits(bytes, samples) : pixelArray(dtype, bytes);
  let photometricInterpretation = desc.photometricInterpretation;
  if (layout.subsampled) {
    // Upsampled 4:2:2 data is YBR_FULL (PS3.3 C.7.6.3.1.2).
    data = upsampleYbr422(data, allocate(dtype, samples));
    photometricInterpretation = 'YBR_FULL';
  } else if (desc.samplesPerPixel > 1 && desc.planarConfiguration === 1) {
    data = interleavePlanes(data, allocate(dtype, samples), desc.samplesPerPixel, count);
  }
  return { data, photometricInterpretation };
}

/** What a codec is told about the frames of a data set, as stored. */
export const frameInfo = (desc: ImagePixelDescription): FrameInfo => ({
  rows: desc.rows,
  columns: desc.columns,
  samplesPerPixel: desc.samplesPerPixel,
  bitsAllocated: desc.bitsAllocated,
  bitsStored: desc.bitsStored,
  pixelRepresentation: desc.pixelRepresentation,
  photometricInterpretation: desc.photometricInterpretation,
  planarConfiguration: desc.planarConfiguration,
});

/**
 * One encapsulated frame through the registered codec for the Transfer Syntax. The codec returns
 * Bits Allocated containers, little endian; JPEG 2000 codecs re-sign an unsigned codestream under
 * Pixel Representation 1, as pydicom's APPLY_J2K_CORRECTIONS does.
 */
async function encapsulatedSamples(c: Context, index: number): Promise<Samples> {
  const { file, desc, name } = c;
  const syntax = file.transferSyntax;
  const codec = (c.opts.registry ?? defaultRegistry).get(syntax);
  if (!codec) {
    throw new PixelDataError('no-codec', `no codec registered for ${transferSyntaxInfo(syntax).name} (${syntax})`, { file: name, frame: index });
  }
  const table = await frameTable(file, c.el, desc.numberOfFrames);
  const encoded = await encapsulatedFrame(file, c.el, table[index]!, index);
  let decoded;
  try {
    decoded = await codec.decode(encoded, frameInfo(desc));
  } catch (e) {
    // A CodecError's message starts with its codec's name already.
    const message = e instanceof Error ? e.message : String(e);
    throw new PixelDataError('decode', message.startsWith(`${codec.name}: `) ? message : `${codec.name}: ${message}`, { file: name, frame: index, cause: e });
  }
  const samples = desc.rows * desc.columns * desc.samplesPerPixel;
  const expected = (samples * desc.bitsAllocated) / 8;
  if (decoded.pixels.length !== expected) {
    throw new PixelDataError('decode', `${codec.name} returned ${decoded.pixels.length} bytes, the frame has ${expected}`, { file: name, frame: index });
  }
  let data = pixelArray(c.dtype, decoded.pixels);
  if (desc.samplesPerPixel > 1 && decoded.planarConfiguration === 1) data = interleavePlanes(data, allocate(c.dtype, samples), desc.samplesPerPixel, 1);
  return { data, photometricInterpretation: decoded.photometricInterpretation };
}

function masked(c: Context, samples: Samples): Samples {
  if (!c.opts.maskToBitsStored || c.dtype.startsWith('float') || !hasUnusedBits(c.desc)) return samples;
  // A new array: `data` may be a view of the file's bytes.
  return { ...samples, data: maskToBitsStored(samples.data, allocate(c.dtype, samples.data.length), c.desc) };
}

async function frameSamples(c: Context, index: number): Promise<Samples> {
  return masked(c, c.el.encapsulated ? await encapsulatedSamples(c, index) : await nativeSamples(c, index, 1));
}

/**
 * Decodes frame `index` (0-based) to stored values: no Modality/VOI/Presentation LUT, palette indices
 * as stored, MONOCHROME1 not inverted. Colour comes out colour-by-pixel; native YBR_FULL_422 upsampled.
 * The data may be a view of the file's bytes: copy it before modifying.
 */
export async function decodeFrame(file: DicomFile, index: number, opts: DecodeOptions = {}): Promise<PixelFrame> {
  const c = context(file, opts);
  checkFrameIndex(file, c.desc, index);
  const { data, photometricInterpretation } = await frameSamples(c, index);
  const { rows, columns, samplesPerPixel } = c.desc;
  return { data, dtype: c.dtype, rows, columns, samplesPerPixel, photometricInterpretation, index };
}

/** Decodes every frame into one array, shaped as pydicom 2.3.1's `pixel_array` (see DecodedPixelArray). */
export async function decodePixelArray(file: DicomFile, opts: DecodeOptions = {}): Promise<DecodedPixelArray> {
  const c = context(file, opts);
  const frames = c.desc.numberOfFrames;
  const shape = pixelArrayShape(c.desc);
  if (!c.el.encapsulated) {
    // Native frames are contiguous: one read, one pass.
    const { data, photometricInterpretation } = masked(c, await nativeSamples(c, 0, frames));
    return { data, dtype: c.dtype, shape, photometricInterpretation };
  }
  const first = await frameSamples(c, 0);
  if (frames === 1) return { data: first.data, dtype: c.dtype, shape, photometricInterpretation: first.photometricInterpretation };
  const frameLength = first.data.length;
  const data = allocate(c.dtype, frameLength * frames);
  data.set(first.data as ArrayLike<number>);
  for (let i = 1; i < frames; i++) data.set((await frameSamples(c, i)).data as ArrayLike<number>, i * frameLength);
  return { data, dtype: c.dtype, shape, photometricInterpretation: first.photometricInterpretation };
}
