// The archive index over Kysely: one typed query path for SQLite and PostgreSQL.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { QidoQuery } from '@dcmkit/dicomweb';
import { runQuery } from './qido-sql.js';
import { instanceRow, recordOf, seriesRequestRows, seriesRow, studyRow } from './rows.js';
import type { Database } from './schema.js';
import { DuplicateInstanceError, type ArchiveIndex, type InsertOutcome, type InstanceRecord, type InstanceScope, type QueryResult } from './types.js';

interface PendingInsert {
  record: InstanceRecord;
  overwrite: boolean;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

type Db = Kysely<Database> | Transaction<Database>;

export class SqlIndex implements ArchiveIndex {
  #queue: PendingInsert[] = [];
  #timer?: ReturnType<typeof setTimeout>;
  #flushing?: Promise<void>;

  /**
   * @param groupCommitMs inserts arriving within this window are committed in one transaction
   * @param maxQueryResults the largest page QIDO-RS returns
   */
  constructor(
    readonly db: Kysely<Database>,
    readonly groupCommitMs = 2,
    readonly maxQueryResults = 1000,
  ) {}

  async getInstance(sopInstanceUID: string): Promise<InstanceRecord | undefined> {
    const row = await this.db.selectFrom('instances').selectAll().where('sop_uid', '=', sopInstanceUID).executeTakeFirst();
    return row && recordOf(row);
  }

  async listInstances(scope: InstanceScope): Promise<InstanceRecord[]> {
    let q = this.db.selectFrom('instances').selectAll().where('study_uid', '=', scope.study);
    if (scope.series !== undefined) q = q.where('series_uid', '=', scope.series);
    if (scope.instance !== undefined) q = q.where('sop_uid', '=', scope.instance);
    const rows = await q.orderBy('series_uid').orderBy('instance_number').orderBy('id').execute();
    return rows.map(recordOf);
  }

  query(query: QidoQuery): Promise<QueryResult> {
    return runQuery(this.db, query, this.maxQueryResults);
  }

  insertInstance(record: InstanceRecord, opts: { overwrite?: boolean } = {}): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, overwrite: opts.overwrite ?? false, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#timer || this.#flushing) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flushing = this.#flush().finally(() => {
        this.#flushing = undefined;
        if (this.#queue.length) this.#schedule();
      });
    }, this.groupCommitMs);
  }

  /** Commits the queued inserts in one transaction (group commit); a duplicate fails only its own insert. */
  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0);
    const outcomes: (InsertOutcome | DuplicateInstanceError)[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        outcomes.length = 0;
        for (const p of batch) outcomes.push(await insertOne(trx, p.record, p.overwrite).catch((e) => (e instanceof DuplicateInstanceError ? e : Promise.reject(e))));
      });
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof DuplicateInstanceError) p.reject(outcome);
      else p.resolve(outcome);
    });
  }

  async deleteInstances(scope: InstanceScope): Promise<InstanceRecord[]> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('instances').selectAll().where('study_uid', '=', scope.study);
      if (scope.series !== undefined) q = q.where('series_uid', '=', scope.series);
      if (scope.instance !== undefined) q = q.where('sop_uid', '=', scope.instance);
      const rows = await q.execute();
      if (rows.length === 0) return [];
      for (const row of rows) await trx.deleteFrom('instances').where('id', '=', row.id).execute();
      await refreshAggregates(trx, [...new Set(rows.map((r) => r.study_uid))], [...new Set(rows.map((r) => r.series_uid))]);
      return rows.map(recordOf);
    });
  }

  async *storageKeys(): AsyncIterable<string> {
    const page = 10_000;
    for (let after = 0; ; ) {
      const rows = await this.db.selectFrom('instances').select(['id', 'storage_key']).where('id', '>', after).orderBy('id').limit(page).execute();
      for (const r of rows) yield r.storage_key;
      if (rows.length < page) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Removes the index rows of instances whose files are gone (start-up repair). */
  async removeStorageKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) {
      const part = keys.slice(i, i + 500);
      await this.db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom('instances').select(['study_uid', 'series_uid']).where('storage_key', 'in', part).execute();
        await trx.deleteFrom('instances').where('storage_key', 'in', part).execute();
        await refreshAggregates(trx, [...new Set(rows.map((r) => r.study_uid))], [...new Set(rows.map((r) => r.series_uid))]);
      });
    }
  }

  async addToken(name: string, sha256: string): Promise<void> {
    await this.db.insertInto('tokens').values({ name, sha256, created_at: new Date().toISOString() }).execute();
  }

  async hasToken(sha256: string): Promise<boolean> {
    return (await this.db.selectFrom('tokens').select('id').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#flushing = this.#flush();
    }
    while (this.#flushing) await this.#flushing;
    await this.db.destroy();
  }
}

/** One insert inside the group transaction: study and series rows created on first sight, aggregates counted up. */
async function insertOne(trx: Db, record: InstanceRecord, overwrite: boolean): Promise<InsertOutcome> {
  const existing = await trx.selectFrom('instances').select(['sha256', 'study_uid', 'series_uid']).where('sop_uid', '=', record.sopInstanceUID).executeTakeFirst();
  if (existing) {
    if (existing.sha256 === record.sha256) return 'unchanged';
    if (!overwrite) throw new DuplicateInstanceError(record.sopInstanceUID);
    await trx.deleteFrom('instances').where('sop_uid', '=', record.sopInstanceUID).execute();
    await refreshAggregates(trx, [existing.study_uid], [existing.series_uid]);
  }
  const study = await trx.selectFrom('studies').select('id').where('study_uid', '=', record.studyInstanceUID).executeTakeFirst();
  if (!study) await trx.insertInto('studies').values(studyRow(record)).execute();
  const series = await trx.selectFrom('series').select('id').where('series_uid', '=', record.seriesInstanceUID).executeTakeFirst();
  if (!series) {
    await trx.insertInto('series').values(seriesRow(record)).execute();
    const requests = seriesRequestRows(record);
    if (requests.length) await trx.insertInto('series_requests').values(requests).execute();
  }
  await trx.insertInto('instances').values(instanceRow(record)).execute();
  await trx.updateTable('series').set((eb) => ({ num_instances: eb('num_instances', '+', 1) })).where('series_uid', '=', record.seriesInstanceUID).execute();
  await trx
    .updateTable('studies')
    .set((eb) => ({ num_instances: eb('num_instances', '+', 1), num_series: eb('num_series', '+', series ? 0 : 1) }))
    .where('study_uid', '=', record.studyInstanceUID)
    .execute();
  if (!series) await refreshModalities(trx, record.studyInstanceUID);
  return existing ? 'replaced' : 'inserted';
}

/** Recounts series and studies after removals; removes those left empty. */
async function refreshAggregates(trx: Db, studies: string[], series: string[]): Promise<void> {
  for (const uid of series) {
    const { n } = await trx.selectFrom('instances').select((eb) => eb.fn.countAll<number | string>().as('n')).where('series_uid', '=', uid).executeTakeFirstOrThrow();
    if (Number(n) === 0) {
      await trx.deleteFrom('series').where('series_uid', '=', uid).execute();
      await trx.deleteFrom('series_requests').where('series_uid', '=', uid).execute();
    } else await trx.updateTable('series').set({ num_instances: Number(n) }).where('series_uid', '=', uid).execute();
  }
  for (const uid of studies) {
    const counts = await trx
      .selectFrom('series')
      .select((eb) => [eb.fn.countAll<number | string>().as('s'), eb.fn.sum<number | string | null>('num_instances').as('i')])
      .where('study_uid', '=', uid)
      .executeTakeFirstOrThrow();
    if (Number(counts.s) === 0) await trx.deleteFrom('studies').where('study_uid', '=', uid).execute();
    else {
      await trx.updateTable('studies').set({ num_series: Number(counts.s), num_instances: Number(counts.i ?? 0) }).where('study_uid', '=', uid).execute();
      await refreshModalities(trx, uid);
    }
  }
}

/** Modalities In Study (0008,0061): the distinct Modality values of the study's series. */
async function refreshModalities(trx: Db, study: string): Promise<void> {
  const rows = await trx.selectFrom('series').select('modality').distinct().where('study_uid', '=', study).where('modality', 'is not', null).orderBy('modality').execute();
  await trx.updateTable('studies').set({ modalities: rows.map((r) => r.modality).join('\\') }).where('study_uid', '=', study).execute();
}
