// The STOW-RS / QIDO-RS suite with instances in an S3 bucket (s3rver) and the SQLite index: one prefix per archive.
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { archiveSuite } from './support/suite.js';
import { startBucket } from './support/s3.js';

const s3 = await startBucket();
afterAll(() => s3.close());

archiveSuite('S3 store, SQLite', () => ({ db: 'sqlite', store: `s3://${s3.bucket}/${randomUUID()}` }));
