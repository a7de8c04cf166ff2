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

/** Instances added in a transaction, by study then series: the counts their rows have yet to get. */
type AddedInstances = Map<string, Map<string, { first: InstanceRecord; count: number }>>;

function noteAdded(added: AddedInstances, record: InstanceRecord): void {
  let study = added.get(record.studyInstanceUID);
  if (!study) added.set(record.studyInstanceUID, (study = new Map()));
  const series = study.get(record.seriesInstanceUID);
  if (series) series.count++;
  else study.set(record.seriesInstanceUID, { first: record, count: 1 });
}

/**
 * Adds an instance; its study and series counts are noted in `added` (see addCounts). Same SOP
 * Instance UID already indexed: 'unchanged' for the same bytes (sha256), else 'replaced' with
 * `overwrite`, else a DuplicateInstanceError, thrown before anything is written.
 */
function* insertInstance(record: InstanceRecord, overwrite: boolean, added: AddedInstances): Steps<InsertOutcome> {
  const row = instanceRow(record);
  // A new SOP Instance UID is the usual case: inserted at once, the one already there looked at only on conflict.
  let inserted = (yield insertRow('instances', row, 'sop_uid')).changes > 0;
  if (!inserted) {
    const [existing] = (yield statement('select sha256, study_uid, series_uid from instances where sop_uid = ?', record.sopInstanceUID)).rows;
    if (existing) {
      if (existing.sha256 === record.sha256) return 'unchanged';
      if (!overwrite) throw new DuplicateInstanceError(record.sopInstanceUID);
      // The recount sees the counts of this transaction's earlier instances only once they are written.
      yield* addCounts(added);
      yield statement('delete from instances where sop_uid = ?', record.sopInstanceUID);
      yield* refreshAggregates([String(existing.study_uid)], [String(existing.series_uid)]);
    }
    yield insertRow('instances', row);
    inserted = !existing;
  }
  noteAdded(added, record);
  return inserted ? 'inserted' : 'replaced';
}

/**
 * Adds the noted instances to the counts of their series and studies, in one update per series and
 * per study, creating the rows of new ones (Modalities In Study follows a new series).
 */
function* addCounts(added: AddedInstances): Steps<void> {
  for (const [studyUid, seriesAdded] of added) {
    let instances = 0;
    let newSeries = 0;
    for (const { first, count } of seriesAdded.values()) {
      instances += count;
      if (yield* addToSeries(first, count)) newSeries++;
    }
    yield* addToStudy(seriesAdded.values().next().value!.first, newSeries, instances);
    if (newSeries > 0) yield* refreshModalities(studyUid);
  }
  added.clear();
}

/** Adds `count` instances to the record's series; true when that makes a new series. */
function* addToSeries(record: InstanceRecord, count: number): Steps<boolean> {
  const update = statement('update series set num_instances = num_instances + ? where series_uid = ?', count, record.seriesInstanceUID);
  if ((yield update).changes > 0) return false;
  // No row yet: this is a new series, unless another transaction has just added it.
  if ((yield insertRow('series', seriesRow(record, count), 'series_uid')).changes === 0) {
    yield update;
    return false;
  }
  for (const row of seriesRequestRows(record)) yield insertRow('series_requests', row);
  return true;
}

/** Adds series and instances to the counts of the record's study, creating its row when new. */
function* addToStudy(record: InstanceRecord, series: number, instances: number): Steps<void> {
  const update = statement('update studies set num_instances = num_instances + ?, num_series = num_series + ? where study_uid = ?', instances, series, record.studyInstanceUID);
  if ((yield update).changes > 0) return;
  if ((yield insertRow('studies', studyRow(record, series, instances), 'study_uid')).changes === 0) yield update;
}

/** Several inserts in one transaction (group commit): a duplicate fails only its own insert. */
export function* insertInstances(batch: { record: InstanceRecord; overwrite: boolean }[]): Steps<(InsertOutcome | DuplicateInstanceError)[]> {
  const outcomes: (InsertOutcome | DuplicateInstanceError)[] = [];
  const added: AddedInstances = new Map();
  for (const { record, overwrite } of batch) {
    try {
      outcomes.push(yield* insertInstance(record, overwrite, added));
    } catch (e) {
      if (!(e instanceof DuplicateInstanceError)) throw e;
      outcomes.push(e);
    }
  }
  yield* addCounts(added);
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
