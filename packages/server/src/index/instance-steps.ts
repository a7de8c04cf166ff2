// The index's writes as statement steps (see statements.ts): adding and removing instances while
// keeping the study and series rows and their aggregates (PS3.18 10.6.3.3: Number of Study Related
// Series / Instances, Number of Series Related Instances, Modalities In Study).
import { instanceRow, seriesRequestRows, seriesRow, studyRow } from './rows.js';
import { insertRow, statement, type Row, type Statement, type Steps } from './statements.js';
import { DuplicateInstanceError, type InsertOutcome, type InstanceRecord, type InstanceScope } from './types.js';

/** The `where` condition of the instances in `scope`. */
export function inScope(scope: InstanceScope): { where: string; params: string[] } {
  const conditions = [['study_uid', scope.study], ['series_uid', scope.series], ['sop_uid', scope.instance]].filter((c): c is [string, string] => c[1] !== undefined);
  return { where: conditions.map(([column]) => `${column} = ?`).join(' and '), params: conditions.map(([, uid]) => uid) };
}

/** Instance rows (all columns, or `columns`) of a scope, ordered by series, Instance Number, then arrival. */
export function instancesInScope(scope: InstanceScope, columns = '*'): Statement {
  const { where, params } = inScope(scope);
  return statement(`select ${columns} from instances where ${where} order by series_uid, instance_number, id`, ...params);
}

/**
 * Adds an instance. Same SOP Instance UID already indexed: 'unchanged' for the same bytes (sha256),
 * else 'replaced' with `overwrite`, else a DuplicateInstanceError, thrown before anything is written.
 */
export function* insertInstance(record: InstanceRecord, overwrite: boolean): Steps<InsertOutcome> {
  const [existing] = (yield statement('select sha256, study_uid, series_uid from instances where sop_uid = ?', record.sopInstanceUID)).rows;
  if (existing) {
    if (existing.sha256 === record.sha256) return 'unchanged';
    if (!overwrite) throw new DuplicateInstanceError(record.sopInstanceUID);
    yield statement('delete from instances where sop_uid = ?', record.sopInstanceUID);
    yield* refreshAggregates([String(existing.study_uid)], [String(existing.series_uid)]);
  }
  // Rows of a new study or series are built only when there is none (the usual case is a known one).
  const hasStudy = (yield statement('select id from studies where study_uid = ?', record.studyInstanceUID)).rows.length > 0;
  if (!hasStudy) yield insertRow('studies', studyRow(record), 'study_uid');
  const hasSeries = (yield statement('select id from series where series_uid = ?', record.seriesInstanceUID)).rows.length > 0;
  const newSeries = !hasSeries && (yield insertRow('series', seriesRow(record), 'series_uid')).changes > 0;
  if (newSeries) for (const row of seriesRequestRows(record)) yield insertRow('series_requests', row);
  yield insertRow('instances', instanceRow(record));
  yield statement('update series set num_instances = num_instances + 1 where series_uid = ?', record.seriesInstanceUID);
  yield statement('update studies set num_instances = num_instances + 1, num_series = num_series + ? where study_uid = ?', newSeries ? 1 : 0, record.studyInstanceUID);
  if (newSeries) yield* refreshModalities(record.studyInstanceUID);
  return existing ? 'replaced' : 'inserted';
}

/** Several inserts in one transaction (group commit): a duplicate fails only its own insert. */
export function* insertInstances(batch: { record: InstanceRecord; overwrite: boolean }[]): Steps<(InsertOutcome | DuplicateInstanceError)[]> {
  const outcomes: (InsertOutcome | DuplicateInstanceError)[] = [];
  for (const { record, overwrite } of batch) {
    try {
      outcomes.push(yield* insertInstance(record, overwrite));
    } catch (e) {
      if (!(e instanceof DuplicateInstanceError)) throw e;
      outcomes.push(e);
    }
  }
  return outcomes;
}

/** Removes the instances in scope; returns their rows. */
export function* deleteInstances(scope: InstanceScope): Steps<Row[]> {
  const rows = (yield instancesInScope(scope)).rows;
  if (rows.length === 0) return rows;
  const { where, params } = inScope(scope);
  yield statement(`delete from instances where ${where}`, ...params);
  yield* refreshAggregates(unique(rows, 'study_uid'), unique(rows, 'series_uid'));
  return rows;
}

/** Removes the instances stored under `keys` (files found missing). */
export function* deleteStorageKeys(keys: string[]): Steps<void> {
  const list = keys.map(() => '?').join(', ');
  const rows = (yield statement(`select study_uid, series_uid from instances where storage_key in (${list})`, ...keys)).rows;
  yield statement(`delete from instances where storage_key in (${list})`, ...keys);
  yield* refreshAggregates(unique(rows, 'study_uid'), unique(rows, 'series_uid'));
}

const unique = (rows: Row[], column: string): string[] => [...new Set(rows.map((r) => String(r[column])))];

/** Recounts series and studies after removals; removes those left empty. */
function* refreshAggregates(studies: string[], series: string[]): Steps<void> {
  for (const uid of series) {
    const n = Number((yield statement('select count(*) as n from instances where series_uid = ?', uid)).rows[0]!.n);
    if (n === 0) {
      yield statement('delete from series where series_uid = ?', uid);
      yield statement('delete from series_requests where series_uid = ?', uid);
    } else yield statement('update series set num_instances = ? where series_uid = ?', n, uid);
  }
  for (const uid of studies) {
    const counts = (yield statement('select count(*) as s, sum(num_instances) as i from series where study_uid = ?', uid)).rows[0]!;
    if (Number(counts.s) === 0) yield statement('delete from studies where study_uid = ?', uid);
    else {
      yield statement('update studies set num_series = ?, num_instances = ? where study_uid = ?', Number(counts.s), Number(counts.i ?? 0), uid);
      yield* refreshModalities(uid);
    }
  }
}

/** Modalities In Study (0008,0061): the distinct Modality values of the study's series. */
function* refreshModalities(study: string): Steps<void> {
  const rows = (yield statement('select distinct modality from series where study_uid = ? and modality is not null order by modality', study)).rows;
  yield statement('update studies set modalities = ? where study_uid = ?', rows.map((r) => r.modality).join('\\'), study);
}
