// Codecs in worker threads with a time limit: a damaged stream that sends a native (WebAssembly)
// library into an endless loop costs a stopped thread and a CodecError, not a hung process.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CodecRegistry, type Codec, type DecodedFrame, type EncodedFrame, type EncodeOptions, type FrameInfo } from '@dcmkit/pixel';
import { CodecError, type CodecErrorReason } from '../errors.js';
import { registerAllCodecs } from '../index.js';
import { deflatedImageFrameCodec, encapsulatedUncompressedCodec } from '../uncompressed.js';
import { rleCodec } from '../rle.js';
import { WorkerPool, WorkerTimeoutError } from './worker-pool.js';

export type CodecTask =
  | { op: 'decode'; transferSyntax: string; encoded: Uint8Array; info: FrameInfo }
  | { op: 'encode'; transferSyntax: string; pixels: Uint8Array; info: FrameInfo; options?: EncodeOptions };
/** A frame, or the CodecError the worker's codec threw (sent as fields: a thread passes no classes). */
export type CodecReply = { frame: DecodedFrame | EncodedFrame } | { error: { reason: CodecErrorReason; message: string } };

export interface IsolationOptions {
  /** Worker threads at most (default: the cores, up to 4). */
  threads?: number;
  /** Time limit of a frame: this many milliseconds (default 10 s) ... */
  timeoutMs?: number;
  /** ... plus this many per MiB of its input (default 2 s). */
  msPerMiB?: number;
}

/** Our own codecs, plain bounded loops over the bytes: they run where they are called. */
const IN_THREAD: ReadonlySet<Codec> = new Set([rleCodec, encapsulatedUncompressedCodec, deflatedImageFrameCodec]);

/** The worker's module; under the TypeScript sources (tests) the package's compiled one (`npm ci` builds it). */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../../dist/node/codec-worker.js' : './codec-worker.js', import.meta.url);

/** A copy of `bytes` in a buffer of its own, to transfer to a thread. */
const own = (bytes: Uint8Array): Uint8Array => bytes.slice();

function isolated(codec: Codec, pool: WorkerPool<CodecTask, CodecReply>, limit: (bytes: number) => number): Codec {
  const run = async (task: CodecTask, input: Uint8Array): Promise<DecodedFrame | EncodedFrame> => {
    let reply: CodecReply;
    try {
      reply = await pool.run(task, { transfer: [input.buffer as ArrayBuffer], timeoutMs: limit(input.length) });
    } catch (e) {
      if (e instanceof WorkerTimeoutError) throw new CodecError(codec.name, 'timeout', `gave up on a frame of ${input.length} bytes after ${e.timeoutMs} ms (a damaged stream can make the library loop)`);
      throw new CodecError(codec.name, 'corrupt', (e as Error).message);
    }
    if ('error' in reply) throw new CodecError(codec.name, reply.error.reason, reply.error.message);
    return reply.frame;
  };
  return {
    name: codec.name,
    transferSyntaxes: codec.transferSyntaxes,
    async decode(encoded, info) {
      const input = own(encoded);
      return (await run({ op: 'decode', transferSyntax: codec.transferSyntaxes[0]!, encoded: input, info }, input)) as DecodedFrame;
    },
    ...(codec.encode && {
      async encode(pixels: Uint8Array, info: FrameInfo, transferSyntax: string, options?: EncodeOptions) {
        const input = own(pixels);
        return (await run({ op: 'encode', transferSyntax, pixels: input, info, options }, input)) as EncodedFrame;
      },
    }),
  };
}

/**
 * Registers every codec of this package in `registry`, those wrapping native or third-party libraries
 * run in worker threads: a frame that takes longer than its time limit stops its thread and fails with
 * CodecError reason 'timeout'. Idle threads do not keep the process alive.
 */
export function registerIsolatedCodecs(registry: CodecRegistry, options: IsolationOptions = {}): CodecRegistry {
  const { threads = Math.min(4, availableParallelism()), timeoutMs = 10_000, msPerMiB = 2_000 } = options;
  const pool = new WorkerPool<CodecTask, CodecReply>(() => new Worker(WORKER), threads);
  const limit = (bytes: number) => Math.ceil(timeoutMs + (bytes / 2 ** 20) * msPerMiB);
  const local = registerAllCodecs(new CodecRegistry());
  for (const codec of new Set(local.list().map((uid) => local.get(uid)!))) registry.register(IN_THREAD.has(codec) ? codec : isolated(codec, pool, limit));
  return registry;
}
