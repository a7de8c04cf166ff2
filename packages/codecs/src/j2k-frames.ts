// What JPEG 2000 and HTJ2K share around their native codecs: checks, sample layout, colour naming (PS3.5 8.2.4, A.4.4).
import type { DecodedFrame, FrameInfo } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { readJ2kHeader } from './j2k-codestream.js';
import { bytesPerSample, checkHeader, checkInfo, checkLength, interleave, maskBits, signExtend } from './samples.js';
import { nativeDecode, type NativeDecoder, type NativeFrameInfo, type Wasm } from './wasm.js';

const BITS_ALLOCATED = [8, 16];

export async function decodeJ2k<M>(codec: string, load: () => Promise<Wasm<M>>, create: (module: M) => NativeDecoder, encoded: Uint8Array, info: FrameInfo): Promise<DecodedFrame> {
  checkInfo(codec, info, BITS_ALLOCATED);
  checkHeader(codec, readJ2kHeader(codec, encoded), info);
  const wasm = await load();
  const { pixels, frame } = nativeDecode(codec, wasm, () => create(wasm.module), encoded);
  checkLength(codec, pixels, info);
  // PS3.5 8.2.4: Ssiz signedness should match Pixel Representation; an unsigned codestream under
  // Pixel Representation 1 is read as two's complement of its precision (as pydicom corrects it).
  if (info.pixelRepresentation === 1 && !frame.isSigned) signExtend(pixels, bytesPerSample(info), frame.bitsPerSample);
  // PS3.5 8.2.4: the decoder undoes the reversible/irreversible component transform, so YBR_RCT/ICT come out as RGB.
  const photometricInterpretation = /^YBR_(RCT|ICT)$/.test(info.photometricInterpretation) ? 'RGB' : info.photometricInterpretation;
  return { pixels, planarConfiguration: 0, photometricInterpretation };
}

export interface J2kEncodeInput {
  frame: NativeFrameInfo;
  /** Colour-by-pixel samples of Bits Stored bits: unsigned ones masked, signed ones sign-extended. */
  samples: Uint8Array;
  /** Wavelet decomposition levels: 5, or fewer for frames too small to split that often. */
  decompositions: number;
}

export function j2kEncodeInput(codec: string, pixels: Uint8Array, info: FrameInfo): J2kEncodeInput {
  checkInfo(codec, info, BITS_ALLOCATED);
  checkLength(codec, pixels, info);
  const colour = info.samplesPerPixel > 1;
  if (colour && (info.bitsAllocated > 8 || info.photometricInterpretation !== 'RGB')) {
    throw new CodecError(codec, 'unsupported', `colour encoding needs 8-bit RGB, not ${info.bitsAllocated}-bit ${info.photometricInterpretation}`);
  }
  const sampleBytes = bytesPerSample(info);
  const byPixel = colour && info.planarConfiguration === 1 ? interleave(pixels, info.samplesPerPixel, sampleBytes) : pixels;
  // maskBits copies only when Bits Stored is short of the container, so signExtend never touches the caller's pixels.
  const masked = maskBits(byPixel, sampleBytes, info.bitsStored);
  const samples = info.pixelRepresentation === 1 ? signExtend(masked, sampleBytes, info.bitsStored) : masked;
  const frame = { width: info.columns, height: info.rows, bitsPerSample: info.bitsStored, componentCount: info.samplesPerPixel, isSigned: info.pixelRepresentation === 1 };
  return { frame, samples, decompositions: Math.min(5, Math.floor(Math.log2(Math.min(info.rows, info.columns)))) };
}

/** PS3.5 A.4.4: colour coded through the component transform is labelled YBR_RCT (reversible) or YBR_ICT. */
export function encodedPhotometric(codec: string, bytes: Uint8Array, info: FrameInfo, lossless: boolean): string {
  if (!readJ2kHeader(codec, bytes).mct) return info.photometricInterpretation;
  return lossless ? 'YBR_RCT' : 'YBR_ICT';
}
