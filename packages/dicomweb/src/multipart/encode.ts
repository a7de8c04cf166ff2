// multipart/related bodies (RFC 2387, PS3.18 8.7.1.2): streamed part by part or encoded in memory.
import { concatBytes } from '@dcmkit/core';
import { ascii } from './bytes.js';

/** One body part to send: header fields (Content-Type at least) and its bytes. */
export interface OutgoingPart {
  headers: Record<string, string>;
  body: Uint8Array | AsyncIterable<Uint8Array>;
}

/** A boundary unlikely to occur in any part (random, as RFC 2046 5.1.1 advises). */
export function newBoundary(): string {
  const random = new Uint8Array(16);
  crypto.getRandomValues(random);
  return 'dcmkit-' + Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A part's delimiter line and header fields, up to the empty line before its body. */
const partHead = (headers: Record<string, string>, boundary: string): Uint8Array =>
  ascii(`--${boundary}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);

/** The body's chunks: each part with its delimiter and headers, then the close delimiter. */
export async function* multipartChunks(parts: Iterable<OutgoingPart> | AsyncIterable<OutgoingPart>, boundary: string): AsyncGenerator<Uint8Array> {
  for await (const part of parts) {
    yield partHead(part.headers, boundary);
    if (part.body instanceof Uint8Array) yield part.body;
    else for await (const chunk of part.body) yield chunk;
    yield ascii('\r\n');
  }
  yield ascii(`--${boundary}--\r\n`);
}

/** The whole multipart body in memory (parts given as bytes). */
export function encodeMultipart(parts: { headers: Record<string, string>; body: Uint8Array }[], boundary: string): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    pieces.push(partHead(part.headers, boundary), part.body, ascii('\r\n'));
  }
  pieces.push(ascii(`--${boundary}--\r\n`));
  return concatBytes(pieces);
}
