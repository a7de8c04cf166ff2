// QIDO-RS searches (PS3.18 10.6) over the index tables: matching, paging, and the returned attributes.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DicomJson, DicomJsonAttribute } from '@dcmkit/core';
import type { QidoQuery, QueryLevel } from '@dcmkit/dicomweb';
import { DEFAULT_RETURN } from './attributes.js';
import { matchCondition, matchKey } from './matching.js';
import type { Database } from './schema.js';
import type { QueryResult } from './types.js';

interface Row {
  study_attributes: string;
  modalities: string;
  num_series: number | string;
  study_instances: number | string;
  series_attributes?: string;
  series_instances?: number | string;
  metadata?: string;
}

const FROM: Record<QueryLevel, string> = {
  study: 'studies st',
  series: 'series se join studies st on st.study_uid = se.study_uid',
  instance: 'instances i join series se on se.series_uid = i.series_uid join studies st on st.study_uid = i.study_uid',
};

const COLUMNS: Record<QueryLevel, string> = {
  study: 'st.attributes as study_attributes, st.modalities, st.num_series, st.num_instances as study_instances',
  series: 'st.attributes as study_attributes, st.modalities, st.num_series, st.num_instances as study_instances, se.attributes as series_attributes, se.num_instances as series_instances',
  instance:
    'st.attributes as study_attributes, st.modalities, st.num_series, st.num_instances as study_instances, se.attributes as series_attributes, se.num_instances as series_instances, i.metadata',
};

const ORDER: Record<QueryLevel, string> = { study: 'st.id', series: 'se.id', instance: 'i.id' };

/** Runs `query`: at most `maxResults` matches (or its limit), `truncated` when more matched. */
export async function runQuery(db: Kysely<Database>, query: QidoQuery, maxResults: number): Promise<QueryResult> {
  const conditions: RawBuilder<SqlBool>[] = [];
  const ignoredKeys: string[] = [];
  if (query.studyInstanceUID !== undefined) conditions.push(sql<SqlBool>`st.study_uid = ${query.studyInstanceUID}`);
  if (query.seriesInstanceUID !== undefined) conditions.push(sql<SqlBool>`se.series_uid = ${query.seriesInstanceUID}`);
  for (const [path, value] of query.match) {
    const k = matchKey(query.level, path);
    if (!k) {
      ignoredKeys.push(path);
      continue;
    }
    const condition = matchCondition(k, path, value, query.fuzzyMatching);
    if (condition) conditions.push(condition);
  }
  const limit = Math.min(query.limit ?? maxResults, maxResults);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const { rows } = await sql<Row>`select ${sql.raw(COLUMNS[query.level])} from ${sql.raw(FROM[query.level])} ${where} order by ${sql.raw(ORDER[query.level])} limit ${limit + 1} offset ${query.offset}`.execute(db);
  const returned = returnedTags(query);
  return {
    matches: rows.slice(0, limit).map((row) => resultOf(row, returned)),
    truncated: rows.length > limit,
    ignoredKeys,
  };
}

/** Top-level tags to return: the level's defaults, the matching keys, and includefield (PS3.18 8.3.4.3). */
function returnedTags(query: QidoQuery): Set<string> | 'all' {
  if (query.includeFields === 'all') return 'all';
  const tags = new Set(DEFAULT_RETURN[query.level]);
  // Searches not scoped by a study return the study's attributes too (PS3.18 10.6.3.3.2, 10.6.3.3.3).
  if (query.level !== 'study' && query.studyInstanceUID === undefined) for (const t of DEFAULT_RETURN.study) tags.add(t);
  if (query.level === 'instance' && query.seriesInstanceUID === undefined) for (const t of DEFAULT_RETURN.series) tags.add(t);
  for (const path of [...query.match.keys(), ...query.includeFields]) tags.add(path.split('.')[0]!);
  return tags;
}

const integer = (vr: string, n: number | string): DicomJsonAttribute => ({ vr, Value: [Number(n)] });

/** One match: stored attributes of the levels involved, aggregates, availability; sorted by tag. */
function resultOf(row: Row, returned: Set<string> | 'all'): DicomJson {
  const all: DicomJson = { ...JSON.parse(row.study_attributes) };
  all['00080061'] = row.modalities ? { vr: 'CS', Value: row.modalities.split('\\') } : { vr: 'CS' };
  all['00201206'] = integer('IS', row.num_series);
  all['00201208'] = integer('IS', row.study_instances);
  if (row.series_attributes !== undefined) Object.assign(all, JSON.parse(row.series_attributes), { '00201209': integer('IS', row.series_instances!) });
  if (row.metadata !== undefined) Object.assign(all, JSON.parse(row.metadata));
  // Instance Availability (0008,0056): every indexed instance is on line.
  all['00080056'] = { vr: 'CS', Value: ['ONLINE'] };
  const out: DicomJson = {};
  for (const tag of Object.keys(all).sort()) if (returned === 'all' || returned.has(tag)) out[tag] = all[tag]!;
  return out;
}
