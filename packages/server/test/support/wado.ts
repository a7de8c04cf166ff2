// Helpers of the WADO tests: corpus files and their UIDs, multipart responses read back, a dicomweb-client.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import XHR from 'xhr2';
import { api } from 'dicomweb-client';
import { parseDicom, type DicomFile } from '@dcmkit/core';
import { parseMediaType, parseMultipart } from '@dcmkit/dicomweb';

const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus/files/test_files');

export interface CorpusInstance {
  name: string;
  bytes: Uint8Array;
  file: DicomFile;
  study: string;
  series: string;
  sop: string;
}

/** A file of the reference corpus (test_files/), parsed, with its UIDs. */
export function corpusInstance(name: string): CorpusInstance {
  const bytes = new Uint8Array(readFileSync(`${corpus}/${name}`));
  const file = parseDicom(bytes, { name });
  const uid = (k: 'StudyInstanceUID' | 'SeriesInstanceUID' | 'SOPInstanceUID') => file.dataset.getString(k)!.replace(/\0/g, '').trim();
  return { name, bytes, file, study: uid('StudyInstanceUID'), series: uid('SeriesInstanceUID'), sop: uid('SOPInstanceUID') };
}

/** The WADO-RS URL of an instance (its study, series or instance resource, plus `suffix`). */
export const instanceUrl = (base: string, i: CorpusInstance, suffix = ''): string =>
  `${base}/dicomweb/studies/${i.study}/series/${i.series}/instances/${i.sop}${suffix}`;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface ReadPart {
  headers: Map<string, string>;
  body: Uint8Array;
}

/** The parts of a multipart/related response, bodies read whole. */
export async function multipartParts(res: Response): Promise<ReadPart[]> {
  const media = parseMediaType(res.headers.get('content-type') ?? '');
  if (media?.type !== 'multipart/related') throw new Error(`not multipart/related: ${res.headers.get('content-type')}`);
  const body = new Uint8Array(await res.arrayBuffer());
  const parts: ReadPart[] = [];
  const source = (async function* () {
    yield body;
  })();
  for await (const part of parseMultipart(source, media.params.boundary!)) {
    const chunks: Uint8Array[] = [];
    for await (const c of part.body) chunks.push(c);
    parts.push({ headers: part.headers, body: new Uint8Array(Buffer.concat(chunks)) });
  }
  return parts;
}

/** A dicomweb-client on the archive's /dicomweb, its XMLHttpRequest from xhr2. */
export function wadoClient(url: string): InstanceType<typeof api.DICOMwebClient> {
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= XHR;
  return new api.DICOMwebClient({ url: `${url}/dicomweb`, verbose: false });
}

/** The bytes of an ArrayBuffer part dicomweb-client returned. */
export const bytesOf = (part: ArrayBuffer): Uint8Array => new Uint8Array(part);
