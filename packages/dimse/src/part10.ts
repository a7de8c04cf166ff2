// Between Part 10 files and the data sets DIMSE carries (PS3.10 7.1): a C-STORE sends the data set
// without the File Meta Information, a receiver writes it behind new File Meta Information.
import { DataSet, EXPLICIT_LE, concatBytes, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, TransferSyntax, isNativeTransferSyntax, parseDicom, readDicom, toTag, transferSyntaxInfo, writeDataSet, type ByteSource, type DicomFile } from '@dcmkit/core';
import type { DataSetSource } from './message/fragments.js';
import type { StoreInstance } from './service/storage.js';

const PREAMBLE = 128;
/** Bytes read at once for the File Meta Information and the data set's first elements. */
const HEAD_WINDOW = 64 * 1024;
/** Bytes read at once of a data set sent from a source. */
const CHUNK_BYTES = 1 << 20;
/** Largest file read whole to re-encode its data set or inflate a deflated one. */
const WHOLE_READ_LIMIT = 64 * 1024 ** 2;

/**
 * The instance a Part 10 file holds: its data set's bytes as stored, its SOP Class and Instance UIDs and
 * transfer syntax. The whole data set is parsed first, so a truncated or malformed file is refused here
 * rather than by the receiver (which would abort the association).
 */
export function instanceOfPart10(bytes: Uint8Array, name?: string): StoreInstance {
  const file = parseDicom(bytes, { name });
  const sopClassUID = file.dataset.getString('SOPClassUID') ?? file.meta.getString('MediaStorageSOPClassUID');
  const sopInstanceUID = file.dataset.getString('SOPInstanceUID') ?? file.meta.getString('MediaStorageSOPInstanceUID');
  if (!sopClassUID || !sopInstanceUID) throw new Error(`${name ?? 'data set'}: no SOP Class UID and SOP Instance UID to store it by`);
  return { sopClassUID, sopInstanceUID, transferSyntaxUID: file.transferSyntax, dataSet: sendableDataSet(file, bytes, name) };
}

/**
 * The data set bytes as stored, unless they break what a receiver parses by: an odd length (PS3.5 7.1.1:
 * values, hence data sets, have even lengths; PS3.5 A.5: a deflated stream is padded) or an encoding other
 * than the transfer syntax's (read leniently here). Uncompressed ones are then re-encoded, others refused.
 */
function sendableDataSet(file: DicomFile, bytes: Uint8Array, name = 'data set'): Uint8Array {
  const stored = bytes.subarray(file.datasetOffset);
  const asDeclared = encodedAsDeclared(file);
  if (asDeclared && stored.length % 2 === 0) return stored;
  if (!isNativeTransferSyntax(file.transferSyntax)) {
    throw new Error(`${name}: the data set is ${asDeclared ? 'of odd length' : `encoded unlike its Transfer Syntax ${transferSyntaxInfo(file.transferSyntax).name}`} and cannot be re-encoded without a codec`);
  }
  return writeDataSet(file.dataset, file.transferSyntax);
}

/** Whether the data set was read in the encoding its transfer syntax declares. */
function encodedAsDeclared(file: DicomFile): boolean {
  const info = transferSyntaxInfo(file.transferSyntax);
  const { encoding } = file.dataset;
  return encoding.explicitVR === info.explicitVR && encoding.littleEndian === info.littleEndian;
}

/**
 * The instance a Part 10 file in `source` holds, known by `about` (its UIDs and transfer syntax, as the
 * file was indexed): only the File Meta Information and the data set's first elements are read here, the
 * data set then chunk by chunk as it is sent, so memory stays bounded whatever its size. A data set that
 * is deflated or not sendable as stored (see sendableDataSet) is read whole when small, else refused.
 * `source` is closed with the data set source, or here when the instance is held whole or refused.
 */
export async function instanceOfPart10Source(source: ByteSource, about: Omit<StoreInstance, 'dataSet'>, name = source.name ?? 'data set'): Promise<StoreInstance<Uint8Array | DataSetSource>> {
  let streamed = false;
  try {
    if (!transferSyntaxInfo(about.transferSyntaxUID).deflated) {
      const file = await readDicom(source, { name, windowSize: HEAD_WINDOW, tags: [toTag('SOPClassUID')] });
      if (file.transferSyntax !== about.transferSyntaxUID) throw new Error(`${name}: Transfer Syntax ${file.transferSyntax}, expected ${about.transferSyntaxUID}`);
      const length = source.size - file.datasetOffset;
      if (encodedAsDeclared(file) && length % 2 === 0) {
        streamed = true;
        return { ...about, dataSet: dataSetSource(source, file.datasetOffset) };
      }
    }
    if (source.size > WHOLE_READ_LIMIT) throw new Error(`${name}: a deflated, odd-length or mis-encoded data set is read whole to be sent, up to ${WHOLE_READ_LIMIT} bytes, not ${source.size}`);
    return instanceOfPart10(await source.read(0, source.size), name);
  } finally {
    if (!streamed) await source.close?.();
  }
}

/** The bytes of `source` from `offset` on as a data set source, read CHUNK_BYTES at a time; closing it closes `source`. */
function dataSetSource(source: ByteSource, offset: number): DataSetSource {
  return {
    length: source.size - offset,
    async *chunks() {
      for (let at = offset; at < source.size; ) {
        const chunk = await source.read(at, Math.min(CHUNK_BYTES, source.size - at));
        if (chunk.length === 0) throw new Error(`${source.name ?? 'data set'}: ended at byte ${at} of ${source.size}`);
        at += chunk.length;
        yield chunk;
      }
    },
    close: async () => source.close?.(),
  };
}

/**
 * A Part 10 file of a received instance: preamble, "DICM", File Meta Information (PS3.10 Table 7.1-1),
 * then the data set bytes exactly as received.
 */
export function part10File(instance: StoreInstance, sourceAE?: string): Uint8Array {
  return concatBytes([part10Header(instance, sourceAE), instance.dataSet]);
}

/** What a Part 10 file holds before its data set: preamble, "DICM" and File Meta Information (PS3.10 7.1). */
export function part10Header(instance: Omit<StoreInstance, 'dataSet'>, sourceAE?: string): Uint8Array {
  const meta = new DataSet(EXPLICIT_LE);
  meta.set('FileMetaInformationVersion', new Uint8Array([0, 1]));
  meta.set('MediaStorageSOPClassUID', instance.sopClassUID);
  meta.set('MediaStorageSOPInstanceUID', instance.sopInstanceUID);
  meta.set('TransferSyntaxUID', instance.transferSyntaxUID);
  meta.set('ImplementationClassUID', IMPLEMENTATION_CLASS_UID);
  meta.set('ImplementationVersionName', IMPLEMENTATION_VERSION_NAME);
  if (sourceAE) meta.set('SourceApplicationEntityTitle', sourceAE);
  const body = writeDataSet(meta, TransferSyntax.ExplicitVRLittleEndian);
  // File Meta Information Group Length (0002,0000) UL, explicit VR: 12 bytes, counting what follows it.
  const out = new Uint8Array(PREAMBLE + 4 + 12 + body.length);
  out.set([0x44, 0x49, 0x43, 0x4d], PREAMBLE);
  out.set([0x02, 0x00, 0x00, 0x00, 0x55, 0x4c, 0x04, 0x00], PREAMBLE + 4);
  new DataView(out.buffer).setUint32(PREAMBLE + 12, body.length, true);
  out.set(body, PREAMBLE + 16);
  return out;
}
