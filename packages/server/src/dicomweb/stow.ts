// STOW-RS (PS3.18 10.5): POST /studies and /studies/{study} with multipart/related; type="application/dicom".
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DicomJson } from '@dcmkit/core';
import { isValidUid, jsonAttribute, MEDIA_TYPES, MultipartError, parseMediaType, parseMultipart } from '@dcmkit/dicomweb';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { FailureReason, storeInstance, type StoreOutcome } from '../ingest/store-instance.js';
import { baseUrl } from './base-url.js';
import { warning } from './warning.js';

/** The request body as chunks, failing past `limit` bytes (413). */
async function* limited(request: FastifyRequest, limit: number): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of request.raw as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limit) throw new HttpError(413, `request body larger than ${limit} bytes`);
    yield chunk;
  }
}

/** The boundary of a multipart/related request whose parts are application/dicom; 415 otherwise (PS3.18 10.5.1.2). */
function dicomBoundary(request: FastifyRequest): string {
  const media = parseMediaType(request.headers['content-type']);
  if (!media || media.type !== MEDIA_TYPES.multipartRelated) throw new HttpError(415, `expected multipart/related; type="application/dicom", got ${request.headers['content-type'] ?? 'no Content-Type'}`);
  const type = media.params.type?.toLowerCase();
  if (type !== undefined && type !== MEDIA_TYPES.dicom) throw new HttpError(415, `only type="application/dicom" is accepted, got type="${type}"`);
  if (!media.params.boundary) throw new HttpError(400, 'multipart/related without a boundary parameter');
  return media.params.boundary;
}

/** Receives every part and stores it; parts are processed while the next one arrives. */
async function storeParts(context: ServerContext, request: FastifyRequest, boundary: string, study?: string): Promise<StoreOutcome[]> {
  const outcomes: Promise<StoreOutcome>[] = [];
  try {
    await readParts(context, request, boundary, study, outcomes);
  } catch (e) {
    // Parts received whole before the body went wrong are still stored: wait for them, then report the error.
    await Promise.allSettled(outcomes);
    throw e;
  }
  const settled = await Promise.allSettled(outcomes);
  return settled.map((s) => (s.status === 'fulfilled' ? s.value : { ok: false, reason: FailureReason.processingFailure, message: String(s.reason) }));
}

/** Each part received (see PendingWrite), then its storeInstance started (pushed to `outcomes`). */
async function readParts(context: ServerContext, request: FastifyRequest, boundary: string, study: string | undefined, outcomes: Promise<StoreOutcome>[]): Promise<void> {
  for await (const part of parseMultipart(limited(request, context.config.maxBodyBytes), boundary)) {
    const type = parseMediaType(part.headers.get('content-type'))?.type ?? MEDIA_TYPES.dicom;
    if (type !== MEDIA_TYPES.dicom) {
      outcomes.push(Promise.resolve({ ok: false, reason: FailureReason.cannotUnderstand, message: `part of type ${type}, expected application/dicom` }));
      continue;
    }
    const pending = await context.store.begin();
    try {
      for await (const chunk of part.body) await pending.write(chunk);
    } catch (e) {
      await pending.discard();
      throw e;
    }
    outcomes.push(storeInstance(context, pending, study, outcomes.at(-1)));
  }
}

/** The Store Instances response (PS3.18 10.5.3) and its HTTP status. */
export function stowResponse(outcomes: StoreOutcome[], base: string, study?: string): { status: number; body: DicomJson } {
  const stored = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  const body: DicomJson = {};
  const studies = new Set(stored.map((o) => o.record.studyInstanceUID));
  const studyUid = study ?? (studies.size === 1 ? [...studies][0] : undefined);
  if (studyUid) body['00081190'] = jsonAttribute('UR', `${base}/studies/${studyUid}`);
  if (failed.length) {
    body['00081198'] = jsonAttribute(
      'SQ',
      ...failed.map((f) => ({
        '00081150': jsonAttribute('UI', ...(f.sopClassUID ? [f.sopClassUID] : [])),
        '00081155': jsonAttribute('UI', ...(f.sopInstanceUID ? [f.sopInstanceUID] : [])),
        '00081197': jsonAttribute('US', f.reason),
      })),
    );
  }
  if (stored.length) {
    body['00081199'] = jsonAttribute(
      'SQ',
      ...stored.map(({ record: r }) => ({
        '00081150': jsonAttribute('UI', r.sopClassUID),
        '00081155': jsonAttribute('UI', r.sopInstanceUID),
        '00081190': jsonAttribute('UR', `${base}/studies/${r.studyInstanceUID}/series/${r.seriesInstanceUID}/instances/${r.sopInstanceUID}`),
      })),
    );
  }
  // PS3.18 10.5.3: 200 all stored; 202 some failed; 409 none stored for a conflict; 400 none stored as none could be read.
  const status = failed.length === 0 ? 200 : stored.length ? 202 : failed.every((f) => f.reason === FailureReason.cannotUnderstand) ? 400 : 409;
  return { status, body };
}

async function stow(context: ServerContext, request: FastifyRequest<{ Params: { study?: string } }>, reply: FastifyReply) {
  const study = request.params.study;
  if (study !== undefined && !isValidUid(study)) throw new HttpError(400, `not a valid Study Instance UID: ${JSON.stringify(study.slice(0, 80))}`, 'study');
  const boundary = dicomBoundary(request);
  // Before the body is read: the socket (and so the protocol) may be gone after it.
  const base = baseUrl(request);
  let outcomes: StoreOutcome[];
  try {
    outcomes = await context.track(storeParts(context, request, boundary, study));
  } catch (e) {
    if (e instanceof MultipartError) throw new HttpError(400, `malformed multipart body: ${e.message}`);
    throw e;
  }
  if (outcomes.length === 0) throw new HttpError(400, 'the multipart body has no parts');
  for (const o of outcomes) {
    if (o.ok && o.outcome !== 'unchanged') {
      context.metrics.instancesStored++;
      context.metrics.bytesStored += o.record.size;
    } else if (!o.ok) {
      context.metrics.instancesFailed++;
      // The detail names UIDs: logged only when patient data may be logged.
      request.log.warn({ reason: o.reason, ...(context.config.logPatientData ? { detail: o.message } : {}) }, 'instance not stored');
    }
  }
  const { status, body } = stowResponse(outcomes, base, study);
  // Why each failed part failed, for people reading the response (a Warning header per failed part).
  const reasons = outcomes.flatMap((o, i) => (o.ok ? [] : [warning(`part ${i + 1}: ${o.message}`)]));
  if (reasons.length) reply.header('Warning', reasons.slice(0, 50));
  return reply.code(status).type(MEDIA_TYPES.dicomJson).send(body);
}

export const stowRoutes: RoutePlugin = (app, context) => {
  app.post<{ Params: { study?: string } }>('/studies', (request, reply) => stow(context, request, reply));
  app.post<{ Params: { study: string } }>('/studies/:study', (request, reply) => stow(context, request, reply));
};
