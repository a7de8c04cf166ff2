// The decode worker: stored values of one frame, with our codecs, off the page's thread.
import { DataSet, TransferSyntax, parseDicom, readDicom, transferSyntaxInfo, writeDataSet, type DicomFile } from '@dcmkit/core';
import { codecs, decodeFrame, setEncapsulatedPixelData, type PixelFrame } from '@dcmkit/pixel';
import { registerAllCodecs } from '@dcmkit/codecs';
import type { DecodeRequest, DecodeResponse, EncodedFrameRequest } from './decode-messages.js';

// The build copies the codecs' .wasm files beside this script.
registerAllCodecs(codecs, { locateWasm: (name) => new URL(name, import.meta.url).href });

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; request: DecodeRequest }>) => void) | null;
  postMessage(message: DecodeResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

/** Parsed local files, most recent last: a multi-frame file is parsed once for all its frames. */
const files = new Map<File, Promise<DicomFile>>();
const MAX_FILES = 8;

function openFile(file: File): Promise<DicomFile> {
  let parsed = files.get(file);
  if (parsed) files.delete(file);
  else parsed = readDicom(file, { name: file.name });
  files.set(file, parsed);
  if (files.size > MAX_FILES) files.delete(files.keys().next().value!);
  return parsed;
}

/** A one-frame data set around bytes from WADO-RS, so the pixel library decodes them as it decodes files. */
function frameFile(request: EncodedFrameRequest): DicomFile {
  const a = request.attributes;
  const ds = new DataSet();
  ds.set('SamplesPerPixel', a.samplesPerPixel);
  ds.set('PhotometricInterpretation', a.photometricInterpretation);
  if (a.samplesPerPixel > 1) ds.set('PlanarConfiguration', a.planarConfiguration);
  ds.set('Rows', a.rows);
  ds.set('Columns', a.columns);
  ds.set('BitsAllocated', a.bitsAllocated);
  ds.set('BitsStored', a.bitsStored);
  ds.set('HighBit', a.highBit);
  ds.set('PixelRepresentation', a.pixelRepresentation);
  // Native frames come little endian whatever the stored syntax (PS3.18 8.7.3.3.2).
  const encapsulated = transferSyntaxInfo(request.transferSyntax).encapsulated;
  const syntax = encapsulated ? request.transferSyntax : TransferSyntax.ExplicitVRLittleEndian;
  if (encapsulated) setEncapsulatedPixelData(ds, [request.bytes]);
  else ds.set('PixelData', request.bytes, a.bitsAllocated > 8 ? 'OW' : 'OB');
  return parseDicom(writeDataSet(ds, syntax), { transferSyntax: syntax });
}

async function decode(request: DecodeRequest): Promise<PixelFrame> {
  const opts = { maskToBitsStored: true };
  if (request.kind === 'encoded') return decodeFrame(frameFile(request), 0, opts);
  return decodeFrame(await openFile(request.file), request.frame, opts);
}

/** The frame's samples in a buffer of their own, so it can be transferred. */
function detached(frame: PixelFrame): PixelFrame {
  const d = frame.data;
  return d.byteOffset === 0 && d.byteLength === d.buffer.byteLength ? frame : { ...frame, data: d.slice() };
}

scope.onmessage = ({ data: { id, request } }) => {
  decode(request).then(
    (decoded) => {
      const frame = detached(decoded);
      scope.postMessage({ id, frame }, [frame.data.buffer as ArrayBuffer]);
    },
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
