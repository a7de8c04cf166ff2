// A fresh PostgreSQL schema per test run (postgres://postgres@127.0.0.1:5432/test unless DCMKIT_TEST_PG is set).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.DCMKIT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the server answers; in CI an unreachable server is an error, not a reason to skip. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${PG_URL} is unreachable (CI requires it): ${(e as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new schema name, and the database URL that selects it (see openIndex). */
export function freshSchema(): { schema: string; url: string } {
  const schema = `dcmkit_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  return { schema, url: url.toString() };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
