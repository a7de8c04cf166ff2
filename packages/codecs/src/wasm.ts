// Lazy loading of the Emscripten-built codecs: nothing is fetched or compiled until the first frame.
import { CodecError } from './errors.js';
import { lazy } from './lazy.js';

/** Where the browser finds the codecs' .wasm files. */
export interface WasmOptions {
  /**
   * Maps a .wasm file name ('charlswasm.wasm', 'openjpegwasm.wasm', 'openjphjs.wasm',
   * 'libjpegturbowasm_decode.wasm') to its URL. Node needs none: each package's loader reads the
   * file beside its script. Bundled browser apps pass the URLs their bundler emitted.
   */
  locateWasm?: (fileName: string) => string;
}

/** The FrameInfo value object of the cornerstonejs codecs. */
export interface NativeFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
  /** HTJ2K encoder only: apply the reversible/irreversible colour transform. */
  isUsingColorTransform?: boolean;
}

/** The decoder classes' shared shape: copy in, decode, copy out, delete. */
export interface NativeDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): ArrayBufferView;
  getFrameInfo(): NativeFrameInfo;
  delete(): void;
}

/** The encoder classes' shared shape. */
export interface NativeEncoder {
  getDecodedBuffer(frame: NativeFrameInfo): Uint8Array;
  encode(): void;
  getEncodedBuffer(): ArrayBufferView;
  delete(): void;
}

interface EmscriptenOptions {
  print(text: string): void;
  printErr(text: string): void;
  locateFile?: (path: string) => string;
}

export interface Wasm<T> {
  readonly module: T;
  /** The codec's recent console output, kept to explain failures. */
  readonly log: string[];
}

/** Instantiates an Emscripten MODULARIZE factory once, on first use, with its output captured. */
export function lazyWasm<T>(codec: string, load: () => Promise<{ default: unknown }>, options: WasmOptions): () => Promise<Wasm<T>> {
  return lazy(async () => {
    const log: string[] = [];
    const keep = (text: string) => {
      log.push(text);
      if (log.length > 20) log.shift();
    };
    const { locateWasm } = options;
    try {
      const { default: factory } = await load();
      // Each instance needs its own options object: Emscripten adopts it as the module.
      const module = await (factory as (options: EmscriptenOptions) => Promise<T>)({
        print: keep,
        printErr: keep,
        ...(locateWasm && { locateFile: (path: string) => locateWasm(path) }),
      });
      return { module, log };
    } catch (error) {
      throw new CodecError(codec, 'unavailable', `could not load the WebAssembly codec: ${describe(error)}`);
    }
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'number' ? 'native exception' : String(error);
}

/** A Uint8Array copy of a view into WebAssembly memory (some decoders hand out Uint8ClampedArray). */
function copyBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
}

/** Runs native work, turning its exceptions into CodecError('corrupt') with the codec's last message. */
function runNative<T>(codec: string, wasm: Wasm<unknown>, what: string, work: () => T): T {
  wasm.log.length = 0;
  try {
    return work();
  } catch (error) {
    const said = wasm.log.filter((line) => /error/i.test(line)).at(-1)?.trim();
    throw new CodecError(codec, 'corrupt', `${what} failed: ${said ?? describe(error)}`);
  }
}

/** Decodes `encoded` with a fresh native decoder; `inspect` reads extra details before it is freed. */
export function nativeDecode<D extends NativeDecoder, R = undefined>(
  codec: string,
  wasm: Wasm<unknown>,
  create: () => D,
  encoded: Uint8Array,
  inspect?: (decoder: D) => R,
): { pixels: Uint8Array; frame: NativeFrameInfo; detail: R | undefined } {
  return runNative(codec, wasm, 'decode', () => {
    const decoder = create();
    try {
      decoder.getEncodedBuffer(encoded.length).set(encoded);
      decoder.decode();
      return { pixels: copyBytes(decoder.getDecodedBuffer()), frame: decoder.getFrameInfo(), detail: inspect?.(decoder) };
    } finally {
      decoder.delete();
    }
  });
}

/** Encodes `pixels` with a fresh native encoder set up by `configure`. */
export function nativeEncode<E extends NativeEncoder>(
  codec: string,
  wasm: Wasm<unknown>,
  create: () => E,
  frame: NativeFrameInfo,
  pixels: Uint8Array,
  configure: (encoder: E) => void,
): Uint8Array {
  return runNative(codec, wasm, 'encode', () => {
    const encoder = create();
    try {
      encoder.getDecodedBuffer(frame).set(pixels);
      configure(encoder);
      encoder.encode();
      return copyBytes(encoder.getEncodedBuffer());
    } finally {
      encoder.delete();
    }
  });
}
