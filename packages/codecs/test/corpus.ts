// Test-only access to the shared conformance corpus (/work/shared/corpus, beside the repository).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FrameInfo } from '@dcmkit/pixel';
import { readPixelData } from './frames.js';

const root = process.env.DCMKIT_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
export const hasCorpus = existsSync(`${root}/manifest.json`);

export interface ManifestRecord {
  path: string;
  transferSyntaxUID: string | null;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  photometricInterpretation: string;
  planarConfiguration: number | null;
  numberOfFrames: number | string | null;
  pixels: { sha256: string | null; min: number | null; max: number | null; mean: number | null; dtype: string } | null;
}

const manifest: ManifestRecord[] = hasCorpus ? JSON.parse(readFileSync(`${root}/manifest.json`, 'utf8')) : [];

/** Records of one transfer syntax that pydicom decoded. */
export function recordsOf(...transferSyntaxes: string[]): ManifestRecord[] {
  return manifest.filter((r) => r.pixels && r.transferSyntaxUID && transferSyntaxes.includes(r.transferSyntaxUID));
}

export function record(path: string): ManifestRecord {
  const found = manifest.find((r) => r.path === path);
  if (!found) throw new Error(`${path} is not in the corpus manifest`);
  return found;
}

export function frameInfo(r: ManifestRecord): FrameInfo {
  return {
    rows: r.rows,
    columns: r.columns,
    samplesPerPixel: r.samplesPerPixel,
    bitsAllocated: r.bitsAllocated,
    bitsStored: r.bitsStored,
    pixelRepresentation: r.pixelRepresentation,
    photometricInterpretation: r.photometricInterpretation,
    planarConfiguration: r.planarConfiguration ?? 0,
  };
}

export function numberOfFrames(r: ManifestRecord): number {
  return typeof r.numberOfFrames === 'number' ? r.numberOfFrames : 1;
}

/** The file's frames: encapsulated fragments joined per frame, or native frame bytes. */
export function framesOf(r: ManifestRecord): Uint8Array[] {
  return readPixelData(`${root}/files/${r.path}`, numberOfFrames(r)).frames;
}

export function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** Mean of all samples, read with the manifest's dtype (little endian). */
export function mean(pixels: Uint8Array, dtype: string): number {
  const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const read: Record<string, [number, (offset: number) => number]> = {
    uint8: [1, (o) => view.getUint8(o)],
    int8: [1, (o) => view.getInt8(o)],
    uint16: [2, (o) => view.getUint16(o, true)],
    int16: [2, (o) => view.getInt16(o, true)],
    uint32: [4, (o) => view.getUint32(o, true)],
    int32: [4, (o) => view.getInt32(o, true)],
  };
  const [size, get] = read[dtype]!;
  let sum = 0;
  for (let o = 0; o < pixels.length; o += size) sum += get(o);
  return sum / (pixels.length / size);
}

/** An uncompressed corpus image to encode: its FrameInfo and first frame. */
export function nativeImage(path: string): { info: FrameInfo; pixels: Uint8Array } {
  const r = record(path);
  return { info: frameInfo(r), pixels: framesOf(r)[0]! };
}

/** Random 12-bit two's complement samples in 16-bit containers, sign-extended as native data holds them. */
export function signed12(rows: number, columns: number): { info: FrameInfo; pixels: Uint8Array } {
  const pixels = new Uint8Array(rows * columns * 2);
  const view = new DataView(pixels.buffer);
  let seed = 12345;
  for (let i = 0; i < rows * columns; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    view.setInt16(i * 2, ((seed >>> 8) % 4096) - 2048, true);
  }
  const info = { rows, columns, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, pixelRepresentation: 1, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0 };
  return { info, pixels };
}

/** The same colour frame, colour-by-plane. */
export function toPlanar(pixels: Uint8Array, samples: number): Uint8Array {
  const count = pixels.length / samples;
  const out = new Uint8Array(pixels.length);
  for (let p = 0; p < count; p++) for (let s = 0; s < samples; s++) out[s * count + p] = pixels[p * samples + s]!;
  return out;
}

/** Index of the first differing byte, -1 when equal (toEqual on big arrays is slow). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
