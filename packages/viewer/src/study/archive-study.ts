// A study of the archive: its metadata in one WADO-RS request, frames fetched as stored and decoded in
// the workers with each instance's LUT Data retrieved beside its first frame, the server's rendering as fallback.
import { InformationModel, TransferSyntax, fromDicomJson, parseDicom, writeDataSet, type DataSet, type DicomFile, type DicomJson } from '@dcmkit/core';
import type { DicomwebClient } from '../archive/dicomweb-client.js';
import type { DecoderPool } from '../frames/decoder-pool.js';
import { retrieveLutData } from './lut-bulk-data.js';
import { pixelAttributes } from './pixel-attributes.js';
import { renderedFrame } from './rendered-frame.js';
import { seriesItems, type StudySource } from './study-source.js';

/**
 * An instance's DICOM JSON (PS3.18 F.2) as a data set dumpLines can list: encoded in Explicit VR Little
 * Endian and read back; values given as BulkDataURI stay empty.
 */
function metadataFile(json: DicomJson): DicomFile {
  const syntax = TransferSyntax.ExplicitVRLittleEndian;
  return parseDicom(writeDataSet(fromDicomJson(json), syntax), { transferSyntax: syntax });
}

export async function openArchiveStudy(client: DicomwebClient, pool: DecoderPool, studyUID: string): Promise<StudySource> {
  const model = new InformationModel<DataSet>();
  const arrival = new Map<DataSet, number>();
  for (const json of await client.studyMetadata(studyUID)) {
    const ds = fromDicomJson(json);
    model.add(ds, ds);
    arrival.set(ds, arrival.size);
  }
  const patient = model.patients()[0];
  const study = patient?.studies.find((s) => s.studyInstanceUID === studyUID);
  if (!patient || !study) throw new Error(`the archive has no instances of study ${studyUID}`);
  const { studies: _studies, ...patientInfo } = patient;
  const { series, ...studyInfo } = study;
  // One retrieval of LUT Data per instance, shared by its frames; a failed one is tried again by the next frame.
  const lutData = new Map<DataSet, Promise<void>>();
  const lutDataOf = (ds: DataSet): Promise<void> => {
    let retrieval = lutData.get(ds);
    if (!retrieval) {
      retrieval = retrieveLutData(ds, (uri) => client.bulkData(uri));
      retrieval.catch(() => lutData.delete(ds));
      lutData.set(ds, retrieval);
    }
    return retrieval;
  };
  return {
    origin: 'archive',
    patient: patientInfo,
    study: studyInfo,
    series: seriesItems(study, arrival),
    async loadFrame(s, instance, frameIndex) {
      const sop = instance.sopInstanceUID;
      const decoded = async () => {
        const { bytes, transferSyntax } = await client.frame(studyUID, s.uid, sop, frameIndex + 1);
        return pool.decode({ kind: 'encoded', bytes, transferSyntax, attributes: pixelAttributes(instance.ref) });
      };
      try {
        // The frame is rendered with the instance's attributes: its LUT Data must be there first.
        const [frame] = await Promise.all([decoded(), lutDataOf(instance.ref)]);
        return frame;
      } catch (error) {
        // No codec here for the stored syntax, a frame the codecs reject or LUT Data not retrieved: let the server render it.
        console.warn(`frame ${frameIndex + 1} of ${sop}: ${error instanceof Error ? error.message : String(error)}; using the rendered frame`);
        return renderedFrame(await client.renderedFrame(studyUID, s.uid, sop, frameIndex + 1), frameIndex);
      }
    },
    async openInstance(s, instance) {
      return parseDicom(await client.instance(studyUID, s.uid, instance.sopInstanceUID));
    },
    async instanceMetadata(s, instance) {
      return { file: metadataFile(await client.instanceMetadata(studyUID, s.uid, instance.sopInstanceUID)), bulkDataLeftOut: true };
    },
    thumbnailUrl: (s, image) => client.frameThumbnailUrl(studyUID, s.uid, image.sopInstanceUID, image.frameIndex + 1),
  };
}
