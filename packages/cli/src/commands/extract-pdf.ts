// `dcmkit extract-pdf FILE -o OUT`: the document of an Encapsulated Document instance (PDF, CDA, STL,
// OBJ, MTL) written as it was before encapsulation; warns when OUT's extension does not fit its MIME type.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { extensionsOf, extractEncapsulatedDocument } from '@dcmkit/core';
import { openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

export const extractPdfCommand: RegisterCommand = (program) => {
  program
    .command('extract-pdf')
    .description('write the encapsulated document (PDF, CDA, STL, OBJ, MTL) of a DICOM file, without its padding')
    .argument('<file>', 'Encapsulated Document DICOM file')
    .requiredOption('-o, --output <file>', 'where to write the document')
    .action(async (path: string, opts: { output: string }) => {
      const file = await openDicom(path);
      try {
        const doc = await extractEncapsulatedDocument(file.dataset);
        const wanted = extensionsOf(doc.mimeType);
        const ext = extname(opts.output).slice(1).toLowerCase();
        if (wanted.length && !wanted.includes(ext)) {
          process.stderr.write(`dcmkit: warning: ${opts.output}: the document is ${doc.mimeType}, usually saved as .${wanted[0]}\n`);
        }
        await writeFile(opts.output, doc.bytes);
        await out(`${opts.output}: ${doc.mimeType}, ${doc.bytes.length} bytes\n`);
      } finally {
        await file.source.close?.();
      }
    });
};
