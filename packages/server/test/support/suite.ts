// The STOW-RS / QIDO-RS suite, run against SQLite (stow-qido.test.ts) and PostgreSQL (pg-stow-qido.test.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import type { ServerConfig } from '../../src/index.js';
import { startArchive, stow, stowBody, type TestArchive } from './archive.js';
import { syntheticInstance } from './synthetic.js';

// dicomweb-client is written for browsers: in Node it needs an XMLHttpRequest.
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= XMLHttpRequest;

export const corpus = resolve(import.meta.dirname, '../../../../../shared/corpus');

interface ManifestEntry {
  path: string;
  hasPreambleAndDICM: boolean;
  readableBy: { dcmtk: boolean };
  studyInstanceUID: string | null;
  seriesInstanceUID: string | null;
  sopInstanceUID: string | null;
}

type Json = Record<string, { vr: string; Value?: any[] }>;
const uidsOf = (seq: Json[string] | undefined, tag = '00081155') => (seq?.Value ?? []).map((item: Json) => item[tag]?.Value?.[0] as string);
const text = (m: Json, tag: string) => m[tag]?.Value?.[0];

/** Synthetic studies whose attributes the QIDO-RS queries below select. */
const S = {
  a: '1.2.826.0.1.3680043.10.1.1',
  b: '1.2.826.0.1.3680043.10.1.2',
  c: '1.2.826.0.1.3680043.10.1.3',
};
const synthetic = [
  syntheticInstance({ study: S.a, series: S.a + '.1', sop: S.a + '.1.1', patientName: 'Smith^Anna', patientId: 'PA', studyDate: '20230115', studyTime: '083000', modality: 'CT', accessionNumber: 'ACC-1', request: ['SPS1', 'RP1'] }),
  syntheticInstance({ study: S.a, series: S.a + '.1', sop: S.a + '.1.2', patientName: 'Smith^Anna', patientId: 'PA', studyDate: '20230115', studyTime: '083000', modality: 'CT', instanceNumber: 2 }),
  syntheticInstance({ study: S.a, series: S.a + '.2', sop: S.a + '.2.1', patientName: 'Smith^Anna', patientId: 'PA', studyDate: '20230115', modality: 'MR', seriesNumber: 2 }),
  syntheticInstance({ study: S.b, series: S.b + '.1', sop: S.b + '.1.1', patientName: 'SMITHERS^Bob', patientId: 'PB', studyDate: '20231231', studyTime: '235959', modality: 'MR', frames: 3 }),
  syntheticInstance({ study: S.c, series: S.c + '.1', sop: S.c + '.1.1', patientName: 'Jones^Carl', patientId: 'PC', studyDate: '20240301', modality: 'US', accessionNumber: 'ACC_3' }),
];

/** Runs the suite on an archive with these settings (db etc.); `name` labels it. */
export function archiveSuite(name: string, settings: () => Partial<ServerConfig>) {
  describe(`STOW-RS and QIDO-RS (${name})`, () => {
    let archive: TestArchive;
    let client: InstanceType<typeof api.DICOMwebClient>;
    const qido = async (path: string) => {
      const res = await fetch(`${archive.url}/dicomweb${path}`, { headers: { Accept: 'application/dicom+json' } });
      return { status: res.status, headers: res.headers, json: (await res.json()) as any };
    };

    beforeAll(async () => {
      archive = await startArchive(settings());
      client = new api.DICOMwebClient({ url: `${archive.url}/dicomweb`, singlepart: false });
    });
    afterAll(() => archive?.close());

    it('stores every corpus file through dicomweb-client, or says why not', async () => {
      const manifest = JSON.parse(readFileSync(`${corpus}/manifest.json`, 'utf8')) as ManifestEntry[];
      const stored = new Set<string>();
      let failures = 0;
      for (let i = 0; i < manifest.length; i += 16) {
        const batch = manifest.slice(i, i + 16);
        const datasets = batch.map((m) => new Uint8Array(readFileSync(`${corpus}/files/${m.path}`)).buffer);
        const json: Json = await client.storeInstances({ datasets }).then(
          (body: string) => JSON.parse(body),
          (e: { status: number; response: string }) => {
            expect([400, 409]).toContain(e.status);
            return JSON.parse(e.response);
          },
        );
        for (const uid of uidsOf(json['00081199'])) stored.add(uid);
        const failed = (json['00081198']?.Value ?? []) as Json[];
        for (const f of failed) expect([0x0111, 0xa900, 0xc000]).toContain(text(f, '00081197'));
        failures += failed.length;
        expect(uidsOf(json['00081199']).length + failed.length).toBe(batch.length);
      }
      // Part 10 files that dcmtk reads and that have the three UIDs are all stored (variants of one SOP Instance
      // with other bytes fail as duplicates, 0x0111).
      const storable = manifest.filter((m) => m.hasPreambleAndDICM && m.readableBy.dcmtk && m.studyInstanceUID && m.seriesInstanceUID && m.sopInstanceUID);
      for (const m of storable) expect(stored, m.path).toContain(m.sopInstanceUID);
      expect(stored.size + failures).toBeGreaterThanOrEqual(storable.length);

      // Every stored instance is found again, with its study and series.
      const found = await client.searchForInstances({ queryParams: { limit: 1000 } });
      expect(new Set(found.map((m: Json) => text(m, '00080018')))).toEqual(stored);
      for (const m of storable) {
        const [series] = await client.searchForSeries({ studyInstanceUID: m.studyInstanceUID!, queryParams: { SeriesInstanceUID: m.seriesInstanceUID! } });
        expect(text(series, '0020000E')).toBe(m.seriesInstanceUID);
      }
    });

    it('stores generated studies and keeps the study and series aggregates', async () => {
      const r = await stow(archive.url, synthetic);
      expect(r.status).toBe(200);
      expect(uidsOf(r.json['00081199'])).toHaveLength(synthetic.length);
      const [a] = (await qido(`/studies?StudyInstanceUID=${S.a}`)).json;
      expect(a['00201206'].Value).toEqual([2]);
      expect(a['00201208'].Value).toEqual([3]);
      expect(a['00080061'].Value).toEqual(['CT', 'MR']);
      expect(a['00081190'].Value[0]).toBe(`${archive.url}/dicomweb/studies/${S.a}`);
      const series = (await qido(`/studies/${S.a}/series`)).json;
      expect(series.map((s: Json) => [text(s, '0020000E'), text(s, '00201209')])).toEqual([
        [S.a + '.1', 2],
        [S.a + '.2', 1],
      ]);
    });

    it('matches patient names with wildcards and fuzzily, case-insensitively', async () => {
      const names = async (q: string) => (await qido(`/studies?${q}&PatientID=P?`)).json.map((m: Json) => text(m, '00100010').Alphabetic).sort();
      expect(await names('PatientName=smi*')).toEqual(['SMITHERS^Bob', 'Smith^Anna']);
      expect(await names('PatientName=Smith^Ann?')).toEqual(['Smith^Anna']);
      expect(await names('PatientName=SMITH^ANNA')).toEqual(['Smith^Anna']);
      expect(await names('PatientName=car&fuzzymatching=true')).toEqual(['Jones^Carl']);
      expect(await names('PatientName=jon^ca&fuzzymatching=true')).toEqual(['Jones^Carl']);
      expect(await names('PatientName=car')).toEqual([]);
    });

    it('matches dates, times, modalities, UID lists, text wildcards and request attributes', async () => {
      // Only the generated studies (the corpus is in the archive too).
      const ours = new Set(Object.values(S));
      const studies = async (q: string) => (await qido(`/studies?${q}`)).json.map((m: Json) => text(m, '0020000D')).filter((uid: string) => ours.has(uid)).sort();
      expect(await studies('StudyDate=20230101-20231231')).toEqual([S.a, S.b]);
      expect(await studies('StudyDate=20231231-')).toEqual(expect.arrayContaining([S.b, S.c]));
      expect(await studies('StudyDate=-20230115&PatientID=P*')).toEqual([S.a]);
      expect(await studies('StudyDate=20230115&StudyTime=0800-0900')).toEqual([S.a]);
      expect(await studies('ModalitiesInStudy=MR')).toEqual([S.a, S.b]);
      expect(await studies(`StudyInstanceUID=${S.a},${S.c}`)).toEqual([S.a, S.c]);
      expect(await studies('AccessionNumber=ACC_*')).toEqual([S.c]);
      expect(await studies('AccessionNumber=ACC?1')).toEqual([S.a]);
      const series = (await qido('/series?Modality=MR&PatientName=Smith^A*')).json;
      expect(series.map((s: Json) => text(s, '0020000E'))).toEqual([S.a + '.2']);
      const requested = (await qido('/series?RequestAttributesSequence.ScheduledProcedureStepID=SPS1')).json;
      expect(requested.map((s: Json) => text(s, '0020000E'))).toEqual([S.a + '.1']);
      const instances = (await qido(`/studies/${S.b}/instances?NumberOfFrames=3`)).json;
      expect(instances.map((s: Json) => text(s, '00080018'))).toEqual([S.b + '.1.1']);
      expect(text(instances[0], '00280010')).toBe(4);
    });

    it('returns includefield attributes, and all of them', async () => {
      const [plain] = (await qido(`/studies/${S.a}/series/${S.a}.1/instances?InstanceNumber=1`)).json;
      expect(plain['00280030']).toBeUndefined();
      expect(plain['00200013'].Value).toEqual([1]);
      const [some] = (await qido(`/studies/${S.a}/series/${S.a}.1/instances?InstanceNumber=1&includefield=PhotometricInterpretation,00280101`)).json;
      expect(some['00280004'].Value).toEqual(['MONOCHROME2']);
      expect(some['00280101'].Value).toEqual([16]);
      const [all] = (await qido(`/instances?SOPInstanceUID=${S.a}.1.1&includefield=all`)).json;
      expect(all['7FE00010'].BulkDataURI).toMatch(new RegExp(`/studies/${S.a}/series/${S.a}.1/instances/${S.a}.1.1/bulk/7FE00010$`));
      expect(all['00400275'].Value[0]['00400009'].Value).toEqual(['SPS1']);
    });

    it('pages with limit and offset and warns when results are left out', async () => {
      const all = (await qido('/studies?PatientName=smi*&PatientID=P?')).json.map((m: Json) => text(m, '0020000D'));
      const first = await qido('/studies?PatientName=smi*&PatientID=P?&limit=1');
      expect(first.json).toHaveLength(1);
      expect(first.headers.get('warning')).toMatch(/^299 /);
      const second = await qido('/studies?PatientName=smi*&PatientID=P?&limit=1&offset=1');
      expect(second.json.map((m: Json) => text(m, '0020000D'))).toEqual([all[1]]);
      expect(second.headers.get('warning')).toBeNull();
    });

    it('answers bad queries with 400 naming the parameter, unknown scopes with 404', async () => {
      for (const [q, parameter] of [
        ['StudyDate=2023', '00080020'],
        ['limit=-1', 'limit'],
        ['offset=x', 'offset'],
        ['fuzzymatching=maybe', 'fuzzymatching'],
        ['NoSuchKeyword=1', 'NoSuchKeyword'],
        ['StudyInstanceUID=1.02.3', '0020000D'],
        ['includefield=Nonsense', 'includefield'],
        ['StudyTime=25x', '00080030'],
      ]) {
        const r = await qido(`/studies?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.json.parameter, q).toBe(parameter);
        expect(JSON.stringify(r.json)).not.toMatch(/at .*\.ts/);
      }
      expect((await qido('/studies/1.2.x/series')).status).toBe(400);
      const missing = await qido('/studies/1.2.3.999/series');
      expect(missing.status).toBe(404);
      expect((await qido(`/studies/${S.a}/series/1.2.3.999/instances`)).status).toBe(404);
      expect((await qido(`/studies?StudyInstanceUID=1.2.3.999`)).json).toEqual([]);
    });

    it('refuses other media types with 415 and malformed bodies with 400', async () => {
      const post = (contentType: string, body: Uint8Array | string) => fetch(`${archive.url}/dicomweb/studies`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
      expect((await post('application/json', '{}')).status).toBe(415);
      expect((await post('application/dicom', synthetic[0]!)).status).toBe(415);
      expect((await post('multipart/related; type="application/dicom+json"; boundary=x', '--x--')).status).toBe(415);
      expect((await post('multipart/related; type="application/dicom"; boundary=x', 'no parts here')).status).toBe(400);
      expect((await post('multipart/related; type="application/dicom"', 'x')).status).toBe(400);
    });

    it('fails non-DICOM and mismatched-study parts one by one', async () => {
      const other = syntheticInstance({ study: '1.2.826.0.1.3680043.10.1.9', series: '1.2.826.0.1.3680043.10.1.9.1', sop: '1.2.826.0.1.3680043.10.1.9.1.1' });
      const fresh = syntheticInstance({ study: S.c, series: S.c + '.1', sop: S.c + '.1.7' });
      const r = await stow(archive.url, [fresh, new TextEncoder().encode('not DICOM at all'), other], S.c);
      expect(r.status).toBe(202);
      expect(uidsOf(r.json['00081199'])).toEqual([S.c + '.1.7']);
      const failed = r.json['00081198']!.Value as Json[];
      expect(failed.map((f) => text(f, '00081197'))).toEqual([0xc000, 0xa900]);
      expect(text(failed[1]!, '00081155')).toBe('1.2.826.0.1.3680043.10.1.9.1.1');
      expect(text(r.json, '00081190')).toBe(`${archive.url}/dicomweb/studies/${S.c}`);
      // Only unreadable parts: 400; only conflicts: 409.
      expect((await stow(archive.url, [new Uint8Array(300)])).status).toBe(400);
      expect((await stow(archive.url, [other], S.c)).status).toBe(409);
      expect((await qido(`/studies?StudyInstanceUID=1.2.826.0.1.3680043.10.1.9`)).json).toEqual([]);
    });

    it('takes a re-sent identical instance as a no-op and refuses other bytes under the same UID', async () => {
      const again = await stow(archive.url, [synthetic[0]!]);
      expect(again.status).toBe(200);
      const changed = syntheticInstance({ study: S.a, series: S.a + '.1', sop: S.a + '.1.1', patientName: 'Changed^Name' });
      const r = await stow(archive.url, [changed]);
      expect(r.status).toBe(409);
      expect(text((r.json['00081198']!.Value as Json[])[0]!, '00081197')).toBe(0x0111);
      const [a] = (await qido(`/studies?StudyInstanceUID=${S.a}`)).json;
      expect(a['00201208'].Value).toEqual([3]);
      expect(text(a, '00100010').Alphabetic).toBe('Smith^Anna');
    });

    it('overwrites a re-sent instance when configured to', async () => {
      const other = await startArchive({ ...settings(), onDuplicate: 'overwrite' });
      try {
        const sop = { study: S.b, series: S.b + '.1', sop: S.b + '.1.1' };
        expect((await stow(other.url, [syntheticInstance({ ...sop, frames: 1 })])).status).toBe(200);
        expect((await stow(other.url, [syntheticInstance({ ...sop, frames: 2 })])).status).toBe(200);
        const res = await fetch(`${other.url}/dicomweb/instances?SOPInstanceUID=${sop.sop}`);
        const [m] = (await res.json()) as Json[];
        expect(text(m!, '00280008')).toBe(2);
        expect(text(m!, '00201208')).toBe(1);
      } finally {
        await other.close();
      }
    });

    it('keeps a stowBody round trip of the multipart encoder', () => {
      const { contentType } = stowBody([new Uint8Array(1)]);
      expect(contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    });
  });
}
