// Plain SQL statements for the index's hot paths (ingest, per-instance reads): the same text runs on
// SQLite, prepared once and run synchronously, and on PostgreSQL through Kysely.
import { CompiledQuery, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

/** One SQL statement with `?` placeholders, in the SQL that SQLite and PostgreSQL share. */
export interface Statement {
  text: string;
  params: readonly unknown[];
}

export type Row = Record<string, unknown>;

/** What a statement gave: its rows (queries) and how many rows it changed (inserts, updates, deletes). */
export interface StatementResult {
  rows: Row[];
  changes: number;
}

/** The work of one transaction: yields its statements in order and receives each one's result. */
export type Steps<T> = Generator<Statement, T, StatementResult>;

export const statement = (text: string, ...params: unknown[]): Statement => ({ text, params });

/** `insert into table (...) values (...)`, doing nothing when a row with the same `conflictKey` exists. */
export function insertRow(table: string, row: Record<string, unknown>, conflictKey?: string): Statement {
  const columns = Object.keys(row);
  const params: unknown[] = [];
  for (const c of columns) params.push(row[c] ?? null);
  return { text: insertText(table, columns, conflictKey), params };
}

/** The last insert text of each table and conflict key: rows of a table come with the same columns, so it is reused. */
const insertTexts = new Map<string, { columns: string[]; text: string }>();

function insertText(table: string, columns: string[], conflictKey: string | undefined): string {
  const key = conflictKey === undefined ? table : `${table} ${conflictKey}`;
  const known = insertTexts.get(key);
  if (known && known.columns.length === columns.length && known.columns.every((c, i) => c === columns[i])) return known.text;
  const text = `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  const full = conflictKey === undefined ? text : `${text} on conflict (${conflictKey}) do nothing`;
  insertTexts.set(key, { columns, text: full });
  return full;
}

/** Runs statements against one database. */
export interface StatementRunner {
  /** One statement on its own (a read). */
  rows(statement: Statement): Promise<Row[]>;
  /** Every statement of `steps` in one transaction; rolled back when a statement or the steps throw. */
  transaction<T>(steps: Steps<T>): Promise<T>;
}

/** SQLite: statements are prepared once and run synchronously, so a transaction never interleaves with other work. */
export class SqliteRunner implements StatementRunner {
  /** Prepared statements by text; texts come from code, plus `in (...)` lists of varying length (hence the bound). */
  readonly #prepared = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  #prepare(text: string): BetterSqlite3.Statement {
    let prepared = this.#prepared.get(text);
    if (!prepared) {
      if (this.#prepared.size >= 256) this.#prepared.delete(this.#prepared.keys().next().value!);
      this.#prepared.set(text, (prepared = this.db.prepare(text)));
    }
    return prepared;
  }

  #run({ text, params }: Statement): StatementResult {
    const prepared = this.#prepare(text);
    if (prepared.reader) return { rows: prepared.all(...params) as Row[], changes: 0 };
    return { rows: [], changes: prepared.run(...params).changes };
  }

  async rows(statement: Statement): Promise<Row[]> {
    return this.#run(statement).rows;
  }

  async transaction<T>(steps: Steps<T>): Promise<T> {
    return this.db.transaction(() => {
      for (let next = steps.next(); ; next = steps.next(this.#run(next.value))) if (next.done) return next.value;
    })();
  }
}

/** `?` placeholders as PostgreSQL's $1, $2 ... (the statements have no `?` elsewhere). */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL (or any Kysely dialect with $n placeholders): each statement is a round trip. */
export class KyselyRunner<DB> implements StatementRunner {
  /** PostgreSQL texts by statement text, bounded as SqliteRunner's prepared statements are. */
  readonly #texts = new Map<string, string>();

  constructor(private readonly db: Kysely<DB>) {}

  #query({ text, params }: Statement): CompiledQuery<Row> {
    let pgText = this.#texts.get(text);
    if (pgText === undefined) {
      if (this.#texts.size >= 256) this.#texts.delete(this.#texts.keys().next().value!);
      this.#texts.set(text, (pgText = numbered(text)));
    }
    return CompiledQuery.raw(pgText, [...params]);
  }

  async rows(statement: Statement): Promise<Row[]> {
    return (await this.db.executeQuery<Row>(this.#query(statement))).rows;
  }

  transaction<T>(steps: Steps<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      for (let next = steps.next(); ; ) {
        if (next.done) return next.value;
        const result = await trx.executeQuery<Row>(this.#query(next.value));
        next = steps.next({ rows: result.rows, changes: Number(result.numAffectedRows ?? 0) });
      }
    });
  }
}
