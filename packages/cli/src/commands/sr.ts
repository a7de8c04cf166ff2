// `dcmkit sr FILE`: an SR document as indented text like dcmtk's dsrdump (header, then one content item
// per line: <contains CODE:(121071,DCM,"Finding")=(...)>), or its content tree as JSON with --json.
import { formatStructuredReport, readStructuredReport } from '@dcmkit/core';
import { openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface SrOptions {
  json?: boolean;
  long?: boolean;
}

export const srCommand: RegisterCommand = (program) => {
  program
    .command('sr')
    .description('print a Structured Report (Basic Text, Enhanced, Comprehensive, 3D, Key Object Selection ...) as an indented tree, dsrdump style')
    .argument('<file>', 'DICOM SR file')
    .option('--json', 'print the document header and content tree as JSON')
    .option('--long', 'print long text values and all coordinates in full')
    .action(async (path: string, opts: SrOptions) => {
      const file = await openDicom(path, { stopBeforePixelData: true });
      try {
        const report = readStructuredReport(file.dataset);
        await out(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatStructuredReport(report, { long: opts.long }));
      } finally {
        await file.source.close?.();
      }
    });
};
