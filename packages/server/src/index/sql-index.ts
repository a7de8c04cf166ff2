// The archive index: QIDO-RS through Kysely; ingest and per-instance reads as plain statements (statements.ts).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { QidoQuery } from '@dcmkit/dicomweb';
import { deleteInstances, deleteStorageKeys, insertInstances, instancesInScope } from './instance-steps.js';
import { runQuery } from './qido-sql.js';
import { recordOf } from './rows.js';
import type { Database, InstanceTable } from './schema.js';
import { statement, type StatementRunner } from './statements.js';
import { DuplicateInstanceError, type ArchiveIndex, type InsertOutcome, type InstanceRecord, type InstanceScope, type QueryResult } from './types.js';

interface PendingInsert {
  record: InstanceRecord;
  overwrite: boolean;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/** An instances row read by a plain statement. */
const toRecord = (row: unknown) => recordOf(row as Selectable<InstanceTable>);

export class SqlIndex implements ArchiveIndex {
  #queue: PendingInsert[] = [];
  /** The next transaction, not started yet. */
  #scheduled?: Promise<void>;
  /** The last transaction started. */
  #flushing?: Promise<void>;

  /**
   * @param statements runs the ingest and per-instance statements on the same database as `db`
   * @param groupCommitMs how long an insert waits for others to share its transaction (0: only those that
   *   arrive while the previous transaction commits, or in the same turn of the event loop)
   * @param maxQueryResults the largest page QIDO-RS returns
   */
  constructor(
    readonly db: Kysely<Database>,
    readonly statements: StatementRunner,
    readonly groupCommitMs = 0,
    readonly maxQueryResults = 1000,
  ) {}

  async getInstance(sopInstanceUID: string): Promise<InstanceRecord | undefined> {
    const [row] = await this.statements.rows(statement('select * from instances where sop_uid = ?', sopInstanceUID));
    return row && toRecord(row);
  }

  async listInstances(scope: InstanceScope): Promise<InstanceRecord[]> {
    return (await this.statements.rows(instancesInScope(scope))).map(toRecord);
  }

  async instanceMetadata(scope: InstanceScope): Promise<string[]> {
    return (await this.statements.rows(instancesInScope(scope, 'metadata'))).map((row) => row.metadata as string);
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

  /** Group commit: one transaction at a time; inserts queued meanwhile go into the next one. */
  #schedule(): void {
    if (this.#scheduled) return;
    const previous = this.#flushing;
    this.#scheduled = (async () => {
      await previous;
      await new Promise((resolve) => (this.groupCommitMs > 0 ? setTimeout(resolve, this.groupCommitMs) : setImmediate(resolve)));
      this.#scheduled = undefined;
      await (this.#flushing = this.#flush());
    })();
  }

  /** Commits the queued inserts in one transaction; a duplicate fails only its own insert. */
  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0);
    let outcomes: (InsertOutcome | DuplicateInstanceError)[];
    try {
      outcomes = await this.statements.transaction(insertInstances(batch));
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
    return (await this.statements.transaction(deleteInstances(scope))).map(toRecord);
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
    for (let i = 0; i < keys.length; i += 500) await this.statements.transaction(deleteStorageKeys(keys.slice(i, i + 500)));
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
    while (this.#scheduled) await this.#scheduled;
    await this.#flushing;
    await this.db.destroy();
  }
}
