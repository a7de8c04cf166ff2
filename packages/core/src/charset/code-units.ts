// Strings from 8- and 16-bit code units: the fast path for short values, no TextDecoder.
import { decoder } from './whatwg.js';

const ESC = 0x1b;
/** Up to this length String.fromCharCode beats a TextDecoder call. */
const SHORT = 64;
/** Code units per String.fromCharCode call, well under engines' argument limits. */
const CHUNK = 0x2000;

const fromChunk = (units: Uint8Array | Uint16Array): string => String.fromCharCode.apply(null, units as unknown as number[]);

/** The string whose UTF-16 code units are `units`. */
export function fromCodeUnits(units: Uint8Array | Uint16Array): string {
  if (units.length <= CHUNK) return fromChunk(units);
  let text = '';
  for (let i = 0; i < units.length; i += CHUNK) text += fromChunk(units.subarray(i, i + CHUNK));
  return text;
}

/** Bytes read as ISO 8859-1, one character each; long ASCII values through the faster UTF-8 decoder. */
export function latin1(bytes: Uint8Array): string {
  return bytes.length > SHORT && isAscii(bytes) ? decoder('utf-8').decode(bytes) : fromCodeUnits(bytes);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** True when every byte is ASCII other than ESC: every repertoire reads such bytes as ASCII (PS3.5 6.1.2.5). */
export function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === ESC) return false;
  }
  return true;
}

/** The bytes of `text` when it is plain ASCII (see isPlainAscii), else undefined. */
export function plainAsciiBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || c === ESC) return undefined;
    bytes[i] = c;
  }
  return bytes;
}
