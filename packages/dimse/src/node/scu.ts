// The DIMSE-C services as one call each (PS3.4 A, B, C): echo, store files, find, move, get into a folder.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileSource, readDicomFile } from '@dcmkit/core/node';
import { TransferSyntax, type DataSet } from '@dcmkit/core';
import {
  COMMON_STORAGE_SOP_CLASSES,
  NATIVE_TRANSFER_SYNTAXES,
  QUERY_RETRIEVE,
  Status,
  VERIFICATION,
  instanceOfPart10,
  instanceOfPart10Source,
  part10Header,
  storageProposals,
  type InformationModel,
  type RetrieveOptions,
  type RetrieveResult,
  type DataSetSource,
  type IncomingStore,
  type StoreInstance,
} from '../index.js';
import { connect, withAssociation, type PeerOptions } from './connect.js';

/** Transfer syntaxes for query/retrieve and verification contexts. */
const QUERY_SYNTAXES = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian];
/** Presentation contexts per association (PS3.8 9.3.2.2: IDs 1 to 255, odd). */
const MAX_CONTEXTS = 128;

/** C-ECHO: resolves to the status (0 when the peer answers Success). */
export function echo(peer: PeerOptions): Promise<number> {
  return withAssociation(peer, [{ abstractSyntax: VERIFICATION, transferSyntaxes: QUERY_SYNTAXES }], (scu) => scu.echo());
}

/** The outcome of storing one file. */
export interface StoreFileResult {
  path: string;
  sopInstanceUID?: string;
  /** The C-STORE response status; undefined when the file could not be sent. */
  status?: number;
  /** Why the file was not stored (unreadable, no context, failure status comment). */
  error?: string;
}

interface ScannedFile {
  path: string;
  size: number;
  sopClassUID: string;
  sopInstanceUID: string;
  transferSyntaxUID: string;
}

/**
 * Files up to this size are read and parsed whole before they are sent, so that a malformed one is
 * refused here rather than by the peer; larger ones are sent from the file as it is read (memory bounded).
 */
const PARSED_WHOLE_BYTES = 64 * 1024 ** 2;

/** A scanned file as an instance to send: parsed whole when small, else its data set read from the file as it is sent. */
async function loadFile({ path: name, size, ...about }: ScannedFile): Promise<StoreInstance<Uint8Array | DataSetSource>> {
  if (size <= PARSED_WHOLE_BYTES) return instanceOfPart10(new Uint8Array(await readFile(name)), name);
  return instanceOfPart10Source(new FileSource(name), about, name);
}

/** SOP class and transfer syntax of each file from its header; unreadable files are reported at once. */
async function scan(files: readonly string[], report: (r: StoreFileResult) => void): Promise<ScannedFile[]> {
  const scanned: ScannedFile[] = [];
  for (const file of files) {
    try {
      const dicom = await readDicomFile(file, { tags: [0x00080016, 0x00080018], windowSize: 16 * 1024 });
      await dicom.source.close?.();
      const sopClassUID = dicom.dataset.getString('SOPClassUID') ?? dicom.meta.getString('MediaStorageSOPClassUID');
      const sopInstanceUID = dicom.dataset.getString('SOPInstanceUID') ?? dicom.meta.getString('MediaStorageSOPInstanceUID');
      if (!sopClassUID || !sopInstanceUID) throw new Error('no SOP Class UID and SOP Instance UID to store it by');
      scanned.push({ path: file, size: dicom.source.size, sopClassUID, sopInstanceUID, transferSyntaxUID: dicom.transferSyntax });
    } catch (e) {
      report({ path: file, error: (e as Error).message });
    }
  }
  return scanned;
}

/** Files in runs whose presentation contexts fit one association. */
function batches(files: ScannedFile[]): { files: ScannedFile[] }[] {
  const out: { files: ScannedFile[] }[] = [];
  let current: ScannedFile[] = [];
  const pairs = new Set<string>();
  for (const f of files) {
    const pair = `${f.sopClassUID} ${f.transferSyntaxUID}`;
    if (!pairs.has(pair) && pairs.size === MAX_CONTEXTS) {
      out.push({ files: current });
      current = [];
      pairs.clear();
    }
    pairs.add(pair);
    current.push(f);
  }
  if (current.length) out.push({ files: current });
  return out;
}

/**
 * C-STORE of Part 10 files (PS3.4 B): each file's data set as it is stored when its transfer syntax is
 * accepted. `onResult` hears about every file as it is done.
 */
export async function store(peer: PeerOptions, files: readonly string[], onResult: (result: StoreFileResult) => void = () => undefined): Promise<StoreFileResult[]> {
  const results: StoreFileResult[] = [];
  const report = (r: StoreFileResult) => {
    results.push(r);
    onResult(r);
  };
  for (const batch of batches(await scan(files, report))) {
    let next = 0;
    // A lost association fails the file being sent; the rest of the batch goes on a new one.
    while (next < batch.files.length) {
      const pending = batch.files.slice(next);
      await withAssociation(peer, storageProposals(pending), async (scu) => {
        for (const file of pending) {
          next++;
          let sopInstanceUID: string | undefined;
          try {
            const instance = await loadFile(file);
            sopInstanceUID = instance.sopInstanceUID;
            try {
              const { status, errorComment } = await scu.store(instance);
              report({ path: file.path, sopInstanceUID, status, error: errorComment });
            } finally {
              if (!(instance.dataSet instanceof Uint8Array)) await instance.dataSet.close?.();
            }
          } catch (e) {
            report({ path: file.path, sopInstanceUID, error: (e as Error).message });
            if (!scu.channel.association.established) return;
          }
        }
      }).catch((e: Error) => {
        // No association at all: nothing of the batch can be sent.
        for (const file of batch.files.slice(next)) report({ path: file.path, error: e.message });
        next = batch.files.length;
      });
    }
  }
  return results;
}

/** C-FIND: yields the identifier of each match (the association is released when the loop ends). */
export async function* find(peer: PeerOptions, identifier: DataSet, options: { model?: InformationModel; signal?: AbortSignal } = {}): AsyncGenerator<DataSet> {
  const model = options.model ?? 'study';
  const scu = await connect(peer, [{ abstractSyntax: QUERY_RETRIEVE[model].find, transferSyntaxes: QUERY_SYNTAXES }]);
  const association = scu.channel.association;
  try {
    yield* scu.find(model, identifier, { signal: options.signal });
  } finally {
    if (association.established) await association.release().catch(() => association.abort());
  }
}

/** C-MOVE: the peer sends the matches to the AE `destination` (known to it by title). */
export function move(peer: PeerOptions, identifier: DataSet, destination: string, options: RetrieveOptions & { model?: InformationModel } = {}): Promise<RetrieveResult> {
  const model = options.model ?? 'study';
  return withAssociation(peer, [{ abstractSyntax: QUERY_RETRIEVE[model].move, transferSyntaxes: QUERY_SYNTAXES }], (scu) => scu.move(model, identifier, destination, options));
}

/** Transfer syntaxes a C-GET SCU takes for the instances it receives: it writes them as they come. */
const RECEIVED_SYNTAXES = [
  ...NATIVE_TRANSFER_SYNTAXES,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
  TransferSyntax.JPEGBaseline8Bit,
  TransferSyntax.JPEGExtended12Bit,
  TransferSyntax.JPEGLossless,
  TransferSyntax.JPEGLosslessSV1,
  TransferSyntax.JPEGLSLossless,
  TransferSyntax.JPEGLSNearLossless,
  TransferSyntax.JPEG2000Lossless,
  TransferSyntax.JPEG2000,
  TransferSyntax.HTJ2KLossless,
  TransferSyntax.HTJ2KLosslessRPCL,
  TransferSyntax.HTJ2K,
  TransferSyntax.RLELossless,
];

/** Writes a file whole or not at all, from chunks as they come: a temporary name, then a rename. */
async function writeAtomically(file: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
  try {
    await writeFile(temp, chunks);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await rename(temp, file);
}

/** A received instance as a Part 10 file: File Meta Information, then the data set as it arrives. */
async function* part10Chunks(instance: IncomingStore): AsyncIterable<Uint8Array> {
  yield part10Header(instance, instance.callingAE);
  yield* instance.dataSet;
}

/**
 * C-GET: the matches come back on the same association and are written to `outDir` as
 * <SOP Instance UID>.dcm. Storage contexts are proposed, with the SCP role, for `sopClasses`.
 */
export async function get(peer: PeerOptions, identifier: DataSet, outDir: string, options: RetrieveOptions & { model?: InformationModel; sopClasses?: readonly string[] } = {}): Promise<RetrieveResult & { files: string[] }> {
  const model = options.model ?? 'study';
  const sopClasses = (options.sopClasses ?? COMMON_STORAGE_SOP_CLASSES).slice(0, MAX_CONTEXTS - 1);
  const contexts = [{ abstractSyntax: QUERY_RETRIEVE[model].get, transferSyntaxes: QUERY_SYNTAXES }, ...sopClasses.map((c) => ({ abstractSyntax: c, transferSyntaxes: RECEIVED_SYNTAXES }))];
  const roles = sopClasses.map((sopClass) => ({ sopClass, scu: false, scp: true }));
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const result = await withAssociation(
    peer,
    contexts,
    (scu) =>
      scu.get(
        model,
        identifier,
        async (instance) => {
          if (!/^[0-9.]{1,64}$/.test(instance.sopInstanceUID)) return Status.CannotUnderstand;
          const file = path.join(outDir, `${instance.sopInstanceUID}.dcm`);
          await writeAtomically(file, part10Chunks(instance));
          files.push(file);
          return Status.Success;
        },
        options,
      ),
    roles,
  );
  return { ...result, files };
}
