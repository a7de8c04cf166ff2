// A worker thread of registerIsolatedCodecs: decodes and encodes frames with the codecs of this package.
import { CodecRegistry } from '@dcmkit/pixel';
import { CodecError } from '../errors.js';
import { registerAllCodecs } from '../index.js';
import type { CodecReply, CodecTask } from './isolated-codecs.js';
import { serve, Transfer } from './serve.js';

const registry = registerAllCodecs(new CodecRegistry());

/** `bytes` in a buffer it alone fills, so that the buffer can be transferred. */
const whole = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice());

serve<CodecTask, CodecReply>(async (task) => {
  const codec = registry.get(task.transferSyntax)!;
  try {
    const frame = task.op === 'decode' ? await codec.decode(task.encoded, task.info) : await codec.encode!(task.pixels, task.info, task.transferSyntax, task.options);
    const bytes = whole('pixels' in frame ? frame.pixels : frame.bytes);
    const sent = 'pixels' in frame ? { ...frame, pixels: bytes } : { ...frame, bytes };
    return new Transfer<CodecReply>({ frame: sent }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    // The message without the codec's name, which the thread that asked puts back.
    if (e instanceof CodecError) return { error: { reason: e.reason, message: e.message.slice(e.codec.length + 2) } };
    throw e;
  }
});
