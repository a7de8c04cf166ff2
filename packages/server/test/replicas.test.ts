// Stateless replicas: two archives with data folders of their own, one PostgreSQL index and one S3 bucket.
// What one stores the other finds and serves; what one deletes is gone from both.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArchive, stow, type TestArchive } from './support/archive.js';
import { dropSchema, freshSchema, postgresReachable } from './support/postgres.js';
import { startBucket, type TestBucket } from './support/s3.js';
import { syntheticInstance } from './support/synthetic.js';

const reachable = await postgresReachable();
const study = '1.2.826.0.1.3680043.10.5700';
const series = `${study}.1`;
const instances = [1, 2, 3].map((n) => ({ sop: `${series}.${n}`, bytes: syntheticInstance({ study, series, sop: `${series}.${n}`, patientId: 'REPLICA', frames: 2 }) }));

describe.runIf(reachable)('two replicas on one PostgreSQL index and one bucket', () => {
  let s3: TestBucket;
  let schema: string;
  let a: TestArchive;
  let b: TestArchive;
  beforeAll(async () => {
    s3 = await startBucket();
    const fresh = freshSchema();
    schema = fresh.schema;
    const shared = { db: fresh.url, store: `s3://${s3.bucket}/${randomUUID()}` };
    a = await startArchive(shared);
    b = await startArchive(shared);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
    await s3?.close();
  });

  const instanceUrl = (archive: TestArchive, sop: string) => `${archive.url}/dicomweb/studies/${study}/series/${series}/instances/${sop}`;

  it('what one stores the other finds and serves byte for byte, frames included; neither keeps instances locally', async () => {
    expect((await stow(a.url, instances.map((i) => i.bytes))).status).toBe(200);
    const found = (await (await fetch(`${b.url}/dicomweb/instances?PatientID=REPLICA`)).json()) as unknown[];
    expect(found).toHaveLength(3);
    for (const { sop, bytes } of instances) {
      const res = await fetch(instanceUrl(b, sop), { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).includes(Buffer.from(bytes))).toBe(true);
      const frame = await fetch(`${instanceUrl(b, sop)}/frames/2`, { headers: { Accept: 'multipart/related; type="application/octet-stream"' } });
      expect(frame.status).toBe(200);
    }
    for (const archive of [a, b]) expect(existsSync(join(archive.data, 'instances'))).toBe(false);
  });

  it('what one deletes is gone from both, index and bucket', async () => {
    expect((await fetch(instanceUrl(b, instances[0]!.sop), { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(instanceUrl(a, instances[0]!.sop), { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } })).status).toBe(404);
    const left = (await (await fetch(`${a.url}/dicomweb/instances?PatientID=REPLICA`)).json()) as unknown[];
    expect(left).toHaveLength(2);
    // Stored again through the other replica: the object was removed, so it is a new instance, not a duplicate.
    const again = await stow(a.url, [instances[0]!.bytes]);
    expect(again.status).toBe(200);
    expect((await fetch(instanceUrl(b, instances[0]!.sop), { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } })).status).toBe(200);
  });
});
