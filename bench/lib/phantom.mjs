// A deterministic CT-like phantom: body, lungs, spine and a vessel in Hounsfield units, with noise.

/** xorshift32: a fast deterministic generator of 32-bit integers (never seeded with 0). */
export function xorshift32(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** A 128-bit-ish number under the 2.25 root (a UUID-derived UID, PS3.5 B.2), fixed by its seeds. */
export function uid(...seeds) {
  const next = xorshift32(seeds.reduce((h, s) => Math.imul(h ^ s, 0x01000193) >>> 0, 0x811c9dc5));
  let n = 0n;
  for (let i = 0; i < 4; i++) n = (n << 32n) | BigInt(next());
  return `2.25.${n}`;
}

export const RESCALE_INTERCEPT = -1024;
export const PIXEL_PADDING = -2000;

/**
 * Stored values (HU - intercept, int16) of one 512x512-like slice at `z` in [0, 1]: outside the
 * reconstruction circle the padding value, else air, a water-like body, two lungs that grow and
 * shrink with z, a spine and a contrast-filled vessel; noise of about 12 HU.
 */
export function phantomSlice(rows, columns, z, seed) {
  const out = new Int16Array(rows * columns);
  const rand = xorshift32(seed);
  const cx = columns / 2;
  const cy = rows / 2;
  const s = columns / 512;
  const fov = (columns / 2) ** 2;
  const lung = Math.max(0.05, Math.sin(Math.PI * z)) * 70 * s;
  const noise = 12 / 148;
  for (let y = 0; y < rows; y++) {
    const dy = y - cy;
    for (let x = 0; x < columns; x++) {
      const dx = x - cx;
      let hu;
      if (dx * dx + dy * dy > fov) {
        out[y * columns + x] = PIXEL_PADDING;
        continue;
      } else if ((dx / (200 * s)) ** 2 + (dy / (150 * s)) ** 2 > 1) hu = -1000;
      else if (dx * dx + (dy - 95 * s) ** 2 < (24 * s) ** 2) hu = 700;
      else if ((dx + 15 * s) ** 2 + (dy - 40 * s) ** 2 < (11 * s) ** 2) hu = 250;
      else if (((Math.abs(dx) - 80 * s) / lung) ** 2 + ((dy + 10 * s) / (lung * 1.3)) ** 2 < 1) hu = -850;
      else hu = 40;
      // The sum of four random bytes: near-Gaussian, standard deviation about 148.
      const r = rand();
      const gauss = (r & 0xff) + ((r >>> 8) & 0xff) + ((r >>> 16) & 0xff) + (r >>> 24) - 510;
      out[y * columns + x] = Math.round(hu + gauss * noise) - RESCALE_INTERCEPT;
    }
  }
  return out;
}
