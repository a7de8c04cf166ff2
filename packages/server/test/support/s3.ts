// An S3-compatible service for tests: s3rver in a process of its own (so that the memory it uses is not
// the test's) on a free loopback port, its objects in a temporary folder, with one bucket; the SDK's
// environment variables point the archive's S3 store at it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { S3Client } from '@aws-sdk/client-s3';

export interface TestBucket {
  bucket: string;
  /** A client of the emulator (path-style addressing, its fixed credentials). */
  client(): S3Client;
  close(): Promise<void>;
}

/** s3rver's fixed credentials. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';

/** Starts s3rver and prints its port. */
const SERVER = `
const S3rver = require(process.argv[1]);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2], configureBuckets: [{ name: process.argv[3] }] })
  .run().then(({ port }) => console.log(port));
`;

/** Starts the emulator with bucket `bucket` and sets AWS_ENDPOINT_URL, AWS_REGION and the credentials for this process. */
export async function startBucket(bucket = 'dcmkit-test'): Promise<TestBucket> {
  const directory = mkdtempSync(join(tmpdir(), 'dcmkit-s3-'));
  // s3rver's continuation tokens (paged listings) are DES-encrypted: OpenSSL 3 has DES in its legacy provider only.
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER, createRequire(import.meta.url).resolve('s3rver'), directory, bucket], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => Promise.reject(new Error('s3rver did not start')))])) as [Buffer];
  const endpoint = `http://127.0.0.1:${Number(String(line).trim())}`;
  Object.assign(process.env, { AWS_ENDPOINT_URL: endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey });
  return {
    bucket,
    client: () => new S3Client({ endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true }),
    async close() {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
