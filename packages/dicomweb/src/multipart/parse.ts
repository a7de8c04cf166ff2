// Streaming multipart/related parser (RFC 2046 5.1.1, RFC 2387): parts are yielded as their bodies
// arrive, so memory stays bounded by the chunk size whatever the size of a part.
import { appendBytes, ascii, indexOfBytes } from './bytes.js';

/** A malformed multipart body. */
export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

/** One body part: its header fields (names lower-cased) and its bytes as they arrive. */
export interface MultipartPart {
  headers: Map<string, string>;
  /** Must be consumed (or abandoned by moving to the next part, which skips the rest). */
  body: AsyncIterable<Uint8Array>;
}

/** Largest header block of one part. */
const MAX_HEADER_BYTES = 16 * 1024;

class ChunkReader {
  buffer: Uint8Array;
  #chunks: AsyncIterator<Uint8Array>;
  ended = false;

  constructor(source: AsyncIterable<Uint8Array>, initial: Uint8Array) {
    this.#chunks = source[Symbol.asyncIterator]();
    this.buffer = initial;
  }

  /** Appends the next chunk; false at the end of the source. */
  async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.#chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = appendBytes(this.buffer, next.value);
    return true;
  }

  /** Releases the source (e.g. when the consumer stops early). */
  async cancel(): Promise<void> {
    if (!this.ended) await this.#chunks.return?.();
    this.ended = true;
  }
}

function parseHeaders(block: Uint8Array): Map<string, string> {
  const headers = new Map<string, string>();
  const text = new TextDecoder('latin1').decode(block);
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed header line in a body part: ${JSON.stringify(line.slice(0, 80))}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The body parts of a multipart body with `boundary`. Each part's body is streamed: bytes are handed
 * on as soon as they cannot be the start of the next delimiter ("\r\n--" boundary).
 */
export async function* parseMultipart(source: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartPart> {
  if (!/^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(boundary)) throw new MultipartError(`invalid boundary ${JSON.stringify(boundary)}`);
  const delimiter = ascii('\r\n--' + boundary);
  // The first delimiter may open the body without a preceding line break: start as if it had one.
  const reader = new ChunkReader(source, ascii('\r\n'));
  try {
    // Preamble: skipped.
    for (;;) {
      const at = indexOfBytes(reader.buffer, delimiter);
      if (at >= 0) {
        reader.buffer = reader.buffer.subarray(at + delimiter.length);
        break;
      }
      reader.buffer = reader.buffer.subarray(Math.max(0, reader.buffer.length - delimiter.length + 1));
      if (!(await reader.fill())) throw new MultipartError(`no body part: the boundary "${boundary}" does not occur`);
    }
    for (;;) {
      // After a delimiter: "--" closes the body; else transport padding, then CRLF and the part's headers.
      while (reader.buffer.length < 2 && (await reader.fill()));
      if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return;
      let headerEnd: number;
      while ((headerEnd = indexOfBytes(reader.buffer, ascii('\r\n\r\n'))) < 0) {
        if (reader.buffer.length > MAX_HEADER_BYTES) throw new MultipartError('body part headers too long');
        if (!(await reader.fill())) throw new MultipartError('the body ends inside body part headers');
      }
      const lineEnd = indexOfBytes(reader.buffer, ascii('\r\n'));
      if (/[^ \t]/.test(new TextDecoder('latin1').decode(reader.buffer.subarray(0, lineEnd)))) throw new MultipartError('unexpected text after a boundary delimiter');
      // An empty header block: the CRLF after the delimiter is the one ending the headers.
      const headers = lineEnd === headerEnd ? new Map<string, string>() : parseHeaders(reader.buffer.subarray(lineEnd + 2, headerEnd));
      reader.buffer = reader.buffer.subarray(headerEnd + 4);
      let done = false;
      const body = partBody(reader, delimiter, () => (done = true));
      yield { headers, body };
      // Skip what the consumer left of this part.
      if (!done) for await (const chunk of body) void chunk;
    }
  } finally {
    await reader.cancel();
  }
}

async function* partBody(reader: ChunkReader, delimiter: Uint8Array, finished: () => void): AsyncGenerator<Uint8Array> {
  for (;;) {
    const at = indexOfBytes(reader.buffer, delimiter);
    if (at >= 0) {
      const last = reader.buffer.subarray(0, at);
      reader.buffer = reader.buffer.subarray(at + delimiter.length);
      finished();
      if (last.length) yield last;
      return;
    }
    // Keep what could be the start of a delimiter split across chunks.
    const safe = reader.buffer.length - (delimiter.length - 1);
    if (safe > 0) {
      const chunk = reader.buffer.subarray(0, safe);
      reader.buffer = reader.buffer.subarray(safe);
      yield chunk;
    }
    if (!(await reader.fill())) throw new MultipartError('the body ends inside a body part (no closing delimiter)');
  }
}
