// `dcmkit dump FILE`: a dcmdump-like listing of the File Meta Information and the data set (see dumpLines in @dcmkit/core).
import { dumpLines, formatWarning, type DumpOptions } from '@dcmkit/core';
import { openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

export const registerDump: RegisterCommand = (program) => {
  program
    .command('dump')
    .description('list the File Meta Information and the data set, dcmdump style: (gggg,eeee) VR value  # length, VM Keyword')
    .argument('<file>', 'DICOM file')
    .option('--no-meta', 'leave out the File Meta Information')
    .option('--full', 'print long values in full')
    .option('--stop-before-pixel-data', 'stop reading at the Pixel Data')
    .action(async (path: string, opts: DumpOptions & { stopBeforePixelData?: boolean }) => {
      const file = await openDicom(path, { stopBeforePixelData: opts.stopBeforePixelData });
      try {
        for (const w of file.warnings) process.stderr.write(`dcmkit: warning: ${path}, ${formatWarning(w)}\n`);
        let chunk = '';
        for await (const text of dumpLines(file, opts)) {
          chunk += `${text}\n`;
          if (chunk.length >= 1 << 16) {
            await out(chunk);
            chunk = '';
          }
        }
        await out(chunk);
      } finally {
        await file.source.close?.();
      }
    });
};
