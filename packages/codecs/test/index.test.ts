import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { CodecRegistry } from '@dcmkit/pixel';
import * as codecs from '@dcmkit/codecs';
import { createJpegLsCodec, JPEG_LS_LOSSLESS, registerAllCodecs } from '@dcmkit/codecs';
import { signed12 } from './corpus.js';

describe('registerAllCodecs', () => {
  it('registers a codec for every compressed transfer syntax this package handles', () => {
    const registry = registerAllCodecs(new CodecRegistry());
    const uids = Object.entries(codecs).filter(([key, value]) => /^[A-Z0-9_]+$/.test(key) && typeof value === 'string').map(([, uid]) => uid);
    expect(uids).toHaveLength(14);
    expect(registry.list().sort()).toEqual(uids.sort());
    expect(registry.get(codecs.JPEG_2000)?.name).toBe('openjpeg');
    expect(registry.get(codecs.HTJ2K_RPCL_LOSSLESS)?.name).toBe('openjph');
  });
});

describe('WebAssembly loading', () => {
  const wasmFile = createRequire(import.meta.url).resolve('@cornerstonejs/codec-charls/wasm');

  it('waits for the first frame, then asks locateWasm where the .wasm file is', async () => {
    const locateWasm = vi.fn(() => wasmFile);
    const codec = createJpegLsCodec({ locateWasm });
    expect(locateWasm).not.toHaveBeenCalled();
    const { info, pixels } = signed12(4, 4);
    const { bytes } = await codec.encode!(pixels, info, JPEG_LS_LOSSLESS);
    await codec.decode(bytes, info);
    expect(locateWasm).toHaveBeenCalledTimes(1);
    expect(locateWasm).toHaveBeenCalledWith('charlswasm.wasm');
  });

  it('reports a .wasm file that cannot be loaded as unavailable, and tries again next time', async () => {
    const locateWasm = vi.fn(() => '/nonexistent/charlswasm.wasm');
    const codec = createJpegLsCodec({ locateWasm });
    const { info, pixels } = signed12(4, 4);
    await expect(codec.encode!(pixels, info, JPEG_LS_LOSSLESS)).rejects.toMatchObject({ name: 'CodecError', reason: 'unavailable' });
    await expect(codec.encode!(pixels, info, JPEG_LS_LOSSLESS)).rejects.toMatchObject({ reason: 'unavailable' });
    expect(locateWasm).toHaveBeenCalledTimes(2);
  });
});
