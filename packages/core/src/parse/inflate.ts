import { Inflate, Unzlib } from 'fflate';
import { concatBytes } from '../bytes.js';
import { DicomParseError } from '../errors.js';

/**
 * Default cap on the size of an inflated data set (Deflated Explicit VR Little Endian, PS3.5 A.5):
 * 2 GiB, far above any real deflated data set, yet a "deflate bomb" cannot take more memory.
 */
export const DEFAULT_MAX_INFLATED_BYTES = 2 ** 31;

/**
 * Compressed bytes inflated per step. DEFLATE expands by at most 1032:1 (RFC 1951 longest match
 * per 258-byte copy), so one step overshoots the cap by at most ~16 MiB before it is checked.
 */
const STEP = 16 * 1024;

/** The inflated stream grew past the cap: the typed error's "expected" text names the cap. */
class InflatedTooLarge extends DicomParseError {}

/**
 * Inflates a deflated data set (PS3.5 A.5: raw DEFLATE, RFC 1951), stopping with a DicomParseError at
 * `offset` once it exceeds `maxBytes`. Some writers wrap the stream in a zlib header; that is read too.
 */
export function inflateDataSet(bytes: Uint8Array, maxBytes: number, name: string | undefined, offset: number): Uint8Array {
  try {
    return inflateCapped(Inflate, bytes, maxBytes, name, offset);
  } catch (raw) {
    if (raw instanceof InflatedTooLarge) throw raw;
    try {
      return inflateCapped(Unzlib, bytes, maxBytes, name, offset);
    } catch (e) {
      if (e instanceof InflatedTooLarge) throw e;
      throw new DicomParseError(`a DEFLATE stream (${(raw as Error).message})`, { source: name, offset });
    }
  }
}

function inflateCapped(Stream: typeof Inflate | typeof Unzlib, bytes: Uint8Array, maxBytes: number, name: string | undefined, offset: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Stream((chunk) => {
    chunks.push(chunk);
    total += chunk.length;
  });
  let at = 0;
  do {
    const end = Math.min(at + STEP, bytes.length);
    stream.push(bytes.subarray(at, end), end === bytes.length);
    if (total > maxBytes) {
      throw new InflatedTooLarge(`a deflated data set of at most ${maxBytes} bytes (maxInflatedBytes), but it inflates past that`, { source: name, offset });
    }
    at = end;
  } while (at < bytes.length);
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}
