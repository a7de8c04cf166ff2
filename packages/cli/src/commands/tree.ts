// `dcmkit tree PATH...`: the Patient > Study > Series > Instance hierarchy of DICOM files under folders
// (headers only, read up to the Pixel Data) and of the files DICOMDIRs index, with counts, modalities,
// dates and descriptions; --json prints the same hierarchy as JSON.
import { InformationModel, SopClass, directoryInstances, readDicomDir, type PatientNode, type StudyNode } from '@dcmkit/core';
import { readDicomFile, FileIDResolver } from '@dcmkit/core/node';
import { dirname } from 'node:path';
import { inputFiles } from '../batch/inputs.js';
import { out } from '../io.js';
import type { RegisterCommand } from './index.js';

/** Where an instance is: its file, or for a DICOMDIR record whose file is missing, the DICOMDIR and File ID. */
type Where = string;

/**
 * Adds one file to the model: a DICOMDIR adds the instances it indexes (resolved to their files),
 * any other DICOM file itself. Returns false for a file that is not a DICOM instance.
 */
async function addFile(model: InformationModel<Where>, path: string): Promise<boolean> {
  let file;
  try {
    file = await readDicomFile(path, { stopBeforePixelData: true });
  } catch {
    return false;
  }
  try {
    const isDicomDir = file.meta.getText('MediaStorageSOPClassUID')?.replace(/\0/g, '').trim() === SopClass.MediaStorageDirectoryStorage || file.dataset.has('DirectoryRecordSequence');
    if (!isDicomDir) {
      // Bytes that merely parse are no instance: an instance has a SOP Instance UID (PS3.3 C.12.1).
      if (!file.dataset.getString('SOPInstanceUID')) return false;
      model.add(file.dataset, path);
      return true;
    }
    const dir = readDicomDir(file);
    for (const w of dir.warnings) process.stderr.write(`dcmkit: warning: ${path}: ${w.message}\n`);
    const resolver = new FileIDResolver(dirname(path));
    for (const i of directoryInstances(dir)) model.add(i.dataset, (await resolver.resolve(i.fileID)) ?? `${path}: ${i.fileID.join('\\')} (missing)`);
    return true;
  } finally {
    await file.source.close?.();
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (s: string) => (s ? ` "${s}"` : '');
const dateOf = (d: string, t: string) => [d.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'), t.replace(/^(\d{2})(\d{2})(\d{2}).*$/, '$1:$2:$3')].filter(Boolean).join(' ');

function studyLine(s: StudyNode<Where>): string {
  const instances = s.series.reduce((n, se) => n + se.instances.length, 0);
  const modalities = [...new Set(s.series.map((se) => se.modality).filter(Boolean))].join('/');
  const what = [dateOf(s.studyDate, s.studyTime), modalities].filter(Boolean).join(' ');
  return `  Study ${what}${quoted(s.studyDescription)}${s.accessionNumber ? ` accession ${s.accessionNumber}` : ''}  (${count(s.series.length, 'series', 'series')}, ${count(instances, 'instance')})`;
}

/** The hierarchy as indented text, one line per patient, study, series and instance. */
function treeText(patients: PatientNode<Where>[]): string {
  const lines: string[] = [];
  for (const p of patients) {
    const series = p.studies.flatMap((s) => s.series);
    const instances = series.reduce((n, se) => n + se.instances.length, 0);
    lines.push(`Patient ${p.patientName || '(no name)'} [${p.patientID}]  (${count(p.studies.length, 'study', 'studies')}, ${count(series.length, 'series', 'series')}, ${count(instances, 'instance')})`);
    for (const s of p.studies) {
      lines.push(studyLine(s));
      for (const se of s.series) {
        lines.push(`    Series${se.seriesNumber !== undefined ? ` #${se.seriesNumber}` : ''} ${se.modality || '?'}${quoted(se.seriesDescription)}  (${count(se.instances.length, 'instance')})`);
        for (const i of se.instances) lines.push(`      Instance${i.instanceNumber !== undefined ? ` #${i.instanceNumber}` : ''}${i.numberOfFrames > 1 ? ` (${i.numberOfFrames} frames)` : ''} ${i.ref}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export const treeCommand: RegisterCommand = (program) => {
  program
    .command('tree')
    .description('list the Patient > Study > Series > Instance hierarchy of folders of DICOM files and of DICOMDIRs')
    .argument('<paths...>', 'folders (searched recursively), DICOM files, DICOMDIRs')
    .option('--json', 'print the hierarchy as JSON')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const model = new InformationModel<Where>();
      let skipped = 0;
      for (const f of await inputFiles(paths)) if (!(await addFile(model, f.path))) skipped++;
      if (skipped) process.stderr.write(`dcmkit: ${count(skipped, 'file')} skipped: not DICOM\n`);
      const patients = model.patients();
      await out(opts.json ? `${JSON.stringify(patients, null, 2)}\n` : treeText(patients));
    });
};
