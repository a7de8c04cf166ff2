import { deflateSync } from 'fflate';
import { TransferSyntax } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import type { DicomFile } from '../parse/read.js';
import { EXPLICIT_LE, transferSyntaxInfo, type TransferSyntaxInfo } from '../transfer-syntax.js';
import { Emitter } from './emit.js';
import { DicomWriteError } from './error.js';
import { loadDeferred } from './load.js';
import { fileMetaInformation } from './meta.js';
import { planDataSet, type DataSetPlan, type LoadedValues, type PlanContext } from './plan.js';

export interface WriteOptions {
  /** Transfer Syntax UID to write; default the file's, else Explicit VR Little Endian. */
  transferSyntax?: string;
}

/**
 * What `writeDicom` needs of a file; a `DicomFile` from `parseDicom`/`readDicom` is one. Its source and
 * offsets tell whether the data set is written as it was read (see `fileMetaInformation`).
 */
export type DicomFileInput = Pick<DicomFile, 'dataset'> &
  Partial<Pick<DicomFile, 'meta' | 'preamble' | 'transferSyntax' | 'source' | 'datasetOffset' | 'deflated' | 'stoppedAt'>>;

const PREAMBLE_LENGTH = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];

/**
 * A data set without File Meta Information in a Transfer Syntax: implicit VR little endian, explicit VR
 * little or big endian, deflated (PS3.5 A.5), or encapsulated with its Pixel Data fragments as they are.
 * Parsed elements keep their bytes (swapped if the byte order changes); created ones are encoded.
 */
export function writeDataSet(ds: DataSet, transferSyntax: string): Uint8Array {
  const info = transferSyntaxInfo(transferSyntax);
  const plan = planDataSet(ds, info, context(info));
  const bytes = emit(plan, info);
  return info.deflated ? deflate(bytes) : bytes;
}

/**
 * A Part 10 file (PS3.10 7.1): the preamble (the file's, else zeros), "DICM", File Meta Information,
 * then the data set in the target Transfer Syntax. Values still in a windowed source need `writeDicomAsync`.
 */
export function writeDicom(file: DicomFileInput, opts: WriteOptions = {}): Uint8Array {
  return writeFile(file, opts);
}

/** `writeDicom` for a file read window by window: bulk values and fragments are read from its source first. */
export async function writeDicomAsync(file: DicomFileInput, opts: WriteOptions = {}): Promise<Uint8Array> {
  return writeFile(file, opts, await loadDeferred(file.dataset));
}

function writeFile(file: DicomFileInput, opts: WriteOptions, loaded?: LoadedValues): Uint8Array {
  const preamble = file.preamble ?? new Uint8Array(PREAMBLE_LENGTH);
  if (preamble.length !== PREAMBLE_LENGTH) throw new DicomWriteError(`a ${PREAMBLE_LENGTH}-byte File Preamble (PS3.10 7.1), got ${preamble.length} bytes`);
  const ts = opts.transferSyntax ?? file.transferSyntax ?? TransferSyntax.ExplicitVRLittleEndian;
  const info = transferSyntaxInfo(ts);
  const ctx = context(info, loaded);
  const body = planDataSet(file.dataset, info, ctx);
  const unchanged = ctx.pristine && ts === file.transferSyntax && body.size === parsedSize(file);
  // File Meta Information is explicit VR little endian (PS3.10 7.1).
  const meta = planDataSet(fileMetaInformation(file.meta, file.dataset, ts, unchanged), EXPLICIT_LE, { encapsulated: false, pristine: true });
  const head = PREAMBLE_LENGTH + DICM.length + meta.size;
  const deflated = info.deflated ? deflate(emit(body, info)) : undefined;
  const out = new Uint8Array(head + (deflated?.length ?? body.size));
  out.set(preamble);
  out.set(DICM, PREAMBLE_LENGTH);
  const emitter = new Emitter(out, PREAMBLE_LENGTH + DICM.length);
  emitter.nodes(meta.nodes, EXPLICIT_LE);
  if (deflated) emitter.copy(deflated);
  else emitter.nodes(body.nodes, info);
  return out;
}

const context = (info: TransferSyntaxInfo, loaded?: LoadedValues): PlanContext => ({ encapsulated: info.encapsulated, loaded, pristine: true });

function emit(plan: DataSetPlan, info: TransferSyntaxInfo): Uint8Array {
  const emitter = new Emitter(new Uint8Array(plan.size));
  emitter.nodes(plan.nodes, info);
  return emitter.bytes;
}

/** The data set as a raw DEFLATE stream (PS3.5 A.5), padded to even length. */
function deflate(bytes: Uint8Array): Uint8Array {
  const stream = deflateSync(bytes);
  if (stream.length % 2 === 0) return stream;
  const padded = new Uint8Array(stream.length + 1);
  padded.set(stream);
  return padded;
}

/** Bytes the data set had in its source when read whole; -1 when unknown or read in part. */
function parsedSize(file: DicomFileInput): number {
  if (!file.source || file.datasetOffset === undefined || file.stoppedAt !== undefined) return -1;
  // A deflated data set's source is the inflated stream.
  return file.deflated ? file.source.size : file.source.size - file.datasetOffset;
}
