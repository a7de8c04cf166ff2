// Inverse DCT of one 8x8 block (T.81 A.3.3), then the level shift and clamping of A.3.1 / F.2.1.5.

/** COSINES[x * 8 + u] = C(u)/2 * cos((2x + 1)uπ/16), with C(0) = 1/√2 and C(u) = 1 otherwise. */
const COSINES = new Float64Array(64);
for (let x = 0; x < 8; x++) {
  for (let u = 0; u < 8; u++) COSINES[x * 8 + u] = ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
}

/** The one-dimensional IDCT of each coefficient row v: rows[v * 8 + x] = Σu COSINES[x, u] S(v, u). */
const rows = new Float64Array(64);

/**
 * Writes the samples of the dequantized `coefficients` (natural order, S(v, u) at v * 8 + u) to
 * `plane` at `offset`, `stride` samples per line; `acZero` blocks are flat, DC / 8 everywhere.
 * s(y, x) = Σv Σu (C(u)/2) (C(v)/2) S(v, u) cos((2x + 1)uπ/16) cos((2y + 1)vπ/16), computed as
 * a row pass and a column pass, rounded to nearest and clamped to 0 .. 2^P - 1 after adding 2^(P-1).
 */
export function inverseDct(coefficients: Float64Array, acZero: boolean, plane: Uint16Array, offset: number, stride: number, precision: number): void {
  const max = (1 << precision) - 1;
  const bias = (1 << (precision - 1)) + 0.5;
  if (acZero) {
    const value = clamp(coefficients[0]! / 8 + bias, max);
    for (let line = offset; line < offset + 8 * stride; line += stride) for (let x = 0; x < 8; x++) plane[line + x] = value;
    return;
  }
  const s = coefficients;
  // Rows of zero coefficients below the last non-zero one add nothing to the column pass.
  let last = 7;
  while (s[last * 8] === 0 && s[last * 8 + 1] === 0 && s[last * 8 + 2] === 0 && s[last * 8 + 3] === 0 && s[last * 8 + 4] === 0 && s[last * 8 + 5] === 0 && s[last * 8 + 6] === 0 && s[last * 8 + 7] === 0) last--;
  for (let v = 0; v <= last * 8; v += 8) {
    if (s[v + 1] === 0 && s[v + 2] === 0 && s[v + 3] === 0 && s[v + 4] === 0 && s[v + 5] === 0 && s[v + 6] === 0 && s[v + 7] === 0) {
      const flat = s[v]! * COSINES[0]!;
      for (let x = 0; x < 8; x++) rows[v + x] = flat;
      continue;
    }
    for (let x = 0; x < 8; x++) {
      const c = x * 8;
      rows[v + x] =
        s[v]! * COSINES[c]! + s[v + 1]! * COSINES[c + 1]! + s[v + 2]! * COSINES[c + 2]! + s[v + 3]! * COSINES[c + 3]! +
        s[v + 4]! * COSINES[c + 4]! + s[v + 5]! * COSINES[c + 5]! + s[v + 6]! * COSINES[c + 6]! + s[v + 7]! * COSINES[c + 7]!;
    }
  }
  for (let y = 0; y < 8; y++) {
    const c = y * 8;
    const line = offset + y * stride;
    for (let x = 0; x < 8; x++) {
      let sample = bias;
      for (let v = 0; v <= last; v++) sample += rows[v * 8 + x]! * COSINES[c + v]!;
      plane[line + x] = clamp(sample, max);
    }
  }
}

/** Rounds a level-shifted sample (already + 0.5) down into 0 .. max. */
function clamp(sample: number, max: number): number {
  return sample <= 0 ? 0 : sample >= max ? max : sample | 0;
}
