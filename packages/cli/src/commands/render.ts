// `dcmkit render FILE -o OUT.png`: frames as a person sees them (PS3.4 N.2: Modality, VOI and
// Presentation LUTs, palettes, colour spaces), written as PNG; or stored values as 16-bit grey.
import { writeFile } from 'node:fs/promises';
import type { DicomFile } from '@dcmkit/core';
import {
  decodeFrame,
  encodePng,
  encodeRgbaPng,
  imagePixelDescription,
  loadLutData,
  renderFrame,
  resizeRgba,
  windowPreset,
  WINDOW_PRESETS,
  type PixelFrame,
  type RenderOptions,
  type ResizeMethod,
} from '@dcmkit/pixel';
import { registerCodecs } from '../codecs.js';
import { UsageError, openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';
import { annotate, colourArg, loadAnnotations, type AnnotationOptions, type Annotations } from './render-annotations.js';

interface RenderCommandOptions extends AnnotationOptions {
  out: string;
  frame?: number;
  allFrames?: boolean;
  preset?: string;
  window?: { center: number; width: number };
  voi?: number;
  invert?: boolean;
  size?: { width: number; height: number };
  resize: ResizeMethod;
  depth: 8 | 16;
}

const whole = (option: string) => (text: string): number => {
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} needs a number (0-based), not '${text}'`);
  return Number(text);
};

function windowArg(text: string): { center: number; width: number } {
  const [center, width, ...rest] = text.split(',').map((s) => Number(s.trim()));
  if (rest.length || !Number.isFinite(center) || !Number.isFinite(width) || width! < 1) {
    throw new UsageError(`--window needs CENTER,WIDTH (width >= 1), e.g. -600,1500, not '${text}'`);
  }
  return { center: center!, width: width! };
}

function sizeArg(text: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/i.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--size needs WIDTHxHEIGHT, e.g. 256x256, not '${text}'`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

function presetArg(text: string): string {
  if (!windowPreset(text)) throw new UsageError(`--preset: unknown '${text}'; known: ${Object.keys(WINDOW_PRESETS).join(', ')}`);
  return text;
}

function checkOptions(opts: RenderCommandOptions): void {
  if (opts.allFrames && opts.frame !== undefined) throw new UsageError('--frame and --all-frames exclude each other');
  if (opts.preset !== undefined && opts.window) throw new UsageError('--preset and --window exclude each other');
  if (opts.depth === 16 && (opts.preset !== undefined || opts.window || opts.voi !== undefined || opts.invert || opts.size)) {
    throw new UsageError('--depth 16 writes stored values: --preset, --window, --voi, --invert and --size do not apply');
  }
}

/** Where frame `index` goes: OUT.png for one frame, OUT-0001.png ... (1-based, as DICOM numbers frames) for all. */
const outputPath = (out: string, index: number, all: boolean): string =>
  all ? `${out.replace(/\.png$/i, '')}-${String(index + 1).padStart(4, '0')}.png` : out;

/** A grayscale frame's stored values as 16-bit samples; signed ones offset by 2^(bits-1) so that the order is kept. */
function storedGrey16(frame: PixelFrame): Uint16Array {
  if (frame.samplesPerPixel !== 1 || !frame.photometricInterpretation.startsWith('MONOCHROME')) {
    throw new UsageError(`--depth 16 is for grayscale frames, this one is ${frame.photometricInterpretation}`);
  }
  const offset = { uint8: 0, uint16: 0, int8: 0x80, int16: 0x8000 }[frame.dtype as string];
  if (offset === undefined) throw new UsageError(`--depth 16 needs 8- or 16-bit samples, this frame has ${frame.dtype}`);
  return Uint16Array.from(frame.data, (v) => v + offset);
}

async function renderOne(file: DicomFile, index: number, path: string, opts: RenderCommandOptions, annotations: Annotations): Promise<Record<string, unknown>> {
  const frame = await decodeFrame(file, index, { maskToBitsStored: true });
  if (opts.depth === 16) {
    const data = storedGrey16(frame);
    await writeFile(path, encodePng({ width: frame.columns, height: frame.rows, channels: 1, bitDepth: 16, data }));
    return { file: path, frame: index, width: frame.columns, height: frame.rows, depth: 16 };
  }
  const renderOptions: RenderOptions = {
    ...(opts.window && { window: opts.window }),
    ...(opts.preset !== undefined && { preset: opts.preset }),
    ...(opts.voi !== undefined && { voiIndex: opts.voi }),
    ...(opts.invert && { invert: true }),
  };
  const rendered = renderFrame(frame, file.dataset, renderOptions);
  // Overlays and contours are drawn at the frame's own pixel grid, before any resize.
  const drawn = await annotate(rendered, file, index, annotations);
  const image = opts.size ? resizeRgba(rendered, opts.size.width, opts.size.height, opts.resize) : rendered;
  const grey = frame.photometricInterpretation.startsWith('MONOCHROME') && !drawn;
  await writeFile(path, encodeRgbaPng(image, grey ? 1 : 3));
  return { file: path, frame: index, width: image.width, height: image.height, ...(rendered.window && { window: rendered.window }), ...drawn };
}

export const renderCommand: RegisterCommand = (program) => {
  program
    .command('render')
    .description('render frames for display (Modality/VOI/Presentation LUTs, palettes, colour) to PNG; prints one JSON line per file')
    .argument('<file>', 'DICOM file')
    .requiredOption('-o, --out <file.png>', 'output PNG; with --all-frames OUT-0001.png, OUT-0002.png ...')
    .option('--frame <n>', 'frame number, 0-based (default 0)', whole('--frame'))
    .option('--all-frames', 'every frame, one PNG each')
    .option('--preset <name>', `a named CT window: ${Object.keys(WINDOW_PRESETS).join(', ')}`, presetArg)
    .option('--window <center,width>', 'a window in modality values (HU for CT), e.g. --window=-600,1500', windowArg)
    .option('--voi <n>', "which of the file's windows / VOI LUTs, 0-based (default 0)", whole('--voi'))
    .option('--invert', 'invert the grayscale output')
    .option('--size <WxH>', 'scale the image to WIDTHxHEIGHT', sizeArg)
    .option('--resize <method>', 'nearest or bilinear', (m: string) => {
      if (m !== 'nearest' && m !== 'bilinear') throw new UsageError(`--resize is nearest or bilinear, not '${m}'`);
      return m;
    }, 'bilinear')
    .option('--depth <bits>', '8 (rendered) or 16 (stored values as 16-bit grey, signed ones offset by 2^15, no LUTs)', (d: string) => {
      if (d !== '8' && d !== '16') throw new UsageError(`--depth is 8 or 16, not '${d}'`);
      return Number(d);
    }, 8)
    .option('--overlays [colour]', 'burn in the overlay planes (60xx), white or the colour given: a name, #RRGGBB or R,G,B', colourArg)
    .option('--rtstruct <file>', 'draw the contours of this RT Structure Set that lie on the image, in their ROI colours')
    .action(async (path: string, opts: RenderCommandOptions) => {
      checkOptions(opts);
      registerCodecs();
      const annotations = await loadAnnotations(opts, opts.depth);
      const file = await openDicom(path);
      try {
        // Read by windows: large LUT Data (a 16-bit table of 65536 entries is 128 KiB) is still in the file.
        await loadLutData(file.dataset);
        const frames = opts.allFrames ? imagePixelDescription(file.dataset, path).numberOfFrames : 1;
        const first = opts.allFrames ? 0 : (opts.frame ?? 0);
        for (let i = first; i < first + frames; i++) {
          const written = await renderOne(file, i, outputPath(opts.out, i, !!opts.allFrames), opts, annotations);
          await out(`${JSON.stringify(written)}\n`);
        }
      } finally {
        await file.source.close?.();
      }
    });
};
