// Sending WADO-RS payloads (PS3.18 8.6.1): a single part, or multipart/related (RFC 2387) streamed part by
// part so that a study is never held in memory.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { formatMediaType, multipartChunks, newBoundary, type OutgoingPart } from '@dcmkit/dicomweb';

/** A part with its Content-Type (and parameters). */
export const part = (contentType: string, body: OutgoingPart['body'], headers: Record<string, string> = {}): OutgoingPart => ({
  headers: { 'Content-Type': contentType, ...headers },
  body,
});

/** `first` (already produced), then the rest of `iterator`. */
async function* resumed(first: IteratorResult<OutgoingPart>, iterator: AsyncIterator<OutgoingPart>): AsyncIterable<OutgoingPart> {
  for (let next = first; !next.done; next = await iterator.next()) yield next.value;
}

/**
 * Sends `parts` as multipart/related; type="{type}" (PS3.18 8.7.3.5.1), with `params` (a transfer-syntax
 * shared by every part) added to the Content-Type. The first part is produced before the status is sent,
 * so that a failure there is still an error response rather than a cut-off body.
 */
export async function sendMultipart(reply: FastifyReply, type: string, parts: AsyncIterable<OutgoingPart>, params: Record<string, string> = {}): Promise<FastifyReply> {
  const iterator = parts[Symbol.asyncIterator]();
  const first = await iterator.next();
  const boundary = newBoundary();
  reply.type(formatMediaType({ type: 'multipart/related', params: { type, boundary, ...params } }));
  return reply.send(Readable.from(multipartChunks(resumed(first, iterator), boundary), { objectMode: false }));
}

/** Sends the first of `parts` as the whole payload, its header fields as the response's. */
export async function sendSinglePart(reply: FastifyReply, parts: AsyncIterable<OutgoingPart>): Promise<FastifyReply> {
  const iterator = parts[Symbol.asyncIterator]();
  const { value: first } = await iterator.next();
  // Lets the producer release what it holds (an open file).
  await iterator.return?.();
  for (const [name, value] of Object.entries(first!.headers)) reply.header(name, value);
  return sendBody(reply, first!.body);
}

/** Sends bytes, whole or streamed, as the payload. */
export function sendBody(reply: FastifyReply, body: OutgoingPart['body']): FastifyReply {
  return reply.send(body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Readable.from(body, { objectMode: false }));
}
