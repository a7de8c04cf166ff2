// The Range header field of a bulk data request (RFC 9110 14.2): one byte range of a value.

/** Bytes [start, end) of a value. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The requested range cannot be met: 416 with "Content-Range: bytes *\/size" (RFC 9110 15.5.17). */
export class UnsatisfiableRange extends Error {
  override readonly name = 'UnsatisfiableRange';
  constructor(readonly size: number) {
    super(`the range is outside the ${size}-byte value`);
  }
}

/**
 * The range a Range header asks of a `size`-byte value; undefined for the whole value (no header, a
 * header this server ignores as RFC 9110 14.2 allows: other units, several ranges, invalid syntax).
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | undefined {
  const m = header === undefined ? null : /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    // A suffix range: the last N bytes (RFC 9110 14.1.2).
    const suffix = Number(m[2]);
    if (suffix === 0) throw new UnsatisfiableRange(size);
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < start) return undefined;
  if (start >= size) throw new UnsatisfiableRange(size);
  return { start, end: Math.min(last, size - 1) + 1 };
}

/** The Content-Range of a range of a `size`-byte value (RFC 9110 14.4). */
export const contentRange = (range: ByteRange, size: number): string => `bytes ${range.start}-${range.end - 1}/${size}`;
