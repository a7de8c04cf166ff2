// A decoded array's fingerprint as the reference corpus records it (../shared/corpus/README.md
// "Hash and statistics"): SHA-256 of the little-endian C-order bytes, min, max and numpy's mean.
import { arrayBytes } from './pixel-array.js';
import type { DType, PixelArray } from './pixel-frame.js';

export interface PixelSummary extends PixelStatistics {
  dtype: DType;
  shape: number[];
  /** Hex SHA-256 of the array's bytes, little endian, C order. */
  sha256: string;
}

/** numpy's blocking for pairwise summation: 8 partial sums, blocks of at most 128 values. */
const UNROLL = 8;
const BLOCK = 128;

/**
 * The sum numpy's `add.reduce` computes for float64 data (pairwise summation): to the last bit
 * what `arr.astype(np.float64).sum()` gives, so means agree beyond the 6 decimals compared.
 */
export function pairwiseSum(a: PixelArray, start = 0, n = a.length - start): number {
  if (n < UNROLL) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += a[start + i]!;
    return sum;
  }
  if (n <= BLOCK) {
    const r = Array.from({ length: UNROLL }, (_, j) => Number(a[start + j]!));
    let i = UNROLL;
    for (; i < n - (n % UNROLL); i += UNROLL) for (let j = 0; j < UNROLL; j++) r[j]! += a[start + i + j]!;
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) sum += a[start + i]!;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % UNROLL;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

/** Hex SHA-256 with WebCrypto (browsers and Node 20 alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PixelStatistics {
  min: number;
  max: number;
  /** The mean of all samples as float64, rounded to 6 decimals. */
  mean: number;
}

export function pixelStatistics(data: PixelArray): PixelStatistics {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, mean: Number((pairwiseSum(data) / data.length).toFixed(6)) };
}

export async function pixelSummary(data: PixelArray, dtype: DType, shape: number[]): Promise<PixelSummary> {
  return { dtype, shape, sha256: await sha256Hex(arrayBytes(data)), ...pixelStatistics(data) };
}
