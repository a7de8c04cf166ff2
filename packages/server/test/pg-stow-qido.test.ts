// The STOW-RS / QIDO-RS suite on PostgreSQL: one fresh schema per archive, dropped afterwards.
// Skipped only outside CI when PostgreSQL is unreachable; in CI (process.env.CI) that fails.
import { afterAll, describe } from 'vitest';
import { archiveSuite } from './support/suite.js';
import { dropSchema, freshSchema, postgresReachable } from './support/postgres.js';

const reachable = await postgresReachable();
const schemas: string[] = [];

describe.runIf(reachable)('PostgreSQL index', () => {
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });
  archiveSuite('PostgreSQL', () => {
    const { schema, url } = freshSchema();
    schemas.push(schema);
    return { db: url };
  });
});
