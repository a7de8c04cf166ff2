// QIDO-RS (PS3.18 10.6): searches for studies, series and instances, answered in application/dicom+json.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringifyJson, type DicomJson } from '@dcmkit/core';
import { firstText, isValidUid, jsonAttribute, MEDIA_TYPES, parseQidoQuery, QueryParameterError, type QueryLevel } from '@dcmkit/dicomweb';
import type { RoutePlugin, ServerContext } from '../context.js';
import { HttpError } from '../errors.js';
import { baseUrl } from './base-url.js';
import { warning } from './warning.js';

interface Scope {
  study?: string;
  series?: string;
}

/** Path UIDs, checked (400 naming the segment). */
function checkScope(scope: Scope): void {
  for (const [name, uid] of Object.entries(scope)) {
    if (uid !== undefined && !isValidUid(uid)) throw new HttpError(400, `not a valid UID: ${JSON.stringify(String(uid).slice(0, 80))}`, name);
  }
}

/** Retrieve URL (0008,1190) of a match, from its UIDs (PS3.18 10.6.3.3). */
function retrieveUrl(level: QueryLevel, match: DicomJson, base: string): string | undefined {
  const study = firstText(match, '0020000D');
  const series = firstText(match, '0020000E');
  const sop = firstText(match, '00080018');
  if (!study) return undefined;
  if (level === 'study') return `${base}/studies/${study}`;
  if (!series) return undefined;
  if (level === 'series') return `${base}/studies/${study}/series/${series}`;
  return sop && `${base}/studies/${study}/series/${series}/instances/${sop}`;
}


async function search(context: ServerContext, level: QueryLevel, request: FastifyRequest<{ Params: Scope }>, reply: FastifyReply) {
  const scope: Scope = { study: request.params.study, series: request.params.series };
  checkScope(scope);
  const params = new URL(request.url, 'http://host').searchParams;
  let query;
  try {
    query = parseQidoQuery(level, params, scope);
  } catch (e) {
    if (e instanceof QueryParameterError) throw new HttpError(400, e.message, e.parameter);
    throw e;
  }
  let result;
  try {
    result = await context.index.query(query);
  } catch (e) {
    if (e instanceof QueryParameterError) throw new HttpError(400, e.message, e.parameter);
    throw e;
  }
  // A search scoped by a study or series that does not exist: its target resource is unknown (PS3.18 8.5: 404).
  if (result.matches.length === 0 && scope.study !== undefined && query.offset === 0) {
    const exists = await context.index.query({ level: scope.series ? 'series' : 'study', studyInstanceUID: scope.study, seriesInstanceUID: scope.series, match: new Map(), includeFields: [], fuzzyMatching: false, limit: 1, offset: 0 });
    if (exists.matches.length === 0) throw new HttpError(404, scope.series ? 'no such series' : 'no such study', scope.series ? 'series' : 'study');
  }
  const base = baseUrl(request);
  const warnings: string[] = [];
  if (result.truncated) warnings.push(warning('The number of results exceeded the maximum supported by the server. Additional results can be requested.'));
  if (result.ignoredKeys.length) warnings.push(warning(`The following attributes are not supported as matching keys and were ignored: ${result.ignoredKeys.join(', ')}`));
  if (warnings.length) reply.header('Warning', warnings);
  const body = result.matches.map((m) => {
    const url = retrieveUrl(level, m, base);
    return url ? sortedByTag({ ...m, '00081190': jsonAttribute('UR', url) }) : m;
  });
  // No match is 200 with an empty array, as current PS3.18 search transactions answer it.
  return reply.code(200).type(MEDIA_TYPES.dicomJson).send(stringifyJson(body));
}

const sortedByTag = (json: DicomJson): DicomJson => Object.fromEntries(Object.entries(json).sort(([a], [b]) => (a < b ? -1 : 1)));

export const qidoRoutes: RoutePlugin = (app, context) => {
  app.get<{ Params: Scope }>('/studies', (req, reply) => search(context, 'study', req, reply));
  app.get<{ Params: Scope }>('/series', (req, reply) => search(context, 'series', req, reply));
  app.get<{ Params: Scope }>('/instances', (req, reply) => search(context, 'instance', req, reply));
  app.get<{ Params: Scope }>('/studies/:study/series', (req, reply) => search(context, 'series', req, reply));
  app.get<{ Params: Scope }>('/studies/:study/instances', (req, reply) => search(context, 'instance', req, reply));
  app.get<{ Params: Scope }>('/studies/:study/series/:series/instances', (req, reply) => search(context, 'instance', req, reply));
};
