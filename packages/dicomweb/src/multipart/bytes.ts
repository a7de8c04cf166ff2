// Byte helpers of the multipart codec.
import { concatBytes } from '@dcmkit/core';

/** Whether `bytes` holds `expected` at `at`. */
export function bytesAt(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  if (at + expected.length > bytes.length) return false;
  for (let j = 0; j < expected.length; j++) if (bytes[at + j] !== expected[j]) return false;
  return true;
}

/** Index of `needle` in `haystack` at or after `from`, or -1: native indexOf skips to each candidate first byte. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first, from); i >= 0 && i <= last; i = haystack.indexOf(first, i + 1)) {
    if (bytesAt(haystack, i, needle)) return i;
  }
  return -1;
}

/**
 * Length of the longest end of `haystack` that begins `needle` (without being all of it), for a
 * `needle` whose first byte occurs nowhere else in it (a multipart delimiter starts with its only CR).
 */
export function partialMatchAtEnd(haystack: Uint8Array, needle: Uint8Array): number {
  const from = Math.max(0, haystack.length - needle.length + 1);
  for (let i = haystack.indexOf(needle[0]!, from); i >= 0; i = haystack.indexOf(needle[0]!, i + 1)) {
    if (bytesAt(needle, 0, haystack.subarray(i))) return haystack.length - i;
  }
  return 0;
}

/** `a` then `b`: one new array, or the other itself when one is empty. */
export function appendBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return concatBytes([a, b]);
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
