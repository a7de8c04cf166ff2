// `dcmkit pixels FILE`: decode Pixel Data to stored values and print their summary as one JSON line,
// in the corpus' terms (dtype, shape, sha256 of the little-endian C-order bytes, min, max, mean).
import { writeFile } from 'node:fs/promises';
import { arrayBytes, decodeFrame, decodePixelArray, pixelStatistics, sha256Hex, type DecodeOptions } from '@dcmkit/pixel';
import { registerCodecs } from '../codecs.js';
import { UsageError, openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface PixelsOptions {
  frame?: number;
  sha256?: boolean;
  mask?: boolean;
  out?: string;
}

function frameNumber(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`--frame needs a frame number (0-based), not '${text}'`);
  return n;
}

async function decode(path: string, opts: PixelsOptions) {
  const file = await openDicom(path);
  const decodeOptions: DecodeOptions = { maskToBitsStored: opts.mask };
  try {
    if (opts.frame === undefined) return await decodePixelArray(file, decodeOptions);
    const f = await decodeFrame(file, opts.frame, decodeOptions);
    return { data: f.data, dtype: f.dtype, shape: [f.rows, f.columns, ...(f.samplesPerPixel > 1 ? [f.samplesPerPixel] : [])] };
  } finally {
    await file.source.close?.();
  }
}

export const pixelsCommand: RegisterCommand = (program) => {
  program
    .command('pixels')
    .description('decode Pixel Data to stored values (no LUTs applied) and print {dtype, shape, sha256, min, max, mean}')
    .argument('<file>', 'DICOM file')
    .option('--frame <n>', 'only frame n (0-based)', frameNumber)
    .option('--sha256', 'include the SHA-256 of the array bytes (little endian, C order)')
    .option('--mask', 'mask samples to Bits Stored and sign-extend them (PS3.5 8.1.1)')
    .option('--out <file.raw>', 'write the array bytes (little endian, C order) to a file')
    .action(async (path: string, opts: PixelsOptions) => {
      registerCodecs();
      const { data, dtype, shape } = await decode(path, opts);
      const bytes = arrayBytes(data);
      const sha256 = opts.sha256 ? await sha256Hex(bytes) : undefined;
      if (opts.out) await writeFile(opts.out, bytes);
      await out(`${JSON.stringify({ dtype, shape, ...(sha256 && { sha256 }), ...pixelStatistics(data) })}\n`);
    });
};
