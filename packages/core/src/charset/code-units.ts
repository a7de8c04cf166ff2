// Strings from 8- and 16-bit code units without TextDecoder: the fast path for short values.

const ESC = 0x1b;
/** Code units per String.fromCharCode call, well under engines' argument limits. */
const CHUNK = 0x2000;

/** The string whose UTF-16 code units are `units`; bytes read this way are ISO 8859-1. */
export function fromCodeUnits(units: Uint8Array | Uint16Array): string {
  if (units.length <= CHUNK) return String.fromCharCode(...units);
  let text = '';
  for (let i = 0; i < units.length; i += CHUNK) text += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return text;
}

/** True when every byte is ASCII other than ESC: every repertoire reads such bytes as ASCII (PS3.5 6.1.2.5). */
export function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === ESC) return false;
  }
  return true;
}

/** The bytes of `text` when it is plain ASCII (see isPlainAscii; DEL excluded), else undefined. */
export function plainAsciiBytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x7f || c === ESC) return undefined;
    bytes[i] = c;
  }
  return bytes;
}
