// `dcmkit encapsulate-pdf IN.pdf -o OUT.dcm --patient-name ... --patient-id ...`: an Encapsulated PDF
// Storage instance (PS3.3 A.45.1), written atomically.
import { readFile } from 'node:fs/promises';
import { encapsulatePdf } from '@dcmkit/core';
import { writeDicomFile } from '@dcmkit/core/node';
import { UsageError, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface EncapsulateOptions {
  output: string;
  patientName: string;
  patientId: string;
  studyUid?: string;
  title?: string;
}

export const encapsulatePdfCommand: RegisterCommand = (program) => {
  program
    .command('encapsulate-pdf')
    .description('wrap a PDF in an Encapsulated PDF Storage instance')
    .argument('<pdf>', 'PDF file')
    .requiredOption('-o, --output <file>', 'the DICOM file to write')
    .requiredOption('--patient-name <name>', "Patient's Name, Family^Given")
    .requiredOption('--patient-id <id>', 'Patient ID')
    .option('--study-uid <uid>', 'Study Instance UID of the study it belongs to (default: a new study)')
    .option('--title <text>', 'Document Title')
    .action(async (path: string, opts: EncapsulateOptions) => {
      if (opts.studyUid !== undefined && !/^[0-9]+(\.[0-9]+)*$/.test(opts.studyUid)) throw new UsageError(`--study-uid needs a UID (digits and dots), not '${opts.studyUid}'`);
      const pdf = new Uint8Array(await readFile(path));
      const dataset = encapsulatePdf(pdf, { patientName: opts.patientName, patientID: opts.patientId, studyInstanceUID: opts.studyUid, title: opts.title });
      await writeDicomFile(opts.output, { dataset });
      await out(`${opts.output}: Encapsulated PDF, SOP Instance UID ${dataset.getString('SOPInstanceUID')}\n`);
    });
};
