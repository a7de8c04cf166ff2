// The archive's DICOMweb services as the viewer uses them (PS3.18): QIDO-RS search, WADO-RS
// metadata, bulk data, frames, rendered frames, thumbnails and instances, STOW-RS store.
import { concatBytes, type DicomJson } from '@dcmkit/core';
import { MEDIA_TYPES, encodeMultipart, newBoundary, parseMediaType, parseMultipart } from '@dcmkit/dicomweb';

/** A failed request: its status and the server's message. */
export class DicomwebError extends Error {
  override readonly name = 'DicomwebError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A BulkDataURI the viewer will not follow: it leads outside the archive's DICOMweb root. */
export class ForeignBulkDataURIError extends Error {
  override readonly name = 'ForeignBulkDataURIError';
  constructor(readonly uri: string) {
    super(`BulkDataURI ${uri.slice(0, 200)} is not under the archive's DICOMweb root`);
  }
}

/** One part of a multipart response: its media type (with parameters) and bytes. */
export interface ReceivedPart {
  type: string;
  params: Record<string, string>;
  bytes: Uint8Array;
}

export interface StoreResult {
  stored: number;
  failed: number;
}

/** Referenced SOP Sequence and Failed SOP Sequence of a STOW-RS response (PS3.18 10.5.3, Table 10.5.3-1). */
const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILED_SOP_SEQUENCE = '00081198';

/** Chunks of a fetch response body, for parseMultipart. */
async function* bodyChunks(response: Response): AsyncGenerator<Uint8Array> {
  const reader = response.body!.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}

export class DicomwebClient {
  constructor(readonly base = '/dicomweb') {}

  /** Whether an archive answers here (the viewer may be served without one). */
  async available(): Promise<boolean> {
    try {
      const response = await fetch(`${this.base}/studies?limit=1`, { headers: { accept: MEDIA_TYPES.dicomJson } });
      return response.ok && (parseMediaType(response.headers.get('content-type') ?? '')?.type ?? '').endsWith('json');
    } catch {
      return false;
    }
  }

  /** QIDO-RS Search for Studies (PS3.18 10.6) with matching keys, a page of `limit` from `offset`. */
  searchStudies(match: Record<string, string>, limit: number, offset: number): Promise<DicomJson[]> {
    const params = new URLSearchParams(match);
    params.set('limit', String(limit));
    params.set('offset', String(offset));
    // Study Description is not among the study level's default attributes (PS3.18 Table 10.6.3-3).
    params.append('includefield', '00081030');
    return this.#json(`${this.base}/studies?${params}`);
  }

  /** WADO-RS Retrieve Metadata of a study (PS3.18 10.4.1.1.2): every instance's attributes as DICOM JSON. */
  studyMetadata(study: string): Promise<DicomJson[]> {
    return this.#json(`${this.base}/studies/${study}/metadata`);
  }

  /** WADO-RS Retrieve Metadata of one instance (PS3.18 10.4.1.1.2): its attributes, bulk data as BulkDataURIs. */
  async instanceMetadata(study: string, series: string, sop: string): Promise<DicomJson> {
    const [json] = await this.#json(`${this.#instance(study, series, sop)}/metadata`);
    if (!json) throw new DicomwebError(502, `no metadata of instance ${sop} in the response`);
    return json;
  }

  /**
   * WADO-RS Retrieve Bulkdata (PS3.18 10.4.1.1.5): the value a BulkDataURI of the metadata points to,
   * little endian (PS3.18 8.7.3.3.1). Only URIs under this archive's DICOMweb root are followed.
   */
  async bulkData(uri: string): Promise<Uint8Array> {
    const [part] = await this.#multipart(this.#underRoot(uri), `multipart/related; type="${MEDIA_TYPES.octetStream}"`);
    if (!part) throw new DicomwebError(502, `no bulk data in the response to ${uri.slice(0, 200)}`);
    return part.bytes;
  }

  /** One frame (1-based) as stored: native samples little endian, or one compressed frame, and its Transfer Syntax. */
  async frame(study: string, series: string, sop: string, frame: number): Promise<{ bytes: Uint8Array; transferSyntax: string }> {
    const accept = `multipart/related; type="${MEDIA_TYPES.octetStream}"; transfer-syntax=*`;
    const [part] = await this.#multipart(`${this.#instance(study, series, sop)}/frames/${frame}`, accept);
    if (!part) throw new DicomwebError(502, `no frame ${frame} in the response`);
    return { bytes: part.bytes, transferSyntax: part.params['transfer-syntax'] ?? '1.2.840.10008.1.2.1' };
  }

  /** A frame (1-based) rendered by the server as PNG (PS3.18 10.4.1.1.3, rendered resources). */
  async renderedFrame(study: string, series: string, sop: string, frame: number): Promise<Blob> {
    const response = await this.#fetch(`${this.#instance(study, series, sop)}/frames/${frame}/rendered`, 'image/png');
    return response.blob();
  }

  /** The thumbnail resource of a frame (1-based) (PS3.18 10.4.1.1.3). */
  frameThumbnailUrl(study: string, series: string, sop: string, frame: number): string {
    return `${this.#instance(study, series, sop)}/frames/${frame}/thumbnail?viewport=128,128`;
  }

  /** WADO-RS Retrieve Instance as stored (PS3.18 10.4.1.1.1): the Part 10 bytes. */
  async instance(study: string, series: string, sop: string): Promise<Uint8Array> {
    const [part] = await this.#multipart(this.#instance(study, series, sop), `multipart/related; type="${MEDIA_TYPES.dicom}"; transfer-syntax=*`);
    if (!part) throw new DicomwebError(502, `no instance ${sop} in the response`);
    return part.bytes;
  }

  /** STOW-RS (PS3.18 10.5): Part 10 files in one multipart/related request. */
  async store(files: readonly Uint8Array[]): Promise<StoreResult> {
    const boundary = newBoundary();
    const body = encodeMultipart(
      files.map((bytes) => ({ headers: { 'Content-Type': MEDIA_TYPES.dicom }, body: bytes })),
      boundary,
    );
    const response = await fetch(`${this.base}/studies`, {
      method: 'POST',
      headers: { 'content-type': `multipart/related; type="${MEDIA_TYPES.dicom}"; boundary=${boundary}`, accept: MEDIA_TYPES.dicomJson },
      body: body as BodyInit,
    });
    // 200 all stored, 202 some failed or warnings, 409 none stored (PS3.18 10.5.3.1): the body tells which.
    const text = await response.text();
    let json: DicomJson = {};
    try {
      json = text ? (JSON.parse(text) as DicomJson) : {};
    } catch {
      throw new DicomwebError(response.status, text.slice(0, 200) || response.statusText);
    }
    const count = (tag: string) => json[tag]?.Value?.length ?? 0;
    if (!response.ok && response.status !== 409) throw new DicomwebError(response.status, text.slice(0, 200));
    return { stored: count(REFERENCED_SOP_SEQUENCE), failed: count(FAILED_SOP_SEQUENCE) };
  }

  /** `uri` resolved against the page when it lies under the DICOMweb root (same origin, no credentials, path below the root). */
  #underRoot(uri: string): string {
    const root = new URL(`${this.base}/`, globalThis.location?.href);
    let url: URL;
    try {
      url = new URL(uri, root);
    } catch {
      throw new ForeignBulkDataURIError(uri);
    }
    if (url.origin !== root.origin || url.username || url.password || !url.pathname.startsWith(root.pathname)) throw new ForeignBulkDataURIError(uri);
    return url.href;
  }

  #instance(study: string, series: string, sop: string): string {
    return `${this.base}/studies/${study}/series/${series}/instances/${sop}`;
  }

  async #fetch(url: string, accept: string): Promise<Response> {
    const response = await fetch(url, { headers: { accept } });
    if (!response.ok) throw new DicomwebError(response.status, `${response.status} ${(await response.text()).slice(0, 200) || response.statusText}`);
    return response;
  }

  async #json(url: string): Promise<DicomJson[]> {
    const response = await this.#fetch(url, MEDIA_TYPES.dicomJson);
    // QIDO-RS answers 204 No Content when nothing matches.
    if (response.status === 204) return [];
    return (await response.json()) as DicomJson[];
  }

  async #multipart(url: string, accept: string): Promise<ReceivedPart[]> {
    const response = await this.#fetch(url, accept);
    const type = parseMediaType(response.headers.get('content-type') ?? '');
    if (type?.type !== 'multipart/related' || !type.params.boundary) {
      const media = type ?? { type: MEDIA_TYPES.octetStream, params: {} };
      return [{ type: media.type, params: media.params, bytes: new Uint8Array(await response.arrayBuffer()) }];
    }
    const parts: ReceivedPart[] = [];
    for await (const part of parseMultipart(bodyChunks(response), type.params.boundary)) {
      const media = parseMediaType(part.headers.get('content-type')) ?? { type: type.params.type ?? MEDIA_TYPES.octetStream, params: {} };
      const chunks: Uint8Array[] = [];
      for await (const chunk of part.body) chunks.push(chunk);
      parts.push({ type: media.type, params: media.params, bytes: joined(chunks) });
    }
    return parts;
  }
}

function joined(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}
