// `dcmkit json FILE`: the data set in the DICOM JSON Model (PS3.18 F.2), as dcm2json prints it:
// text in UTF-8 with (0008,0005) "ISO_IR 192", no File Meta, no group lengths, FL/FD digits as DCMTK's.
import { formatDicomJson, toDicomJson } from '@dcmkit/core';
import { openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface JsonOptions {
  pixelDataUri: string;
  inlinePixelData?: boolean;
  groupLengths?: boolean;
}

/** What the reference corpus writes for the top-level Pixel Data instead of its bytes. */
const PIXEL_DATA_PLACEHOLDER = 'omitted-pixel-data';

export const registerJson: RegisterCommand = (program) => {
  program
    .command('json')
    .description('print the data set as DICOM JSON (PS3.18 F.2) in dcm2json\'s layout')
    .argument('<file>', 'DICOM file')
    .option('--pixel-data-uri <uri>', 'BulkDataURI written for the top-level Pixel Data', PIXEL_DATA_PLACEHOLDER)
    .option('--inline-pixel-data', 'write native Pixel Data inline (base64) instead of a BulkDataURI')
    .option('--group-lengths', 'keep Group Length (gggg,0000) elements')
    .action(async (path: string, opts: JsonOptions) => {
      // Every value is converted, so none is left deferred in the file.
      const file = await openDicom(path, { bulkThreshold: Infinity });
      try {
        const json = toDicomJson(file.dataset, {
          charsetAsUtf8: true,
          groupLengths: opts.groupLengths,
          pixelDataURI: opts.inlinePixelData ? undefined : opts.pixelDataUri,
        });
        await out(formatDicomJson(json));
      } finally {
        await file.source.close?.();
      }
    });
};
