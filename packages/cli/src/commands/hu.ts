// `dcmkit hu FILE --at X,Y`: the stored value of one pixel and its modality value (HU for CT,
// PS3.3 C.11.1), with any Real World Value Mappings (PS3.3 C.7.6.16.2.11), as one JSON line.
import { decodeFrame, loadLutData, modalityLut, modalityUnit, modalityValue, realWorldValue, realWorldValueMappings } from '@dcmkit/pixel';
import { registerCodecs } from '../codecs.js';
import { UsageError, openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface HuOptions {
  at: [number, number];
  frame: number;
}

function point(text: string): [number, number] {
  const m = /^(\d+),(\d+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--at needs X,Y (0-based column and row), not '${text}'`);
  return [Number(m[1]), Number(m[2])];
}

function frameNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--frame needs a frame number (0-based), not '${text}'`);
  return Number(text);
}

export const huCommand: RegisterCommand = (program) => {
  program
    .command('hu')
    .description('print the stored and modality value (HU for CT) of one pixel as JSON')
    .argument('<file>', 'DICOM file')
    .requiredOption('--at <x,y>', 'pixel column and row, 0-based', point)
    .option('--frame <n>', 'frame number, 0-based', frameNumber, 0)
    .action(async (path: string, opts: HuOptions) => {
      registerCodecs();
      const file = await openDicom(path);
      try {
        const [x, y] = opts.at;
        const frame = await decodeFrame(file, opts.frame, { maskToBitsStored: true });
        if (x >= frame.columns || y >= frame.rows) throw new UsageError(`--at ${x},${y} is outside the ${frame.columns}x${frame.rows} frame`);
        const at = (y * frame.columns + x) * frame.samplesPerPixel;
        const samples = Array.from(frame.data.subarray(at, at + frame.samplesPerPixel));
        const ds = file.dataset;
        const result: Record<string, unknown> = { x, y, frame: opts.frame };
        if (frame.samplesPerPixel > 1 || frame.photometricInterpretation === 'PALETTE COLOR') {
          // Colour samples and palette indices have no Modality LUT (PS3.3 C.11.1 applies to grayscale).
          Object.assign(result, { stored: frame.samplesPerPixel > 1 ? samples : samples[0], photometricInterpretation: frame.photometricInterpretation });
        } else {
          const stored = samples[0]!;
          await loadLutData(ds);
          const modality = modalityLut(ds, opts.frame);
          const unit = modalityUnit(modality, ds);
          Object.assign(result, { stored, value: modalityValue(modality, stored), ...(unit ? { unit } : {}) });
          const realWorld = realWorldValueMappings(ds, opts.frame).flatMap((m) => {
            const value = realWorldValue(m, stored);
            const unitOf = m.units?.codeValue;
            return value === undefined ? [] : [{ value, ...(unitOf ? { unit: unitOf } : {}), ...(m.label ? { label: m.label } : {}) }];
          });
          if (realWorld.length) result.realWorld = realWorld;
        }
        await out(`${JSON.stringify(result)}\n`);
      } finally {
        await file.source.close?.();
      }
    });
};
