// Stateless replicas: two archives with data folders of their own, one PostgreSQL index and one S3 bucket.
// What one stores the other finds and serves; what one deletes is gone from both.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
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
  let prefix: string;
  beforeAll(async () => {
    s3 = await startBucket();
    const fresh = freshSchema();
    schema = fresh.schema;
    prefix = randomUUID();
    const shared = { db: fresh.url, store: `s3://${s3.bucket}/${prefix}` };
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

  it('one SOP Instance sent to both at once: the same bytes are stored once, of other bytes one wins and no other object is left', async () => {
    const sop = `${series}.9`;
    const bytesOf = (patientName: string) => syntheticInstance({ study, series, sop, patientId: 'REPLICA', patientName });
    const objects = async () => {
      const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
      return (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.includes(`/${sop}.`));
    };
    const same = bytesOf('Same^Bytes');
    const [one, two] = await Promise.all([stow(a.url, [same]), stow(b.url, [same])]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(await objects()).toHaveLength(1);
    // Another SOP Instance for the race of different bytes.
    const racing = `${series}.10`;
    const other = (name: string) => syntheticInstance({ study, series, sop: racing, patientId: 'REPLICA', patientName: name });
    const [first, second] = [other('First^Racer'), other('Second^Racer')];
    const results = await Promise.all([stow(a.url, [first]), stow(b.url, [second])]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]!.status === 200 ? first : second;
    const row = (await a.server.context.index.getInstance(racing))!;
    expect(row.sha256).toBe(createHash('sha256').update(winner).digest('hex'));
    const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    expect((listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.includes(`/${racing}.`))).toEqual([`${prefix}/${row.storageKey}`]);
    const served = await fetch(`${b.url}/dicomweb/studies/${study}/series/${series}/instances/${racing}`, { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
    expect(Buffer.from(await served.arrayBuffer()).includes(Buffer.from(winner))).toBe(true);
  });

  it('what one deletes is gone from both, index and bucket', async () => {
    expect((await fetch(instanceUrl(b, instances[0]!.sop), { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(instanceUrl(a, instances[0]!.sop), { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } })).status).toBe(404);
    const left = (await (await fetch(`${a.url}/dicomweb/instances?PatientID=REPLICA`)).json()) as Record<string, { Value: string[] }>[];
    const sops = left.map((m) => m['00080018']!.Value[0]!);
    expect(instances.map((i) => sops.includes(i.sop))).toEqual([false, true, true]);
    // Stored again through the other replica: the object was removed, so it is a new instance, not a duplicate.
    const again = await stow(a.url, [instances[0]!.bytes]);
    expect(again.status).toBe(200);
    expect((await fetch(instanceUrl(b, instances[0]!.sop), { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } })).status).toBe(200);
  });
});
