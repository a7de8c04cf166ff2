// WADO-RS Retrieve of Instances (PS3.18 10.4, DICOM resources): a study, a series or one instance as
// Part 10 files, multipart/related; type="application/dicom". Files go out as stored when their Transfer
// Syntax is acceptable, else re-encoded with the codecs (PS3.18 8.7.3.5.2 transfer-syntax parameter).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingPart } from '@dcmkit/dicomweb';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';
import { acceptableMediaTypes, inRange, type Acceptable } from './accept.js';
import { instanceBody, instanceSyntax } from './instance-syntax.js';
import { part, sendMultipart, sendSinglePart } from './multipart-response.js';
import type { QueryParams } from './query-params.js';
import { describeScope, instancesIn, resourceScope, type ResourceParams } from './resource-scope.js';

const DICOM = 'application/dicom';

/** PS3.18 8.7.3: with no Accept, multipart application/dicom in the default Transfer Syntax. */
const DEFAULT: Acceptable = { type: DICOM, multipart: true, q: 1 };

/** An instance and the Transfer Syntax it is sent in. */
interface Selected {
  record: InstanceRecord;
  transferSyntax: string;
}

/** Each instance in the first acceptable Transfer Syntax it can be sent in; instances in none are left out. */
function selectSyntaxes(records: InstanceRecord[], acceptable: Acceptable[]): Selected[] {
  const selected: Selected[] = [];
  for (const record of records) {
    const transferSyntax = acceptable.map((a) => instanceSyntax(record, a.transferSyntax)).find((ts) => ts !== undefined);
    if (transferSyntax !== undefined) selected.push({ record, transferSyntax });
  }
  return selected;
}

async function* instanceParts(context: ServerContext, selected: Selected[]): AsyncIterable<OutgoingPart> {
  for (const { record, transferSyntax } of selected) {
    yield part(`${DICOM}; transfer-syntax=${transferSyntax}`, await instanceBody(context.store, record, transferSyntax));
  }
}

export const wadoRoutes: RoutePlugin = (app, context) => {
  async function retrieve(request: FastifyRequest<{ Params: ResourceParams; Querystring: QueryParams }>, reply: FastifyReply) {
    const scope = resourceScope(request.params);
    const acceptable = acceptableMediaTypes(request.headers.accept, request.query.accept);
    const records = await instancesIn(context.index, scope);
    const dicom = acceptable.length === 0 ? [DEFAULT] : acceptable.filter((a) => inRange(a.type, DICOM));
    // PS3.18 8.6.1: a single part payload holds one instance; several need multipart/related.
    const usable = records.length === 1 ? dicom : dicom.filter((a) => a.multipart !== false);
    if (usable.length === 0) throw new HttpError(406, `${describeScope(scope)} is available as multipart/related; type="${DICOM}" only`);
    const selected = selectSyntaxes(records, usable);
    if (selected.length === 0) throw new HttpError(406, `${describeScope(scope)} cannot be sent in any acceptable Transfer Syntax`);
    if (usable[0]!.multipart === false) return sendSinglePart(reply, instanceParts(context, selected));
    if (selected.length < records.length) {
      // 206 Partial Content: some instances could not be returned in an acceptable Transfer Syntax.
      reply.code(206).header('Warning', `299 dcmkit "${records.length - selected.length} of ${records.length} instances have no acceptable Transfer Syntax"`);
    }
    const syntaxes = new Set(selected.map((s) => s.transferSyntax));
    return sendMultipart(reply, DICOM, instanceParts(context, selected), syntaxes.size === 1 ? { 'transfer-syntax': [...syntaxes][0]! } : {});
  }
  app.get('/studies/:study', retrieve);
  app.get('/studies/:study/series/:series', retrieve);
  app.get('/studies/:study/series/:series/instances/:instance', retrieve);
};
