// One interface for every frame codec, keyed by Transfer Syntax UID (PS3.5 8.2, Annex A.4).
// Codecs are registered by the application (CLI, server, viewer); this package never imports them.

/** What a codec needs to know about one frame (PS3.3 C.7.6.3 Image Pixel Module). */
export interface FrameInfo {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  photometricInterpretation: string;
  /** 0 colour-by-pixel, 1 colour-by-plane; as stored in the data set. */
  planarConfiguration: number;
}

/** A decoded frame: samples in Bits Allocated containers, little endian. */
export interface DecodedFrame {
  pixels: Uint8Array;
  /** Layout of `pixels`: 0 interleaved (RGBRGB...), 1 planar (RRR...GGG...BBB...). */
  planarConfiguration: number;
  /** Colour space of `pixels`, e.g. 'RGB' when the codec undid a YBR_ICT/RCT component transform. */
  photometricInterpretation: string;
}

export interface EncodeOptions {
  /** Lossless unless set; for JPEG-LS the NEAR parameter, for JPEG 2000 / HTJ2K a compression ratio. */
  nearLossless?: number;
  compressionRatio?: number;
}

export interface EncodedFrame {
  bytes: Uint8Array;
  /** Photometric Interpretation the encoded frame must be labelled with (e.g. YBR_RCT for lossless J2K colour). */
  photometricInterpretation: string;
}

export interface Codec {
  /** A short name for messages and benchmarks: 'rle', 'charls', 'openjpeg', ... */
  readonly name: string;
  /** Transfer Syntax UIDs this codec decodes. */
  readonly transferSyntaxes: readonly string[];
  decode(encoded: Uint8Array, info: FrameInfo): Promise<DecodedFrame>;
  /** Present when the codec can also encode; `transferSyntax` selects the variant. */
  encode?(pixels: Uint8Array, info: FrameInfo, transferSyntax: string, options?: EncodeOptions): Promise<EncodedFrame>;
}

/** Codecs by Transfer Syntax UID. */
export class CodecRegistry {
  readonly #codecs = new Map<string, Codec>();

  register(codec: Codec): this {
    for (const uid of codec.transferSyntaxes) this.#codecs.set(uid, codec);
    return this;
  }

  get(transferSyntax: string): Codec | undefined {
    return this.#codecs.get(transferSyntax);
  }

  has(transferSyntax: string): boolean {
    return this.#codecs.has(transferSyntax);
  }

  list(): string[] {
    return [...this.#codecs.keys()];
  }
}

/** The process-wide registry the app fills (e.g. `registerAllCodecs(codecs)` from @dcmkit/codecs). */
export const codecs = new CodecRegistry();
