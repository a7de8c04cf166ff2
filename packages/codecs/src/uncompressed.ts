// Frames that are native pixel data inside fragments: Encapsulated Uncompressed Explicit VR Little
// Endian (PS3.5 A.4.11) and Deflated Image Frame Compression (PS3.5 A.4.12, each frame DEFLATE'd).
import { deflateSync, inflateSync } from 'fflate';
import type { Codec, DecodedFrame, EncodedFrame, FrameInfo } from '@dcmkit/pixel';
import { CodecError } from './errors.js';
import { DEFLATED_IMAGE_FRAME, ENCAPSULATED_UNCOMPRESSED } from './uids.js';

const frameLength = (info: FrameInfo) => info.rows * info.columns * info.samplesPerPixel * (info.bitsAllocated / 8);

function checkedFrame(name: string, pixels: Uint8Array, info: FrameInfo): DecodedFrame {
  if (info.bitsAllocated % 8 !== 0) throw new CodecError(name, 'unsupported', `Bits Allocated ${info.bitsAllocated}`);
  const length = frameLength(info);
  // A frame may carry one pad byte to even length (PS3.5 A.4).
  if (pixels.length < length) throw new CodecError(name, 'truncated', `${pixels.length} bytes, the frame needs ${length}`);
  return {
    pixels: pixels.subarray(0, length),
    planarConfiguration: info.planarConfiguration,
    photometricInterpretation: info.photometricInterpretation,
  };
}

const padded = (bytes: Uint8Array) => (bytes.length % 2 === 0 ? bytes : Uint8Array.of(...bytes, 0));

export const encapsulatedUncompressedCodec: Codec = {
  name: 'encapsulated-uncompressed',
  transferSyntaxes: [ENCAPSULATED_UNCOMPRESSED],
  async decode(encoded, info) {
    return checkedFrame(this.name, encoded, info);
  },
  async encode(pixels, info): Promise<EncodedFrame> {
    return { bytes: padded(checkedFrame(this.name, pixels, info).pixels), photometricInterpretation: info.photometricInterpretation };
  },
};

export const deflatedImageFrameCodec: Codec = {
  name: 'deflate',
  transferSyntaxes: [DEFLATED_IMAGE_FRAME],
  async decode(encoded, info) {
    let inflated: Uint8Array;
    const length = frameLength(info);
    try {
      // Output bounded by the frame (plus a pad byte and one to detect excess): no DEFLATE bomb.
      inflated = inflateSync(encoded, { out: new Uint8Array(length + 2) });
    } catch (e) {
      throw new CodecError(this.name, 'corrupt', `DEFLATE stream: ${(e as Error).message}`);
    }
    if (inflated.length > length + 1) throw new CodecError(this.name, 'mismatch', `the frame inflates past its ${length} bytes`);
    return checkedFrame(this.name, inflated, info);
  },
  async encode(pixels, info): Promise<EncodedFrame> {
    return { bytes: padded(deflateSync(checkedFrame(this.name, pixels, info).pixels)), photometricInterpretation: info.photometricInterpretation };
  },
};
