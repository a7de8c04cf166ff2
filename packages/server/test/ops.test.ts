// Operations: bearer tokens, exposure rules, configuration, /healthz, /metrics, the page at /, graceful shutdown.
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExposure, createToken, resolveConfig } from '../src/index.js';
import { startArchive, stow, stowBody, type TestArchive } from './support/archive.js';
import { syntheticInstance } from './support/synthetic.js';

const uid = '1.2.826.0.1.3680043.10.2';
const instance = (n: number) => syntheticInstance({ study: uid, series: `${uid}.1`, sop: `${uid}.1.${n}`, instanceNumber: n });

describe('bearer tokens (--auth)', () => {
  let archive: TestArchive;
  let token: string;
  beforeAll(async () => {
    archive = await startArchive({ auth: true });
    token = await createToken(archive.server.context.index, 'tests');
  });
  afterAll(() => archive.close());

  it('refuses /dicomweb without a known token and serves it with one', async () => {
    const none = await fetch(`${archive.url}/dicomweb/studies`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${archive.url}/dicomweb/studies`, { headers: { Authorization: 'Bearer dcmkit_nope' } });
    expect(wrong.status).toBe(401);
    expect(token).toMatch(/^dcmkit_[A-Za-z0-9_-]{43}$/);
    const ok = await fetch(`${archive.url}/dicomweb/studies`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect((await stow(archive.url, [instance(1)], undefined, { Authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await stow(archive.url, [instance(2)])).status).toBe(401);
  });

  it('keeps only the SHA-256 of tokens', async () => {
    const { db } = archive.server.context.index as unknown as { db: { selectFrom(t: string): any } };
    const rows = await db.selectFrom('tokens').selectAll().execute();
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['tests']);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('leaves /healthz and / open', async () => {
    expect((await fetch(`${archive.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${archive.url}/`)).status).toBe(200);
  });
});

describe('exposure and configuration', () => {
  it('refuses a non-loopback host without --auth unless --insecure', () => {
    expect(() => checkExposure(resolveConfig({ host: '0.0.0.0' }))).toThrow(/--auth/);
    expect(() => checkExposure(resolveConfig({ host: '0.0.0.0', auth: true }))).not.toThrow();
    expect(() => checkExposure(resolveConfig({ host: '0.0.0.0', insecure: true }))).not.toThrow();
    expect(() => checkExposure(resolveConfig({}))).not.toThrow();
    expect(() => checkExposure(resolveConfig({ host: '::1' }))).not.toThrow();
  });

  it('takes settings from flags over environment over file over defaults', () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/dcmkit-config-${process.pid}.json`;
    writeFileSync(file, JSON.stringify({ port: 9000, host: '127.0.0.2', onDuplicate: 'overwrite', maxQueryResults: 50 }));
    const config = resolveConfig({ port: '9100' as unknown as number }, { DCMKIT_HOST: '127.0.0.3', DCMKIT_AUTH: 'true', DCMKIT_DATA: '/srv/x' }, file);
    expect(config).toMatchObject({ port: 9100, host: '127.0.0.3', auth: true, data: '/srv/x', onDuplicate: 'overwrite', maxQueryResults: 50, db: 'sqlite' });
    expect(() => resolveConfig({}, { DCMKIT_PORT: 'eighty' })).toThrow(/environment: port/);
    expect(() => resolveConfig({ onDuplicate: 'sometimes' as 'reject' })).toThrow(/onDuplicate/);
    writeFileSync(file, JSON.stringify({ colour: 'blue' }));
    expect(() => resolveConfig({}, {}, file)).toThrow(/unknown setting "colour"/);
    rmSync(file);
  });
});

describe('health, metrics, the page at /, shutdown', () => {
  let archive: TestArchive;
  beforeAll(async () => {
    archive = await startArchive();
  });
  afterAll(() => archive.close());

  it('answers /healthz and counts requests and stored instances in /metrics', async () => {
    expect(await (await fetch(`${archive.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await stow(archive.url, [instance(1), instance(2)])).status).toBe(200);
    await fetch(`${archive.url}/dicomweb/studies?PatientName=Doe*`);
    const res = await fetch(`${archive.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toMatch(/^dcmkit_instances_stored_total 2$/m);
    expect(text).toMatch(/^dcmkit_http_requests_total\{method="POST",route="\/dicomweb\/studies",status="200"\} 1$/m);
    expect(text).toMatch(/^dcmkit_http_request_duration_seconds_count\{method="GET",route="\/dicomweb\/studies"\} 1$/m);
    // Route patterns only: no UIDs or patient data in labels.
    expect(text).not.toContain('Doe');
  });

  it('serves a page at / with a Content-Security-Policy', async () => {
    const res = await fetch(`${archive.url}/`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await res.text()).toMatch(/^<!doctype html>/i);
  });

  it('refuses request bodies over the limit with 413, keeping nothing of them', async () => {
    const small = await startArchive({ maxBodyBytes: 300 });
    try {
      const r = await stow(small.url, [instance(9)]);
      expect(r.status).toBe(413);
      expect(r.json).toMatchObject({ status: 413, error: expect.stringMatching(/larger than 300 bytes/) });
      expect(await (await fetch(`${small.url}/dicomweb/instances`)).json()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('answers unknown routes with a JSON 404 and errors without stack traces', async () => {
    const res = await fetch(`${archive.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404 });
  });

  it('finishes an in-flight store before shutting down', async () => {
    const other = await startArchive();
    const { body, contentType } = stowBody([instance(7)]);
    // The body arrives in two pieces; close() is called in between.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(body.subarray(0, 100));
        await gate;
        controller.enqueue(body.subarray(100));
        controller.close();
      },
    });
    const response = fetch(`${other.url}/dicomweb/studies`, { method: 'POST', headers: { 'Content-Type': contentType }, body: stream, duplex: 'half' } as RequestInit);
    await new Promise((r) => setTimeout(r, 200));
    const closed = other.server.close();
    release();
    expect((await response).status).toBe(200);
    await closed;
    const reopened = await startArchive({ data: other.data });
    try {
      const found = await (await fetch(`${reopened.url}/dicomweb/instances`)).json();
      expect(found).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});
