// `dcmkit anonymize IN... -o OUTDIR`: de-identifies DICOM files and folders (recursively) by the
// Basic Application Level Confidentiality Profile and the Options asked for (PS3.15 Annex E), into
// OUTDIR/<patient>/<study>/<series>/<instance>.dcm named by the new identifiers, or mirroring the input.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deidentifyFile, parseDicom, readDicom, SopClass, type DeidentifyOptions, type DicomFile, type PixelRegion, type SafePrivateAttribute } from '@dcmkit/core';
import { FileSource, writeDicomFile } from '@dcmkit/core/node';
import { csvText } from '../batch/csv.js';
import { assertOutsideInputs, inputFiles, isWithin, realTarget, type InputFile } from '../batch/inputs.js';
import { OutputPaths, safeSegment } from '../batch/output-paths.js';
import { batchExitCode, printSummary, runBatch } from '../batch/run.js';
import { UsageError } from '../io.js';
import type { RegisterCommand } from './index.js';

interface AnonymizeOptions {
  output: string;
  secret?: string;
  secretFile?: string;
  keepUids?: boolean;
  keepDates?: boolean;
  /** Days, or true: a per-patient shift derived from the secret. */
  shiftDates?: number | true;
  keepDevice?: boolean;
  keepInstitution?: boolean;
  keepPatientCharacteristics?: boolean;
  cleanDescriptors?: boolean;
  cleanStructuredContent?: boolean;
  cleanGraphics?: boolean;
  keepPrivateSafe?: boolean;
  safePrivate?: SafePrivateAttribute[];
  patientName?: string;
  patientId?: string;
  map?: string;
  blank?: PixelRegion[];
  layout: string;
}

const LAYOUTS = ['hierarchy', 'mirror'];

function days(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`--shift-dates needs a whole number of days (e.g. -365), not '${text}'`);
  return Number(text);
}

function blankRegion(text: string, regions: PixelRegion[] = []): PixelRegion[] {
  const n = text.split(',').map((s) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN));
  if (n.length !== 4 || n.some(Number.isNaN) || n[2] === 0 || n[3] === 0) throw new UsageError(`--blank needs X,Y,W,H in whole pixels (W, H > 0), not '${text}'`);
  return [...regions, { x: n[0]!, y: n[1]!, w: n[2]!, h: n[3]! }];
}

/** "(0019,xx0C):SIEMENS MR HEADER" or "0019xx0C:SIEMENS MR HEADER", as in PS3.15 Table E.3.10-1. */
function safePrivate(text: string, list: SafePrivateAttribute[] = []): SafePrivateAttribute[] {
  const m = /^\(?([0-9a-f]{4}),?xx([0-9a-f]{2})\)?:(.+)$/i.exec(text.trim());
  if (!m || parseInt(m[1]!, 16) % 2 === 0) throw new UsageError(`--safe-private needs (gggg,xxee):CREATOR with an odd group, e.g. '(0019,xx0C):SIEMENS MR HEADER', not '${text}'`);
  return [...list, { group: parseInt(m[1]!, 16), element: parseInt(m[2]!, 16), creator: m[3]!.trim() }];
}

/**
 * The secret: --secret, or the first line of --secret-file. Without either, a random one for this run
 * only, said on stderr: UIDs, pseudonyms and date shifts then differ from any other run's.
 */
async function secretOf(opts: AnonymizeOptions): Promise<string | Uint8Array> {
  if (opts.secret !== undefined && opts.secretFile !== undefined) throw new UsageError('give --secret or --secret-file, not both');
  const secret = opts.secretFile !== undefined ? (await readFile(opts.secretFile, 'utf8').catch(() => '')).split(/\r?\n/)[0]!.trim() : opts.secret;
  if (secret === '') throw new UsageError(opts.secretFile !== undefined ? `--secret-file ${opts.secretFile}: no secret on its first line` : '--secret is empty');
  if (secret !== undefined) return secret;
  process.stderr.write('dcmkit anonymize: no --secret: a random one is used for this run, so its UIDs, pseudonyms and date shifts will not match another run\'s\n');
  return randomBytes(32);
}

function deidentifyOptions(opts: AnonymizeOptions, secret: string | Uint8Array): DeidentifyOptions {
  if (opts.keepDates && opts.shiftDates !== undefined) throw new UsageError('--keep-dates and --shift-dates exclude each other');
  if (opts.safePrivate && !opts.keepPrivateSafe) throw new UsageError('--safe-private needs --keep-private-safe');
  return {
    secret,
    retainUIDs: opts.keepUids,
    retainLongitudinalFullDates: opts.keepDates,
    retainLongitudinalModifiedDates: opts.shiftDates !== undefined,
    dateShiftDays: typeof opts.shiftDates === 'number' ? opts.shiftDates : undefined,
    retainDeviceIdentity: opts.keepDevice,
    retainInstitutionIdentity: opts.keepInstitution,
    retainPatientCharacteristics: opts.keepPatientCharacteristics,
    cleanDescriptors: opts.cleanDescriptors,
    cleanStructuredContent: opts.cleanStructuredContent,
    cleanGraphics: opts.cleanGraphics,
    retainSafePrivate: opts.keepPrivateSafe,
    safePrivate: opts.safePrivate,
    patientName: opts.patientName,
    patientId: opts.patientId,
    blank: opts.blank,
    uidMap: new Map(),
  };
}

const MAP_HEADER = [
  'input',
  'output',
  'original_patient_id',
  'patient_id',
  'original_patient_name',
  'patient_name',
  'original_study_uid',
  'study_uid',
  'original_series_uid',
  'series_uid',
  'original_sop_instance_uid',
  'sop_instance_uid',
  'date_shift_days',
];

async function anonymize(inputs: string[], opts: AnonymizeOptions): Promise<number> {
  if (!LAYOUTS.includes(opts.layout)) throw new UsageError(`--layout is ${LAYOUTS.join(' or ')}, not '${opts.layout}'`);
  await assertOutsideInputs(opts.output, inputs);
  if (opts.map !== undefined) {
    await assertOutsideInputs(opts.map, inputs, 'the mapping file');
    // The mapping re-identifies the outputs: it must not travel with them.
    if (isWithin(await realTarget(opts.map), await realTarget(opts.output))) throw new UsageError(`--map ${opts.map}: keep the mapping file outside the output folder`);
  }
  const options = deidentifyOptions(opts, await secretOf(opts));
  const files = await inputFiles(inputs);
  const paths = new OutputPaths(await realTarget(opts.output));
  const rows: string[][] = [];

  const report = await runBatch('anonymize', files, async (input: InputFile) => {
    // Whole in memory when pixels are blanked; else read by windows, bulk values left in the file
    // until written. The file is closed here: a deflated file's DicomFile.source is the inflated copy.
    const source = new FileSource(input.path);
    try {
      const file = opts.blank
        ? parseDicom(new Uint8Array(await readFile(input.path)), { name: input.path })
        : await readDicom(source, { name: input.path });
      const written = await anonymizeFile(file, input, opts.layout, options, paths);
      if (written.row) rows.push(written.row);
      return written.warnings;
    } finally {
      await source.close();
    }
  });

  if (opts.map !== undefined) await writeAtomically(opts.map, csvText(MAP_HEADER, rows.sort((a, b) => (a[0]! < b[0]! ? -1 : 1))));
  printSummary('anonymize', report, `de-identified into ${opts.output}`);
  return batchExitCode(report);
}

/** De-identifies one file and writes it where the layout says; its mapping row and warnings. */
async function anonymizeFile(
  file: DicomFile,
  input: InputFile,
  layout: string,
  options: DeidentifyOptions,
  paths: OutputPaths,
): Promise<{ row?: string[]; warnings: string[] }> {
  // A file too short to hold an element reads as an empty data set: not an instance to de-identify.
  if (file.dataset.size === 0) throw new Error('not a DICOM file: no data element in it');
  const sopClass = file.dataset.getString('SOPClassUID') ?? file.meta.getString('MediaStorageSOPClassUID');
  // A de-identified DICOMDIR would keep record offsets (PS3.3 F.3.2.1) that no longer fit its new
  // size, and in the hierarchy layout file IDs that name nothing: it is rebuilt from the outputs instead.
  if (sopClass === SopClass.MediaStorageDirectoryStorage) {
    return { warnings: ['DICOMDIR not written: rebuild it from the de-identified files with `dcmkit dicomdir`'] };
  }
  const result = deidentifyFile(file, options);
  const ds = result.dataset;
  const sop = ds.getString('SOPInstanceUID') ?? result.file.meta?.getString('MediaStorageSOPInstanceUID');
  const segments =
    layout === 'mirror'
      ? input.relative.split(path.sep)
      : [
          safeSegment(ds.getString('PatientID'), 'no-patient-id'),
          safeSegment(ds.getString('StudyInstanceUID'), 'no-study'),
          safeSegment(ds.getString('SeriesInstanceUID'), 'no-series'),
          `${safeSegment(sop, 'instance')}.dcm`,
        ];
  const target = paths.claim(segments);
  await mkdir(path.dirname(target.path), { recursive: true });
  await writeDicomFile(target.path, result.file);
  const original = file.dataset;
  const row = [
    input.path,
    target.path,
    result.patient.originalId,
    result.patient.id,
    result.patient.originalName,
    result.patient.name,
    original.getString('StudyInstanceUID') ?? '',
    ds.getString('StudyInstanceUID') ?? '',
    original.getString('SeriesInstanceUID') ?? '',
    ds.getString('SeriesInstanceUID') ?? '',
    original.getString('SOPInstanceUID') ?? file.meta.getString('MediaStorageSOPInstanceUID') ?? '',
    sop ?? '',
    result.dateShiftDays === undefined ? '' : String(result.dateShiftDays),
  ];
  const warnings = result.warnings.map((w) => w.message);
  if (target.duplicate) warnings.push('another input has the same output name (the same SOP Instance UID?): written with a numbered suffix');
  return { row, warnings };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

export const anonymizeCommand: RegisterCommand = (program) => {
  program
    .command('anonymize')
    .description(
      'de-identify DICOM files and folders (recursively) by the PS3.15 Basic Application Level Confidentiality Profile into OUTDIR; ' +
        'UIDs, pseudonyms and date shifts are derived from the secret, so runs with the same secret agree',
    )
    .argument('<inputs...>', 'DICOM files or folders')
    .requiredOption('-o, --output <dir>', 'output folder, outside the inputs')
    .option('--secret <text>', 'key of the replacement UIDs, pseudonyms and date shifts (without it or --secret-file: random, this run only)')
    .option('--secret-file <file>', 'read the secret from the first line of a file (keeps it out of the process list)')
    .option('--keep-uids', 'Retain UIDs Option')
    .option('--keep-dates', 'Retain Longitudinal Temporal Information with Full Dates Option')
    .option('--shift-dates [days]', 'Modified Dates Option: move every date by DAYS (e.g. --shift-dates=-365), or by a per-patient number of days from the secret', days)
    .option('--keep-device', 'Retain Device Identity Option')
    .option('--keep-institution', 'Retain Institution Identity Option')
    .option('--keep-patient-characteristics', 'Retain Patient Characteristics Option (age, sex, size, weight ...)')
    .option('--clean-descriptors', 'Clean Descriptors Option: keep descriptions, with the removed identities erased from them')
    .option('--clean-structured-content', 'Clean Structured Content Option')
    .option('--clean-graphics', 'Clean Graphics Option')
    .option('--keep-private-safe', 'Retain Safe Private Option: keep the private attributes known to be safe (PS3.15 Table E.3.10-1)')
    .option('--safe-private <(gggg,xxee):creator>', 'one more private attribute to keep with --keep-private-safe (repeatable)', safePrivate)
    .option('--patient-name <name>', "replacement Patient's Name (default: a pseudonym derived from the secret)")
    .option('--patient-id <id>', 'replacement Patient ID (default: a pseudonym derived from the secret)')
    .option('--map <file.csv>', 'write original → new identifiers, one row per file; it re-identifies the data: keep it apart')
    .option('--blank <x,y,w,h>', 'set a rectangle of pixels of every frame to zero (repeatable; native Pixel Data only)', blankRegion)
    .option('--layout <layout>', 'hierarchy: OUTDIR/patient/study/series/instance.dcm by the new identifiers; mirror: the input paths (whose names may identify)', 'hierarchy')
    .action(async (inputs: string[], opts: AnonymizeOptions) => {
      process.exitCode = await anonymize(inputs, opts);
    });
};
