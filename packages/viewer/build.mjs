#!/usr/bin/env node
// Bundles the viewer into dist/: index.html, style.css, viewer.js (the page), decode-worker.js (the
// decode workers), shared chunks, and the codecs' .wasm files, which the worker locates beside itself.
// The @dcmkit packages are bundled from their sources, so no tsc build is needed first.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const packages = join(here, '..');

/** The .wasm files the codecs load (see packages/codecs/src/wasm.ts), by their package export. */
const WASM = ['@cornerstonejs/codec-charls/wasm', '@cornerstonejs/codec-openjpeg/wasm', '@cornerstonejs/codec-openjph/wasm', '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm'];

/** Builds the viewer into `outdir` (default packages/viewer/dist); resolves to esbuild's metafile. */
export async function buildViewer(outdir = join(here, 'dist'), { minify = true } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const alias = Object.fromEntries(['dictionary', 'core', 'pixel', 'codecs', 'dicomweb'].map((p) => [`@dcmkit/${p}`, join(packages, p, 'src/index.ts')]));
  const result = await esbuild.build({
    entryPoints: { viewer: join(here, 'src/main.ts'), 'decode-worker': join(here, 'src/frames/decode-worker.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: 'linked',
    alias,
    // The Emscripten loaders reach for Node modules only when they run under Node.
    external: ['fs', 'path', 'crypto', 'module', 'url', 'worker_threads'],
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'src/index.html'), join(outdir, 'index.html'));
  copyFileSync(join(here, 'src/style.css'), join(outdir, 'style.css'));
  const require = createRequire(join(packages, 'codecs/package.json'));
  for (const id of WASM) {
    const file = require.resolve(id);
    copyFileSync(file, join(outdir, basename(file)));
  }
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildViewer();
  console.log(`viewer built into packages/viewer/dist in ${Math.round(performance.now() - started)} ms`);
}
