// The decoded pixel values of one frame: stored values, before any LUT (PS3.3 C.7.6.3).

export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** numpy-style names of the sample types, as ../shared/corpus/manifest.json uses them. */
export type DType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** The Image Pixel Module attributes that describe stored pixels (PS3.3 C.7.6.3.1). */
export interface ImagePixelDescription {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  photometricInterpretation: string;
  planarConfiguration: number;
  numberOfFrames: number;
  /** The Pixel Data element: (7FE0,0010), Float (7FE0,0008) or Double Float (7FE0,0009). */
  pixelDataTag: number;
}

/** One decoded frame: samples interleaved (RGBRGB...) when samplesPerPixel is 3. */
export interface PixelFrame {
  /** Stored values (no Modality LUT, no masking beyond Bits Allocated — see decode options). */
  data: PixelArray;
  dtype: DType;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** Colour space of `data` (a codec may have converted YBR_ICT/RCT to RGB). */
  photometricInterpretation: string;
  /** 0-based frame number. */
  index: number;
}
