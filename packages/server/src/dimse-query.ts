// C-FIND, C-MOVE and C-GET of the archive over its index (PS3.4 C.4): DIMSE identifiers become the
// QIDO-RS queries of the index (matching as PS3.4 C.2.2.2: wildcards, ranges, UID lists), results
// become response identifiers holding the requested keys.
import { DataSet, fromDicomJson, tagHex, type DicomJson } from '@dcmkit/core';
import type { QidoQuery, QueryLevel } from '@dcmkit/dicomweb';
import type { QueryRequest } from '@dcmkit/dimse';
import type { ArchiveIndex, InstanceRecord } from './index/types.js';

/** Index level of each Query/Retrieve level; PATIENT is answered from the studies (PS3.4 C.6.1.1.2). */
const INDEX_LEVEL: Record<QueryRequest['level'], QueryLevel> = { PATIENT: 'study', STUDY: 'study', SERIES: 'series', IMAGE: 'instance' };
const QUERY_RETRIEVE_LEVEL = 0x00080052;
const SPECIFIC_CHARACTER_SET = 0x00080005;
const PATIENT_ID = '00100020';
/** Patient-level counts (PS3.4 C.6.1.1.2): from the studies' Number of Study Related Series / Instances. */
const RELATED = { studies: 0x00201200, series: 0x00201202, instances: 0x00201204 };

/** The index query of an identifier: each key with a value matches, every key is returned. */
function qidoQuery(level: QueryLevel, identifier: DataSet, offset: number): QidoQuery {
  const match = new Map<string, string>();
  for (const el of identifier) {
    if (el.tag === QUERY_RETRIEVE_LEVEL || el.tag === SPECIFIC_CHARACTER_SET || el.vr === 'SQ' || !el.bytes) continue;
    match.set(tagHex(el.tag), identifier.getText(el.tag) ?? '');
  }
  return { level, match, includeFields: [...match.keys()], fuzzyMatching: false, offset };
}

/** Every page of a query's results. */
async function* allMatches(index: ArchiveIndex, level: QueryLevel, identifier: DataSet): AsyncGenerator<DicomJson> {
  for (let offset = 0; ; ) {
    const page = await index.query(qidoQuery(level, identifier, offset));
    yield* page.matches;
    if (!page.truncated || page.matches.length === 0) return;
    offset += page.matches.length;
  }
}

/** The response identifier (PS3.4 C.4.1.1.3.2): each requested key with the match's value, or empty. */
function responseIdentifier(request: DataSet, match: DataSet, level: string, aeTitle: string): DataSet {
  const response = new DataSet(request.encoding);
  const charset = match.element(SPECIFIC_CHARACTER_SET);
  if (charset) response.add(charset);
  for (const el of request) {
    if (el.tag === SPECIFIC_CHARACTER_SET) continue;
    const found = match.element(el.tag);
    if (found) response.add(found);
    else response.set(el.tag, el.vr === 'SQ' ? [] : null, el.vr);
  }
  response.set(QUERY_RETRIEVE_LEVEL, level, 'CS');
  if (request.has('RetrieveAETitle')) response.set('RetrieveAETitle', aeTitle);
  return response;
}

/** C-FIND matches (PS3.4 C.4.1.3.1): one identifier per entity at the request's level. */
export async function* findMatches(index: ArchiveIndex, request: QueryRequest, aeTitle: string): AsyncGenerator<DataSet> {
  const { identifier, level } = request;
  const results = allMatches(index, INDEX_LEVEL[level], identifier);
  if (level !== 'PATIENT') {
    for await (const json of results) {
      if (request.signal.aborted) return;
      yield responseIdentifier(identifier, fromDicomJson(json), level, aeTitle);
    }
    return;
  }
  // Patients: the studies' patient attributes, one per Patient ID, with the patient's counts.
  const patients = new Map<string, { match: DataSet; studies: number; series: number; instances: number }>();
  for await (const json of results) {
    const id = String(json[PATIENT_ID]?.Value?.[0] ?? '');
    const p = patients.get(id) ?? { match: fromDicomJson(json), studies: 0, series: 0, instances: 0 };
    p.studies++;
    p.series += Number(json['00201206']?.Value?.[0] ?? 0);
    p.instances += Number(json['00201208']?.Value?.[0] ?? 0);
    patients.set(id, p);
  }
  for (const p of patients.values()) {
    if (request.signal.aborted) return;
    p.match.set(RELATED.studies, String(p.studies), 'IS');
    p.match.set(RELATED.series, String(p.series), 'IS');
    p.match.set(RELATED.instances, String(p.instances), 'IS');
    yield responseIdentifier(identifier, p.match, level, aeTitle);
  }
}

/** Unique keys of the Query/Retrieve levels (PS3.4 C.6.1.1, C.6.2.1): what a C-MOVE or C-GET names. */
const UNIQUE_KEYS = ['PatientID', 'StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID'] as const;

/**
 * The instances a C-MOVE or C-GET identifier names (PS3.4 C.4.2.2.1): the series matching its patient,
 * study and series keys, then their instances, narrowed to its SOP Instance UIDs at IMAGE level.
 */
export async function retrieveMatches(index: ArchiveIndex, request: QueryRequest): Promise<InstanceRecord[]> {
  const keys = new DataSet(request.identifier.encoding);
  for (const keyword of UNIQUE_KEYS) {
    const el = request.identifier.element(keyword);
    if (el && request.identifier.getText(keyword)) keys.add(el);
  }
  if (keys.size === 0) throw new Error(`no unique key (${UNIQUE_KEYS.join(', ')}) in the identifier`);
  const sops = keys.getStrings('SOPInstanceUID').map((u) => u.trim());
  keys.delete('SOPInstanceUID');
  if (keys.size === 0) {
    // Relational retrieval by SOP Instance UIDs alone (PS3.4 C.4.2.2.1.2).
    const found = await Promise.all(sops.map((uid) => index.getInstance(uid)));
    return found.filter((r): r is InstanceRecord => r !== undefined);
  }
  const records: InstanceRecord[] = [];
  for await (const series of allMatches(index, 'series', keys)) {
    const study = String(series['0020000D']?.Value?.[0]);
    const seriesUID = String(series['0020000E']?.Value?.[0]);
    for (const r of await index.listInstances({ study, series: seriesUID })) if (sops.length === 0 || sops.includes(r.sopInstanceUID)) records.push(r);
  }
  return records;
}
