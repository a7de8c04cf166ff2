// server-index (opt-in: `npm run bench -- server-index`): QIDO-RS searches over a synthetic index of 1,000,000
// instances (10,000 studies x 2 series x 50 instances), rows inserted directly, on SQLite and on
// PostgreSQL (postgres://postgres@127.0.0.1:5432/test, or DCMKIT_BENCH_PG; a schema of its own, dropped after),
// timed as the QIDO-RS route runs them (parse, index query, JSON) without the HTTP round trip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { percentile } from '../lib/server.mjs';

export const name = 'server-index';
export const description = 'QIDO-RS p50/p95 over a 1,000,000-instance index, SQLite and PostgreSQL';
export const optIn = true;

const STUDIES = 10_000;
const SERIES = 2;
const INSTANCES = 50;
const ROOT = '1.2.826.0.1.3680043.10.8';
const PG = process.env.DCMKIT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const name5 = (s) => `BENCH^P${String(s).padStart(5, '0')}`;
const date = (s) => new Date(Date.UTC(2000, 0, 1 + s)).toISOString().slice(0, 10).replace(/-/g, '');
const pn = (v) => ({ vr: 'PN', Value: [{ Alphabetic: v }] });
const str = (vr, v) => ({ vr, Value: [v] });

function studyRow(s) {
  const uid = `${ROOT}.${s + 1}`;
  const attributes = { '00080020': str('DA', date(s)), '00080030': str('TM', '120000'), '00100010': pn(name5(s)), '00100020': str('LO', `PID${s}`), '0020000D': str('UI', uid) };
  return {
    study_uid: uid, patient_name: name5(s), patient_name_norm: name5(s).toLowerCase(), patient_id: `PID${s}`, patient_birth_date: '19700101', patient_sex: 'O',
    study_date: date(s), study_time: '120000.000000', accession_number: `ACC${s}`, referring_physician_name_norm: null, study_id: '1', study_description: 'CT CHEST',
    modalities: 'CT', num_series: SERIES, num_instances: SERIES * INSTANCES, attributes: JSON.stringify(attributes),
  };
}

function seriesRow(s, e) {
  const uid = `${ROOT}.${s + 1}.${e + 1}`;
  return { series_uid: uid, study_uid: `${ROOT}.${s + 1}`, modality: 'CT', series_number: e + 1, series_description: 'AXIAL', pps_start_date: null, pps_start_time: null, num_instances: INSTANCES, attributes: JSON.stringify({ '00080060': str('CS', 'CT'), '0020000E': str('UI', uid) }) };
}

function instanceRow(s, e, i) {
  const study = `${ROOT}.${s + 1}`;
  const series = `${study}.${e + 1}`;
  const sop = `${series}.${i + 1}`;
  const metadata = { '00080016': str('UI', '1.2.840.10008.5.1.4.1.1.2'), '00080018': str('UI', sop), '0020000D': str('UI', study), '0020000E': str('UI', series), '00200013': { vr: 'IS', Value: [i + 1] }, '00280010': { vr: 'US', Value: [256] }, '00280011': { vr: 'US', Value: [256] }, '7FE00010': { vr: 'OW', BulkDataURI: `/dicomweb/studies/${study}/series/${series}/instances/${sop}/bulk/7FE00010` } };
  return {
    sop_uid: sop, series_uid: series, study_uid: study, sop_class_uid: '1.2.840.10008.5.1.4.1.1.2', instance_number: i + 1, rows: 256, columns: 256, bits_allocated: 16, number_of_frames: 1,
    transfer_syntax_uid: '1.2.840.10008.1.2.1', storage_key: `instances/${study}/${series}/${sop}.dcm`, size: 131_500, sha256: '0'.repeat(64),
    frames: JSON.stringify([{ parts: [[1400, 131072]] }]), bulk_data: JSON.stringify({ '7FE00010': [1400, 131072] }), metadata: JSON.stringify(metadata), received_at: '2026-01-01T00:00:00.000Z',
  };
}

/** Fills the tables in transactions of 100 studies (10,000 instances). */
async function fill(ctx, db, label) {
  const t0 = performance.now();
  for (let s0 = 0; s0 < STUDIES; s0 += 100) {
    await db.transaction().execute(async (trx) => {
      const studies = [];
      const series = [];
      const instances = [];
      for (let s = s0; s < s0 + 100; s++) {
        studies.push(studyRow(s));
        for (let e = 0; e < SERIES; e++) {
          series.push(seriesRow(s, e));
          for (let i = 0; i < INSTANCES; i++) instances.push(instanceRow(s, e, i));
        }
      }
      await trx.insertInto('studies').values(studies).execute();
      await trx.insertInto('series').values(series).execute();
      // Parameters per statement are limited (SQLite 32766, PostgreSQL 65535): 1,000 rows of 19 columns at a time.
      for (let k = 0; k < instances.length; k += 1000) await trx.insertInto('instances').values(instances.slice(k, k + 1000)).execute();
    });
    if (s0 % 2000 === 0) ctx.log(`server-index: ${label}: ${s0 * SERIES * INSTANCES} instances ...`);
  }
  return (performance.now() - t0) / 1000;
}

/** Latencies (ms) of `count` searches, each parsed, run on the index and serialised as the QIDO-RS route does. */
async function searches(index, parseQidoQuery, count, queryOf) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const [level, scope, params] = queryOf(i);
    const t0 = performance.now();
    const result = await index.query(parseQidoQuery(level, new URLSearchParams(params), scope));
    JSON.stringify(result.matches);
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Fills an index and times searches on it directly (a server started on it would remove every row in
 * its start-up repair: the synthetic rows have no files).
 */
async function measure(ctx, subject, settings) {
  const { resolveConfig, openIndex } = await import('@dcmkit/server');
  const { parseQidoQuery } = await import('@dcmkit/dicomweb');
  const data = mkdtempSync(join(tmpdir(), 'dcmkit-bench-index-'));
  const records = [];
  const record = (metric, value, unit) => records.push({ suite: name, subject, metric, value, unit });
  try {
    const index = await openIndex(resolveConfig({ data, ...settings }));
    try {
      record('fill 1M rows', await fill(ctx, index.db, subject), 's');
      // Planner statistics, as a long-running archive has them.
      await sql`analyze`.execute(index.db);
      const n = ctx.options.quick ? 30 : 200;
      const pick = (i) => (i * 7919) % STUDIES;
      const study = (i) => `${ROOT}.${pick(i) + 1}`;
      const queries = {
        'name* (studies)': (i) => ['study', {}, `PatientName=bench^p${String(pick(i)).padStart(5, '0').slice(0, 4)}*`],
        'date range (studies)': (i) => ['study', {}, `StudyDate=${date(pick(i))}-${date(pick(i) + 30)}&limit=100`],
        'series in study': (i) => ['series', { study: study(i) }, ''],
        'instances in series': (i) => ['instance', { study: study(i), series: `${study(i)}.1` }, ''],
        'name (instances)': (i) => ['instance', {}, `PatientName=${name5(pick(i))}&limit=100`],
        'SOP Instance UID': (i) => ['instance', {}, `SOPInstanceUID=${study(i)}.2.${1 + (i % INSTANCES)}`],
      };
      for (const [query, queryOf] of Object.entries(queries)) {
        const ms = await searches(index, parseQidoQuery, n, queryOf);
        record(`${query} p50`, percentile(ms, 50), 'ms');
        record(`${query} p95`, percentile(ms, 95), 'ms');
      }
    } finally {
      await index.close();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
  return records;
}

export async function run(ctx) {
  const records = await measure(ctx, 'SQLite', { db: 'sqlite' });
  const { default: pg } = await import('pg');
  const schema = `dcmkit_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG });
  try {
    await admin.connect();
  } catch (e) {
    ctx.log(`server-index: PostgreSQL at ${PG} unreachable (${e.message}): SQLite alone`);
    return records;
  }
  try {
    const url = new URL(PG);
    url.searchParams.set('schema', schema);
    records.push(...(await measure(ctx, 'PostgreSQL', { db: url.toString() })));
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
  return records;
}
