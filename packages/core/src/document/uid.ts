/**
 * A new UID under the 2.25 root: a random (version 4) UUID as one decimal integer (PS3.5 B.2).
 * Uses the Web Crypto API, present in browsers and Node.
 */
export function createUid(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  // RFC 4122 version 4, variant 10.
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return `2.25.${n.toString()}`;
}
