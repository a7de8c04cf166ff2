// Sending WADO-RS payloads (PS3.18 8.6.1): a single part, or multipart/related (RFC 2387) streamed part by
// part so that a study is never held in memory.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { formatMediaType } from '@dcmkit/dicomweb';

/** One part of a response: its media type (with parameters) and its bytes, whole or as a stream. */
export interface ResponsePart {
  contentType: string;
  body: Uint8Array | AsyncIterable<Uint8Array>;
  /** Content-Location of the part (PS3.18 8.6.1.2). */
  location?: string;
  /** Content-Range of a part holding a byte range (RFC 9110 14.4). */
  contentRange?: string;
}

const text = new TextEncoder();

/** The bytes of a multipart/related body (RFC 2046 5.1.1): each part after a delimiter line and its header fields. */
async function* multipartBody(parts: AsyncIterable<ResponsePart>, boundary: string): AsyncIterable<Uint8Array> {
  let first = true;
  for await (const part of parts) {
    const fields = [`Content-Type: ${part.contentType}`];
    if (part.location !== undefined) fields.push(`Content-Location: ${part.location}`);
    if (part.contentRange !== undefined) fields.push(`Content-Range: ${part.contentRange}`);
    yield text.encode(`${first ? '' : '\r\n'}--${boundary}\r\n${fields.join('\r\n')}\r\n\r\n`);
    first = false;
    if (part.body instanceof Uint8Array) yield part.body;
    else yield* part.body;
  }
  yield text.encode(`${first ? '' : '\r\n'}--${boundary}--\r\n`);
}

/**
 * Sends `parts` as multipart/related; type="{type}" (PS3.18 8.7.3.5.1), with `params` (a transfer-syntax
 * shared by every part) added to the Content-Type.
 */
export function sendMultipart(reply: FastifyReply, type: string, parts: AsyncIterable<ResponsePart>, params: Record<string, string> = {}): FastifyReply {
  const boundary = randomBytes(16).toString('hex');
  reply.type(formatMediaType({ type: 'multipart/related', params: { type, boundary, ...params } }));
  return reply.send(Readable.from(multipartBody(parts, boundary), { objectMode: false }));
}

/** Sends one part as the whole payload. */
export function sendSinglePart(reply: FastifyReply, part: ResponsePart): FastifyReply {
  reply.type(part.contentType);
  if (part.location !== undefined) reply.header('Content-Location', part.location);
  if (part.contentRange !== undefined) reply.header('Content-Range', part.contentRange);
  return reply.send(part.body instanceof Uint8Array ? Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength) : Readable.from(part.body, { objectMode: false }));
}
