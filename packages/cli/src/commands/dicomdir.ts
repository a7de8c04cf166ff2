// `dcmkit dicomdir DIR`: writes DIR/DICOMDIR for the DICOM files under DIR (PS3.10 8, PS3.3 F).
// File IDs are the files' paths, which must be conformant (PS3.10 8.2, 8.5: at most 8 levels of 1-8
// characters A-Z 0-9 _). When they are not, the command lists the offenders and writes nothing, unless
// --copy-to NEWDIR: the files are then copied to NEWDIR as PTnnnnnn/STnnnnnn/SEnnnnnn/IMnnnnnn (one
// folder per patient, study and series) and NEWDIR/DICOMDIR indexes the copies. Files are never renamed in place.
import { copyFile, mkdir, open, readdir, rename, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InformationModel, createDicomDir, fileIDOf, fileIDProblem, type FileSetInstance } from '@dcmkit/core';
import { readDicomFile } from '@dcmkit/core/node';
import { UsageError, out } from '../io.js';
import { assertOutsideInputs, inputFiles } from '../batch/inputs.js';
import type { RegisterCommand } from './index.js';

interface DicomDirOptions {
  copyTo?: string;
  fileSetId?: string;
}

/** The Part 10 files under `dir` with their headers; anything else is reported and skipped. */
async function scan(dir: string): Promise<{ path: string; instance: FileSetInstance }[]> {
  const found: { path: string; instance: FileSetInstance }[] = [];
  for (const { path, relative: rel } of await inputFiles([dir])) {
    // The DICOMDIR being replaced is no instance of the File-set.
    if (rel.toUpperCase() === 'DICOMDIR') continue;
    try {
      const file = await readDicomFile(path, { stopBeforePixelData: true });
      await file.source.close?.();
      // A File-set holds Part 10 files only (PS3.10 7.1, 8.1).
      if (!file.preamble || file.meta.size === 0) throw new Error('not a DICOM Part 10 file (no preamble or File Meta Information)');
      if (!file.dataset.getString('SOPInstanceUID')) throw new Error('no SOP Instance UID');
      found.push({ path, instance: { fileID: fileIDOf(rel), dataset: file.dataset, transferSyntax: file.transferSyntax } });
    } catch (e) {
      process.stderr.write(`dcmkit: skipped ${path}: ${(e as Error).message}\n`);
    }
  }
  return found;
}

/** Copies the files to `target` as PTnnnnnn/STnnnnnn/SEnnnnnn/IMnnnnnn, returning the copies. */
async function layOut(found: { path: string; instance: FileSetInstance }[], target: string): Promise<FileSetInstance[]> {
  const model = new InformationModel<{ path: string; instance: FileSetInstance }>();
  for (const f of found) model.add(f.instance.dataset, f);
  const name = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, '0')}`;
  const copies: FileSetInstance[] = [];
  for (const [p, patient] of model.patients().entries()) {
    for (const [s, study] of patient.studies.entries()) {
      for (const [e, series] of study.series.entries()) {
        const folder = [name('PT', p), name('ST', s), name('SE', e)];
        await mkdir(join(target, ...folder), { recursive: true });
        for (const [i, { ref }] of series.instances.entries()) {
          const fileID = [...folder, name('IM', i)];
          await copyFile(ref.path, join(target, ...fileID));
          copies.push({ ...ref.instance, fileID });
        }
      }
    }
  }
  return copies;
}

/** Writes the file through a temporary file and a rename, so no reader sees a part of it. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

async function emptyOrAbsent(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => undefined);
  return !s || (s.isDirectory() && (await readdir(dir)).length === 0);
}

export const dicomdirCommand: RegisterCommand = (program) => {
  program
    .command('dicomdir')
    .description('write DIR/DICOMDIR indexing the DICOM files under DIR; file paths must be conformant File IDs (up to 8 levels of 1-8 characters A-Z 0-9 _), else use --copy-to')
    .argument('<dir>', 'root folder of the File-set')
    .option('--copy-to <newdir>', 'copy the files to NEWDIR (empty or new) with conformant names, and write NEWDIR/DICOMDIR')
    .option('--file-set-id <id>', 'File-set ID (up to 16 characters A-Z 0-9 _ space)')
    .action(async (dir: string, opts: DicomDirOptions) => {
      if (opts.fileSetId !== undefined && !/^[A-Z0-9_ ]{0,16}$/.test(opts.fileSetId)) throw new UsageError(`--file-set-id: up to 16 characters A-Z 0-9 _ space, not '${opts.fileSetId}'`);
      if (opts.copyTo) {
        await assertOutsideInputs(opts.copyTo, [dir], '--copy-to');
        if (!(await emptyOrAbsent(opts.copyTo))) throw new UsageError(`--copy-to ${opts.copyTo}: the folder must be new or empty`);
      }
      const found = await scan(dir);
      let instances = found.map((f) => f.instance);
      let root = dir;
      if (opts.copyTo) {
        instances = await layOut(found, opts.copyTo);
        root = opts.copyTo;
      } else {
        const offenders = found.flatMap((f) => {
          const problem = fileIDProblem(f.instance.fileID);
          return problem ? [`  ${f.instance.fileID.join('/')}: ${problem}`] : [];
        });
        if (offenders.length) {
          process.stderr.write(
            `dcmkit: ${offenders.length} file path(s) are not conformant File IDs (PS3.10 8.2, 8.5), so no DICOMDIR was written;\n` +
              `use --copy-to NEWDIR to copy the files with conformant names:\n${offenders.join('\n')}\n`,
          );
          process.exitCode = 1;
          return;
        }
      }
      const { bytes, warnings } = createDicomDir(instances, { fileSetID: opts.fileSetId });
      for (const w of warnings) process.stderr.write(`dcmkit: warning: ${w}\n`);
      const path = join(root, 'DICOMDIR');
      await writeAtomically(path, bytes);
      await out(`${path}: ${instances.length} instance(s)\n`);
    });
};
