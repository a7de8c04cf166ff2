// The corpus' array fingerprint: numpy's pairwise float64 sum, SHA-256 of the little-endian bytes.
import { describe, expect, test } from 'vitest';
import { pairwiseSum, pixelSummary } from '@dcmkit/pixel';

// Expected values computed with numpy: a = np.array(values); float(a.sum()), float(a.mean()).
const values = (n: number) => Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1013) / 7 + (i % 97 === 0 ? 1e9 : 0));

describe('pairwise summation as numpy does it', () => {
  test('matches numpy to the last bit where a running sum does not', () => {
    const a = values(100003);
    let running = 0;
    for (const v of a) running += v;
    expect(running).not.toBe(1031007228931.7144);
    expect(pairwiseSum(a)).toBe(1031007228931.7144);
    expect(pairwiseSum(values(1000))).toBe(11000072412.285713);
    expect(pairwiseSum(values(7))).toBe(1000000457.9999999);
  });
});

describe('pixelSummary', () => {
  test('dtype, shape, sha256 of the little-endian bytes, min, max, mean rounded to 6 decimals', async () => {
    const b = Int16Array.from({ length: 1000 }, (_, i) => ((i * 37) % 65536) - 32768);
    expect(await pixelSummary(b, 'int16', [10, 100])).toEqual({
      dtype: 'int16',
      shape: [10, 100],
      sha256: 'b54b6dcc9aeb6011e1c69b4487131fd5b10c8a2e99ec1c29447810d8ed995440',
      min: -32768,
      max: 4195,
      mean: -14286.5,
    });
    expect((await pixelSummary(values(100003), 'float64', [100003])).mean).toBe(10309762.996427);
  });
});
