import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMultipart, multipartChunks, MultipartError, newBoundary, parseMultipart } from '../src/index.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** `bytes` cut into pieces of the given sizes, in turn. */
function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0, at = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

const chunked = (bytes: Uint8Array, sizes: number[]) => fromChunks(split(bytes, sizes));

async function* fromChunks(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
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

  it('parses every split of a body into three chunks, delimiters and CRLFs cut anywhere', async () => {
    const boundary = 'Bd';
    const body = enc('pre\r\n-\r\n--B\r\n--Bd \t\r\nContent-Type: a/b\r\n\r\n\r\n--B\r\r\n--Bd\r\n\r\nx\r\n--Bd--\r\nepi\r\n--Bd');
    const expected = ['\r\n--B\r', 'x'];
    for (let i = 0; i <= body.length; i++) {
      for (let j = i; j <= body.length; j++) {
        const source = [body.subarray(0, i), body.subarray(i, j), body.subarray(j)].filter((c) => c.length);
        const parts = await collect(fromChunks(source), boundary);
        expect(parts.map((p) => new TextDecoder().decode(p.body)), `split at ${i}, ${j}`).toEqual(expected);
        expect(parts[0]!.headers.get('content-type')).toBe('a/b');
      }
    }
  });

  it('hands on part bytes as views of the incoming chunks, not copies', async () => {
    const boundary = newBoundary();
    const data = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    const body = encodeMultipart([{ headers: { 'Content-Type': 'application/dicom' }, body: data }], boundary);
    let views = 0;
    let bytes = 0;
    for await (const part of parseMultipart(chunked(body, [65536, 1000, 30000]), boundary)) {
      for await (const c of part.body) {
        if (c.buffer === body.buffer) views += c.length;
        bytes += c.length;
      }
    }
    expect(bytes).toBe(data.length);
    expect(views).toBe(data.length);
  });

  it('finishes a part the consumer stopped reading, and reads the source to its end', async () => {
    const boundary = 'q';
    const body = encodeMultipart([{ headers: {}, body: new Uint8Array(500).fill(1) }, { headers: {}, body: enc('second') }], boundary);
    let ended = false;
    async function* source() {
      yield* chunked(body, [7]);
      ended = true;
    }
    const seen: string[] = [];
    for await (const p of parseMultipart(source(), boundary)) {
      for await (const c of p.body) {
        seen.push(new TextDecoder().decode(c));
        break;
      }
    }
    expect(seen[1]).toBe('second'.slice(0, seen[1]!.length));
    expect(seen).toHaveLength(2);
    expect(ended).toBe(true);
  });

  it('rejects bodies without the boundary, truncated bodies and bad boundaries', async () => {
    await expect(collect(chunked(enc('nothing here'), [4]), 'X')).rejects.toThrow(MultipartError);
    await expect(collect(chunked(enc('--X\r\n\r\nDATA without end'), [4]), 'X')).rejects.toThrow(/ends inside a body part/);
    await expect(collect(chunked(enc('--X\r\nBroken header\r\n\r\nx\r\n--X--'), [4]), 'X')).rejects.toThrow(/malformed header/);
    await expect(collect(chunked(enc('x'), [1]), 'bad\nboundary')).rejects.toThrow(/invalid boundary/);
  });
});
