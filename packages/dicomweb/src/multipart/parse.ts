// Streaming multipart/related parser (RFC 2046 5.1.1, RFC 2387): parts are yielded as their bodies
// arrive, as views of the incoming chunks (not copies), so memory stays bounded by the chunk size.
import { appendBytes, ascii, bytesAt, indexOfBytes, partialMatchAtEnd } from './bytes.js';

/** A malformed multipart body. */
export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

/** One body part: its header fields (names lower-cased) and its bytes as they arrive. */
export interface MultipartPart {
  headers: Map<string, string>;
  /**
   * Must be consumed (or abandoned by moving to the next part, which skips the rest). Its chunks
   * are views of the source's chunks: valid as long as the source does not reuse its buffers.
   */
  body: AsyncIterable<Uint8Array>;
}

/** Largest header block of one part. */
const MAX_HEADER_BYTES = 16 * 1024;

const EMPTY = new Uint8Array(0);
const CRLF = ascii('\r\n');
const HEADER_END = ascii('\r\n\r\n');
const UNCLOSED_PART = 'the body ends inside a body part (no closing delimiter)';

/** The source read chunk by chunk, and where the search for the next delimiter stands. */
class ChunkReader {
  /** Unread bytes: a view of the current chunk (a copy only when a header block spans chunks). */
  buffer: Uint8Array = EMPTY;
  /** How many bytes of the delimiter end what was read before `buffer` (a delimiter split across chunks). */
  matched: number;
  /** Whether the next delimiter is still ahead (set when a scan for it begins). */
  seeking = true;
  ended = false;
  readonly #chunks: AsyncIterator<Uint8Array>;

  constructor(
    source: AsyncIterable<Uint8Array>,
    readonly delimiter: Uint8Array,
  ) {
    this.#chunks = source[Symbol.asyncIterator]();
    // The first delimiter may open the body without a preceding line break: start as if it had one.
    this.matched = CRLF.length;
  }

  /** Makes the next chunk the buffer, appended to what is left of it when `keep`; false at the end of the source. */
  async next(keep = false): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.#chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = keep ? appendBytes(this.buffer, next.value) : next.value;
    return true;
  }

  /**
   * The bytes up to the next delimiter (when `seeking`), as views of the source's chunks; the
   * delimiter is consumed. The state lives in the reader, so a scan left early is finished by another.
   */
  async *untilDelimiter(endedMessage: string): AsyncGenerator<Uint8Array> {
    const { delimiter } = this;
    while (this.seeking) {
      const buffer = this.buffer;
      if (buffer.length === 0) {
        if (!(await this.next())) throw new MultipartError(endedMessage);
        continue;
      }
      if (this.matched > 0) {
        // Does the delimiter begun at the end of the last chunk go on in this one?
        const n = Math.min(delimiter.length - this.matched, buffer.length);
        if (bytesAt(buffer, 0, delimiter.subarray(this.matched, this.matched + n))) {
          this.matched += n;
          this.buffer = buffer.subarray(n);
          if (this.matched === delimiter.length) this.#found();
        } else {
          // It was data: CR starts the delimiter and occurs nowhere else in it, so no other delimiter began in those bytes.
          const data = delimiter.slice(0, this.matched);
          this.matched = 0;
          yield data;
        }
        continue;
      }
      const at = indexOfBytes(buffer, delimiter);
      let end: number;
      if (at >= 0) {
        end = at;
        this.buffer = buffer.subarray(at + delimiter.length);
        this.#found();
      } else {
        // Keep back what may be the start of a delimiter ending in the next chunk.
        this.matched = partialMatchAtEnd(buffer, delimiter);
        end = buffer.length - this.matched;
        this.buffer = EMPTY;
      }
      if (end > 0) yield buffer.subarray(0, end);
    }
  }

  #found(): void {
    this.matched = 0;
    this.seeking = false;
  }

  /** Reads to the end of the source (the epilogue, ignored), so that it ends as it would unparsed. */
  async drain(): Promise<void> {
    while (await this.next());
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

/** After a delimiter: "--" closing the body (undefined), or transport padding, CRLF and the part's header fields. */
async function partHeaders(reader: ChunkReader): Promise<Map<string, string> | undefined> {
  while (reader.buffer.length < 2 && (await reader.next(true)));
  if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return undefined;
  let headerEnd: number;
  while ((headerEnd = indexOfBytes(reader.buffer, HEADER_END)) < 0) {
    if (reader.buffer.length > MAX_HEADER_BYTES) throw new MultipartError('body part headers too long');
    if (!(await reader.next(true))) throw new MultipartError('the body ends inside body part headers');
  }
  const block = reader.buffer;
  const lineEnd = indexOfBytes(block, CRLF);
  for (let i = 0; i < lineEnd; i++) {
    if (block[i] !== 0x20 && block[i] !== 0x09) throw new MultipartError('unexpected text after a boundary delimiter');
  }
  reader.buffer = block.subarray(headerEnd + HEADER_END.length);
  // An empty header block: the CRLF after the delimiter is the one ending the headers.
  return lineEnd === headerEnd ? new Map() : parseHeaders(block.subarray(lineEnd + CRLF.length, headerEnd));
}

/**
 * The body parts of a multipart body with `boundary`. Each part's body is streamed: bytes are handed
 * on as soon as they cannot be the start of the next delimiter ("\r\n--" boundary). After the close
 * delimiter the source is read to its end, so a request body is consumed as a server expects.
 */
export async function* parseMultipart(source: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartPart> {
  if (!/^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(boundary)) throw new MultipartError(`invalid boundary ${JSON.stringify(boundary)}`);
  const reader = new ChunkReader(source, ascii('\r\n--' + boundary));
  try {
    // Preamble: skipped.
    for await (const preamble of reader.untilDelimiter(`no body part: the boundary "${boundary}" does not occur`)) void preamble;
    for (let headers; (headers = await partHeaders(reader)); ) {
      reader.seeking = true;
      yield { headers, body: reader.untilDelimiter(UNCLOSED_PART) };
      // Skip what the consumer left of this part.
      for await (const rest of reader.untilDelimiter(UNCLOSED_PART)) void rest;
    }
    await reader.drain();
  } finally {
    await reader.cancel();
  }
}
