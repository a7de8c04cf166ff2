// Opens the index named by config.db: embedded SQLite (default) or PostgreSQL, migrated to the latest schema.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { ServerConfig } from '../config.js';
import { migrationProvider, type Dialect } from './migrations.js';
import type { Database } from './schema.js';
import { SqlIndex } from './sql-index.js';
import { KyselyRunner, SqliteRunner, type StatementRunner } from './statements.js';

const isPostgres = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/** A PostgreSQL schema name we create and put first on the search_path: letters, digits, underscores. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A PostgreSQL pool; a `schema` URL parameter (postgres://host/db?schema=name) puts that schema first on
 * every connection's search_path, so several archives (or test runs) can share one database.
 */
async function postgresPool(url: string) {
  // Loaded only for PostgreSQL archives.
  const { default: pg } = await import('pg');
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name in the database URL: ${schema}`);
  const pool = new pg.Pool({ connectionString: u.toString(), max: 8, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  return { pool, schema };
}

/** SQLite in WAL mode with synchronous=NORMAL: a commit is durable at the next checkpoint, files are fsynced before it. */
function sqliteDatabase(path: string): BetterSqlite3.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  // LIKE is case-sensitive, as on PostgreSQL: matching is case-sensitive except for PN, which has normalised columns.
  db.pragma('case_sensitive_like = ON');
  return db;
}

/**
 * The Kysely database of `config.db` ("sqlite", a SQLite file path, or a postgres:// URL), and the
 * statement runner on the same database (SQLite's own prepared statements, or Kysely for PostgreSQL).
 */
export async function openDatabase(config: Pick<ServerConfig, 'db' | 'data'>): Promise<{ db: Kysely<Database>; statements: StatementRunner; dialect: Dialect; schema?: string }> {
  if (isPostgres(config.db)) {
    const { pool, schema } = await postgresPool(config.db);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, statements: new KyselyRunner(db), dialect: 'postgres', schema };
  }
  const path = config.db === 'sqlite' ? join(config.data, 'index.sqlite') : resolve(config.db);
  const database = sqliteDatabase(path);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), statements: new SqliteRunner(database), dialect: 'sqlite' };
}

/** Brings the schema to the latest migration (creating the PostgreSQL schema first when one is named). */
export async function migrate(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<void> {
  if (schema) await sql.raw(`create schema if not exists ${schema}`).execute(db);
  // The migration tables go in that schema too: the Migrator looks for them across all schemas otherwise.
  const { error } = await new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Opens and migrates the index of `config`. */
export async function openIndex(config: Pick<ServerConfig, 'db' | 'data' | 'groupCommitMs' | 'maxQueryResults'>): Promise<SqlIndex> {
  const { db, statements, dialect, schema } = await openDatabase(config);
  try {
    await migrate(db, dialect, schema);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new SqlIndex(db, statements, config.groupCommitMs, config.maxQueryResults);
}
