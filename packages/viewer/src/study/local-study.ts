// Studies of files opened in the browser (dropped or picked): parsed where they are, never uploaded
// unless asked; frames decoded in the workers straight from the File objects.
import { InformationModel, readDicom, type DataSet, type InstanceNode } from '@dcmkit/core';
import { loadLutData } from '@dcmkit/pixel';
import type { DecoderPool } from '../frames/decoder-pool.js';
import { seriesItems, type StudySource } from './study-source.js';

export interface LocalFiles {
  studies: StudySource[];
  /** The DICOM files, by SOP Instance UID. */
  files: Map<string, File>;
  /** Files that are not DICOM or could not be read, with why. */
  skipped: { name: string; reason: string }[];
}

/** Reads the attributes of each file (Pixel Data left in the file) and groups them into studies. */
export async function readLocalFiles(files: readonly File[], pool: DecoderPool, progress?: (done: number) => void): Promise<LocalFiles> {
  const model = new InformationModel<DataSet>();
  const byInstance = new Map<string, File>();
  const arrival = new Map<DataSet, number>();
  const skipped: LocalFiles['skipped'] = [];
  let done = 0;
  for (const file of files) {
    try {
      const { dataset } = await readDicom(file, { name: file.name, stopBeforePixelData: true });
      const sop = dataset.getText('SOPInstanceUID')?.replace(/\0/g, '').trim();
      if (!sop) throw new Error('no SOP Instance UID: not a DICOM instance');
      // The viewport renders from this data set: LUT Data of 64 KiB and more was left in the file.
      await loadLutData(dataset);
      if (model.add(dataset, dataset)) {
        byInstance.set(sop, file);
        arrival.set(dataset, arrival.size);
      }
    } catch (error) {
      skipped.push({ name: file.webkitRelativePath || file.name, reason: error instanceof Error ? error.message : String(error) });
    }
    progress?.(++done);
  }
  const studies = model.patients().flatMap((patient) => {
    const { studies: list, ...patientInfo } = patient;
    return list.map((study): StudySource => {
      const { series, ...studyInfo } = study;
      const fileOf = (sop: string) => byInstance.get(sop)!;
      const read = (instance: InstanceNode<DataSet>) => readDicom(fileOf(instance.sopInstanceUID), { name: fileOf(instance.sopInstanceUID).name });
      return {
        origin: 'local',
        patient: patientInfo,
        study: studyInfo,
        series: seriesItems(study, arrival),
        loadFrame: (_series, instance, frame) => pool.decode({ kind: 'file', file: fileOf(instance.sopInstanceUID), frame }),
        openInstance: (_series, instance) => read(instance),
        // The file is here: the listing reads of its long values only the part it shows.
        instanceMetadata: async (_series, instance) => ({ file: await read(instance), bulkDataLeftOut: false }),
      };
    });
  });
  return { studies, files: byInstance, skipped };
}
