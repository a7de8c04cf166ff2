import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMultipart, multipartChunks, MultipartError, newBoundary, parseMultipart } from '../src/index.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

async function collect(source: AsyncIterable<Uint8Array>, boundary: string) {
  const parts: { headers: Map<string, string>; body: Uint8Array }[] = [];
  for await (const part of parseMultipart(source, boundary)) {
    const chunks: Uint8Array[] = [];
    for await (const c of part.body) chunks.push(c.slice());
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) body.set(c, (at += c.length) - c.length);
    parts.push({ headers: part.headers, body });
  }
  return parts;
}

describe('multipart/related', () => {
  it('round-trips any parts split into any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), async (bodies, sizes) => {
        const boundary = newBoundary();
        const body = encodeMultipart(bodies.map((b) => ({ headers: { 'Content-Type': 'application/dicom' }, body: b })), boundary);
        const parts = await collect(chunked(body, sizes), boundary);
        expect(parts.map((p) => p.body)).toEqual(bodies);
        expect(parts.every((p) => p.headers.get('content-type') === 'application/dicom')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the boundary in part bodies that contain almost-delimiters', async () => {
    const boundary = 'b0undary';
    const tricky = enc('x\r\n--b0undar\r\n-\r\n--b0undaryX'.slice(0, 20));
    const body = encodeMultipart([{ headers: {}, body: tricky }, { headers: { 'Content-Type': 'a/b' }, body: enc('two') }], boundary);
    const parts = await collect(chunked(body, [3]), boundary);
    expect(parts.map((p) => new TextDecoder().decode(p.body))).toEqual([new TextDecoder().decode(tricky), 'two']);
    expect(parts[0]!.headers.size).toBe(0);
  });

  it('reads bodies as dicomweb-client sends them (leading CRLF, no final CRLF) and with a preamble', async () => {
    const body = enc('preamble\r\n--X\r\nContent-Type: application/dicom\r\n\r\nDATA\r\n--X--');
    const parts = await collect(chunked(body, [5]), 'X');
    expect(parts.map((p) => new TextDecoder().decode(p.body))).toEqual(['DATA']);
  });

  it('streams a part in pieces, never holding much more than a chunk', async () => {
    const boundary = newBoundary();
    const part = new Uint8Array(4 << 20).fill(7);
    const source = multipartChunks([{ headers: { 'Content-Type': 'application/dicom' }, body: chunked(part, [65536]) }], boundary);
    let largest = 0;
    let total = 0;
    for await (const p of parseMultipart(source, boundary)) {
      for await (const c of p.body) {
        largest = Math.max(largest, c.length);
        total += c.length;
      }
    }
    expect(total).toBe(part.length);
    expect(largest).toBeLessThanOrEqual(65536 + 100);
  });

  it('skips the rest of a part the consumer leaves', async () => {
    const boundary = 'q';
    const body = encodeMultipart([{ headers: {}, body: enc('first') }, { headers: {}, body: enc('second') }], boundary);
    const names: string[] = [];
    for await (const p of parseMultipart(chunked(body, [2]), boundary)) names.push(p.headers.size ? 'h' : 'part');
    expect(names).toEqual(['part', 'part']);
  });

  it('rejects bodies without the boundary, truncated bodies and bad boundaries', async () => {
    await expect(collect(chunked(enc('nothing here'), [4]), 'X')).rejects.toThrow(MultipartError);
    await expect(collect(chunked(enc('--X\r\n\r\nDATA without end'), [4]), 'X')).rejects.toThrow(/ends inside a body part/);
    await expect(collect(chunked(enc('--X\r\nBroken header\r\n\r\nx\r\n--X--'), [4]), 'X')).rejects.toThrow(/malformed header/);
    await expect(collect(chunked(enc('x'), [1]), 'bad\nboundary')).rejects.toThrow(/invalid boundary/);
  });
});
