// `dcmkit convert IN... -o OUT --transfer-syntax TS`: rewrites DICOM files in another Transfer Syntax
// (PS3.5 10): a file into a file, folders and several files into OUT mirroring their layout, folders
// converted on every core by worker threads. Each output is written whole or not at all.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { WorkerPool } from '@dcmkit/codecs/node';
import { isNativeTransferSyntax, lookupUid, resolveUid, transferSyntaxInfo } from '@dcmkit/core';
import { TranscodeError, checkTranscodeTarget, codecs } from '@dcmkit/pixel';
import { assertOutsideInputs, inputFiles, realTarget, type InputFile } from '../batch/inputs.js';
import { OutputPaths } from '../batch/output-paths.js';
import { batchExitCode, printSummary, runBatch, type FileWork } from '../batch/run.js';
import { registerCodecs } from '../codecs.js';
import { UsageError } from '../io.js';
import { convertFile, type ConvertTask } from '../workers/convert-task.js';
import { spawnWorker } from '../workers/spawn.js';
import type { RegisterCommand } from './index.js';

interface ConvertOptions {
  output: string;
  transferSyntax: string;
  near?: number;
  ratio?: number;
  jobs?: number;
}

const EXAMPLES = 'ExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian, RLELossless, JPEGLSLossless, JPEG2000Lossless, HTJ2KLossless';

/** The Transfer Syntax UID of a keyword or UID that this CLI can write. */
function targetSyntax(text: string, opts: ConvertOptions): string {
  const uid = resolveUid(text);
  if (!uid || lookupUid(uid)?.type !== 'Transfer Syntax') throw new UsageError(`--transfer-syntax: '${text}' is not a Transfer Syntax UID or keyword (e.g. ${EXAMPLES})`);
  const writable = isNativeTransferSyntax(uid) || codecs.get(uid)?.encode !== undefined;
  if (!writable) throw new UsageError(`--transfer-syntax: no encoder for ${transferSyntaxInfo(uid).name}; writable: ${EXAMPLES} and their lossy variants`);
  try {
    checkTranscodeTarget(uid, { nearLossless: opts.near, compressionRatio: opts.ratio });
  } catch (e) {
    if (e instanceof TranscodeError) throw new UsageError(`--transfer-syntax ${transferSyntaxInfo(uid).name}: ${e.reason}`);
    throw e;
  }
  return uid;
}

const positive = (option: string, integer: boolean) => (text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${option} needs a ${integer ? 'whole ' : ''}number above 0, not '${text}'`);
  return n;
};

/** One input file, one output file: OUT itself, or OUT/<name> when OUT is a folder. Never the input. */
async function singleOutput(file: InputFile, output: string): Promise<string> {
  const isDir = (await stat(output).catch(() => undefined))?.isDirectory() ?? false;
  const target = isDir ? path.join(output, path.basename(file.path)) : output;
  if ((await realTarget(target)) === file.path) throw new UsageError(`the output ${target} is the input: write it elsewhere`);
  return target;
}

/** Several inputs or folders: OUT is a folder, outside the inputs, laid out as the inputs are. */
async function mirroredOutputs(files: readonly InputFile[], inputs: readonly string[], output: string): Promise<Map<InputFile, string>> {
  if ((await stat(output).catch(() => undefined))?.isFile()) throw new UsageError(`the output ${output} is a file; folders and several inputs need an output folder`);
  await assertOutsideInputs(output, inputs);
  const paths = new OutputPaths(await realTarget(output));
  return new Map(files.map((f) => [f, paths.claim(f.relative.split(path.sep)).path]));
}

async function convert(inputs: string[], opts: ConvertOptions): Promise<number> {
  registerCodecs();
  const transferSyntax = targetSyntax(opts.transferSyntax, opts);
  const files = await inputFiles(inputs);
  const oneFile = inputs.length === 1 && files.length === 1 && files[0]!.input === files[0]!.path;
  const outputs = oneFile ? new Map([[files[0]!, await singleOutput(files[0]!, opts.output)]]) : await mirroredOutputs(files, inputs, opts.output);
  const task = (file: InputFile): ConvertTask => ({ input: file.path, output: outputs.get(file)!, transferSyntax, nearLossless: opts.near, compressionRatio: opts.ratio });

  // One thread per core (or --jobs), no more than there are files; a single file is converted here.
  const threads = Math.min(opts.jobs ?? Math.max(1, availableParallelism()), files.length);
  const pool = threads > 1 ? new WorkerPool<ConvertTask, string[]>(() => spawnWorker(new URL('../workers/convert-worker.js', import.meta.url)), threads) : undefined;
  const work: FileWork = pool ? (file) => pool.run(task(file)) : (file) => convertFile(task(file));
  try {
    // Two files per thread: one converting while the next one's task waits, so no thread idles.
    const report = await runBatch('convert', files, work, Math.max(1, 2 * threads));
    printSummary('convert', report, `converted to ${transferSyntaxInfo(transferSyntax).name} in ${opts.output}`);
    return batchExitCode(report);
  } finally {
    await pool?.close();
  }
}

export const convertCommand: RegisterCommand = (program) => {
  program
    .command('convert')
    .description('rewrite DICOM files in another Transfer Syntax (decompress, compress, re-encode); folders are mirrored into the output folder')
    .argument('<inputs...>', 'DICOM files and folders (read recursively)')
    .requiredOption('-o, --output <path>', 'output file (one input file) or folder')
    .requiredOption('-t, --transfer-syntax <uid|keyword>', `target Transfer Syntax, a UID or a keyword: ${EXAMPLES}, ...`)
    .option('--near <n>', 'JPEG-LS NEAR, with JPEGLSNearLossless: lossy, each sample within n of the original', positive('--near', true))
    .option('--ratio <r>', 'compression ratio, with JPEG2000: lossy', positive('--ratio', false))
    .option('-j, --jobs <n>', 'worker threads for folders (default: one per core)', positive('--jobs', true))
    .action(async (inputs: string[], opts: ConvertOptions) => {
      process.exitCode = await convert(inputs, opts);
    });
};
