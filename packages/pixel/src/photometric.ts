// Colour frames to RGB: the YBR colour spaces of PS3.3 C.7.6.3.1.2, undone once, before display.
import { PixelDataError } from './errors.js';
import type { PixelArray, PixelFrame } from './pixel-frame.js';

const BITS = { uint8: 8, int8: 8, uint16: 16, int16: 16, uint32: 32, int32: 32, float32: 32, float64: 64 } as const;

/** The Photometric Interpretations `toRgb` converts. */
export const RGB_CONVERTIBLE = ['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_ICT', 'YBR_RCT', 'YBR_PARTIAL_422', 'YBR_PARTIAL_420'] as const;

/**
 * The frame in RGB. YBR_FULL and YBR_FULL_422 (already upsampled by the decoder) use the inverse of
 * the full-range equations of PS3.3 C.7.6.3.1.2, as does YBR_ICT (the same transform, ISO 15444-1 G.3);
 * YBR_PARTIAL_422/420 the inverse of the partial-range ones; YBR_RCT the integer inverse of the
 * reversible transform (ISO 15444-1 G.2). Chroma is centred on 2^(bitsStored-1). An RGB frame is
 * returned as is; codecs that undo YBR_ICT/RCT already label their output RGB.
 */
export function toRgb(frame: PixelFrame, bitsStored: number = BITS[frame.dtype]): PixelFrame {
  const pi = frame.photometricInterpretation.trim().toUpperCase();
  if (pi === 'RGB') return frame;
  if (frame.samplesPerPixel !== 3) throw new PixelDataError('invalid', `${pi} with ${frame.samplesPerPixel} samples per pixel: expected 3`, { frame: frame.index });
  const convert = CONVERSIONS[pi];
  if (!convert) throw new PixelDataError('unsupported', `Photometric Interpretation ${pi}: expected one of ${RGB_CONVERTIBLE.join(', ')}`, { frame: frame.index });
  const src = frame.data;
  const dst = new (src.constructor as new (n: number) => PixelArray)(src.length);
  convert(src, dst, bitsStored);
  return { ...frame, data: dst, photometricInterpretation: 'RGB' };
}

type Conversion = (src: PixelArray, dst: PixelArray, bits: number) => void;

// Inverse of Y = .299R + .587G + .114B; Cb = (B - Y)/1.772 + half; Cr = (R - Y)/1.402 + half.
const full: Conversion = (src, dst, bits) => {
  const half = 2 ** (bits - 1);
  const max = 2 ** bits - 1;
  for (let i = 0; i < src.length; i += 3) {
    const y = src[i]!;
    const cb = src[i + 1]! - half;
    const cr = src[i + 2]! - half;
    dst[i] = clampRound(y + 1.402 * cr, max);
    dst[i + 1] = clampRound(y - ((0.114 * 1.772) / 0.587) * cb - ((0.299 * 1.402) / 0.587) * cr, max);
    dst[i + 2] = clampRound(y + 1.772 * cb, max);
  }
};

// Inverse of Y = .2568R + .5041G + .0979B + 16; Cb = -.1482R - .2910G + .4392B + 128; Cr = .4392R - .3678G - .0714B + 128 (8-bit, scaled for more bits).
const partial: Conversion = (src, dst, bits) => {
  const scale = 2 ** (bits - 8);
  const black = 16 * scale;
  const half = 128 * scale;
  const max = 2 ** bits - 1;
  for (let i = 0; i < src.length; i += 3) {
    const y = 1.1644 * (src[i]! - black);
    const cb = src[i + 1]! - half;
    const cr = src[i + 2]! - half;
    dst[i] = clampRound(y + 1.596 * cr, max);
    dst[i + 1] = clampRound(y - 0.3918 * cb - 0.813 * cr, max);
    dst[i + 2] = clampRound(y + 2.0172 * cb, max);
  }
};

// G = Y - floor((Cb + Cr) / 4), R = Cr + G, B = Cb + G, on DC-shifted components.
const reversible: Conversion = (src, dst, bits) => {
  const half = 2 ** (bits - 1);
  const max = 2 ** bits - 1;
  for (let i = 0; i < src.length; i += 3) {
    const cb = src[i + 1]! - half;
    const cr = src[i + 2]! - half;
    const g = src[i]! - Math.floor((cb + cr) / 4);
    dst[i] = clampRound(cr + g, max);
    dst[i + 1] = clampRound(g, max);
    dst[i + 2] = clampRound(cb + g, max);
  }
};

const CONVERSIONS: Record<string, Conversion> = {
  YBR_FULL: full,
  YBR_FULL_422: full,
  YBR_ICT: full,
  YBR_PARTIAL_422: partial,
  YBR_PARTIAL_420: partial,
  YBR_RCT: reversible,
};

const clampRound = (v: number, max: number): number => (v <= 0 ? 0 : v >= max ? max : Math.round(v));
