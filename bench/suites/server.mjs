// server: the archive over HTTP on loopback. 10,000 generated 256x256 CT-like instances in 50 studies
// are stored with STOW-RS at concurrency 1 and 4; then QIDO-RS latencies (patient-name wildcard,
// date range, series of a study), WADO-RS series metadata and single-frame latency when those routes
// exist, and the server's peak RSS. With the Debian packages orthanc and orthanc-dicomweb installed,
// Orthanc gets the same requests side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, latencies, peakRssMiB, percentile, pool, request, startDcmkit, stowRequest, templated } from '../lib/server.mjs';
import { startOrthanc } from '../lib/orthanc.mjs';

export const name = 'server';
export const description = 'STOW-RS ingest, QIDO-RS and WADO-RS latency, peak RSS (dcmkit serve; Orthanc side by side when installed)';

const STUDIES = 50;
const SERIES_PER_STUDY = 2;
const INSTANCES = 10_000;
const PER_SERIES = INSTANCES / (STUDIES * SERIES_PER_STUDY);
const ROOT = '1.2.826.0.1.3680043.10.9';
const pad = (n, width) => String(n).padStart(width, '0');

/** One 256x256 16-bit CT-like instance with placeholders of fixed width for its UIDs, name and date. */
async function instanceMaker() {
  const { DataSet, writeDicom } = await import('@dcmkit/core');
  const ds = new DataSet();
  ds.set('SpecificCharacterSet', 'ISO_IR 100');
  ds.set('ImageType', ['ORIGINAL', 'PRIMARY', 'AXIAL']);
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.2');
  ds.set('SOPInstanceUID', `${ROOT}.33.33.33333`);
  ds.set('StudyDate', '29991231', 'DA');
  ds.set('StudyTime', '120000', 'TM');
  ds.set('AccessionNumber', 'ACC99');
  ds.set('Modality', 'CT');
  ds.set('Manufacturer', 'dcmkit bench');
  ds.set('StudyDescription', 'CT CHEST');
  ds.set('SeriesDescription', 'AXIAL 1.0');
  ds.set('PatientName', 'BENCH^PATIENT99', 'PN');
  ds.set('PatientID', 'PID99');
  ds.set('PatientBirthDate', '19700101', 'DA');
  ds.set('PatientSex', 'O');
  ds.set('SliceThickness', '1.0', 'DS');
  ds.set('StudyInstanceUID', `${ROOT}.11`);
  ds.set('SeriesInstanceUID', `${ROOT}.22.22`);
  ds.set('StudyID', '1');
  ds.set('SeriesNumber', '1', 'IS');
  ds.set('InstanceNumber', '1', 'IS');
  ds.set('ImagePositionPatient', ['0', '0', '0'], 'DS');
  ds.set('ImageOrientationPatient', ['1', '0', '0', '0', '1', '0'], 'DS');
  ds.set('SamplesPerPixel', 1, 'US');
  ds.set('PhotometricInterpretation', 'MONOCHROME2');
  ds.set('Rows', 256, 'US');
  ds.set('Columns', 256, 'US');
  ds.set('PixelSpacing', ['0.7', '0.7'], 'DS');
  ds.set('BitsAllocated', 16, 'US');
  ds.set('BitsStored', 12, 'US');
  ds.set('HighBit', 11, 'US');
  ds.set('PixelRepresentation', 0, 'US');
  ds.set('WindowCenter', '40', 'DS');
  ds.set('WindowWidth', '400', 'DS');
  ds.set('RescaleIntercept', '-1024', 'DS');
  ds.set('RescaleSlope', '1', 'DS');
  const pixels = new Uint16Array(256 * 256);
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) pixels[y * 256 + x] = (x - 128) ** 2 + (y - 128) ** 2 < 100 ** 2 ? 1024 + ((x * y) % 60) : 24;
  ds.set('PixelData', new Uint8Array(pixels.buffer), 'OW');
  const make = templated(writeDicom({ dataset: ds }, { transferSyntax: '1.2.840.10008.1.2.1' }), {
    // None of these is part of another, so each is found only where it stands.
    sop: `${ROOT}.33.33.33333`,
    series: `${ROOT}.22.22`,
    study: `${ROOT}.11`,
    name: 'BENCH^PATIENT99',
    id: 'PID99',
    date: '29991231',
  });
  /** Instance i: study i % 50 (so concurrent clients hit every study), series, patient and date per study. */
  return (i) => {
    const study = i % STUDIES;
    const series = Math.floor(i / STUDIES) % SERIES_PER_STUDY;
    // UID components have no leading zeros (PS3.5 9.1): numbers from 10 and 10000 keep the widths.
    const s = String(10 + study);
    return {
      study: `${ROOT}.${s}`,
      bytes: make({
        sop: `${ROOT}.${s}.${10 + series}.${10000 + Math.floor(i / STUDIES)}`,
        series: `${ROOT}.${s}.${10 + series}`,
        study: `${ROOT}.${s}`,
        name: `BENCH^PATIENT${pad(study, 2)}`,
        id: `PID${pad(study, 2)}`,
        // One study every week of 2020.
        date: new Date(Date.UTC(2020, 0, 1 + 7 * study)).toISOString().slice(0, 10).replace(/-/g, ''),
      }),
    };
  };
}

/** Stores instances [from, to) with `concurrency` clients; instances/s. */
async function ingest(stowUrl, make, from, to, concurrency) {
  const t0 = performance.now();
  await pool(to - from, concurrency, async (k) => {
    const { body, contentType } = stowRequest(make(from + k).bytes);
    const { status } = await request(stowUrl, { method: 'POST', headers: { 'Content-Type': contentType, Accept: 'application/dicom+json' }, body });
    if (status !== 200) throw new Error(`STOW-RS answered ${status}`);
  });
  return (to - from) / ((performance.now() - t0) / 1000);
}

/** Runs the workload against one DICOMweb root; returns records for `subject`. */
async function workload(ctx, subject, base, make, quick) {
  const records = [];
  const record = (metric, value, unit) => records.push({ suite: name, subject, metric, value, unit });
  const single = quick ? 500 : 2000;
  const total = quick ? 2000 : INSTANCES;
  ctx.log(`server: ${subject}: storing ${single} instances one client at a time ...`);
  record('STOW-RS c=1', await ingest(`${base}/studies`, make, 0, single, 1), 'instances/s');
  ctx.log(`server: ${subject}: storing ${total - single} more with 4 clients ...`);
  record('STOW-RS c=4', await ingest(`${base}/studies`, make, single, total, 4), 'instances/s');

  const json = { Accept: 'application/dicom+json' };
  const n = quick ? 50 : 200;
  const studyUid = (i) => `${ROOT}.${10 + (i % STUDIES)}`;
  const queries = {
    'QIDO name*': (i) => `${base}/studies?PatientName=BENCH^PATIENT${pad(i % STUDIES, 2).slice(0, 1)}*`,
    'QIDO date range': (i) => `${base}/studies?StudyDate=2020${pad(1 + (i % 6), 2)}01-2020${pad(3 + (i % 6), 2)}28`,
    'QIDO series in study': (i) => `${base}/studies/${studyUid(i)}/series`,
  };
  for (const [metric, urlOf] of Object.entries(queries)) {
    const ms = await latencies(n, urlOf, json);
    record(`${metric} p50`, percentile(ms, 50), 'ms');
    record(`${metric} p95`, percentile(ms, 95), 'ms');
  }
  // WADO-RS, when the archive has it: the metadata of a series, and one frame of an instance.
  const [series] = await getJson(`${base}/studies/${studyUid(0)}/series`, json);
  const seriesUid = series['0020000E'].Value[0];
  const probe = await request(`${base}/studies/${studyUid(0)}/series/${seriesUid}/metadata`, { headers: json });
  if (probe.status === 200) {
    const instances = await getJson(`${base}/studies/${studyUid(0)}/series/${seriesUid}/instances`, json);
    const sops = instances.map((m) => m['00080018'].Value[0]);
    const meta = await latencies(n, (i) => `${base}/studies/${studyUid(0)}/series/${seriesUid}/metadata`, json);
    record('WADO series metadata p50', percentile(meta, 50), 'ms');
    record('WADO series metadata p95', percentile(meta, 95), 'ms');
    const frames = await latencies(n, (i) => `${base}/studies/${studyUid(0)}/series/${seriesUid}/instances/${sops[i % sops.length]}/frames/1`, {
      Accept: 'multipart/related; type="application/octet-stream"',
    });
    record('WADO frame p50', percentile(frames, 50), 'ms');
    record('WADO frame p95', percentile(frames, 95), 'ms');
  } else ctx.log(`server: ${subject}: no WADO-RS metadata route (${probe.status}), WADO figures left out`);
  return records;
}

export async function run(ctx) {
  const quick = ctx.options.quick;
  const make = await instanceMaker();
  const records = [];
  const data = mkdtempSync(join(tmpdir(), 'dcmkit-bench-server-'));
  const dcmkit = await startDcmkit(['--data', data]);
  try {
    records.push(...(await workload(ctx, 'dcmkit serve (SQLite)', `${dcmkit.url}/dicomweb`, make, quick)));
    records.push({ suite: name, subject: 'dcmkit serve (SQLite)', metric: 'peak RSS', value: peakRssMiB(dcmkit.child.pid), unit: 'MiB' });
  } finally {
    await dcmkit.stop();
    rmSync(data, { recursive: true, force: true });
  }
  const orthanc = await startOrthanc(ctx.log).catch((e) => ctx.log(`server: Orthanc not run: ${e.message}`));
  if (!orthanc) {
    ctx.log('server: Orthanc is not installed (apt-get install orthanc orthanc-dicomweb): dcmkit alone');
    return records;
  }
  try {
    records.push(...(await workload(ctx, 'Orthanc', `${orthanc.url}/dicom-web`, make, quick)));
    records.push({ suite: name, subject: 'Orthanc', metric: 'peak RSS', value: peakRssMiB(orthanc.child.pid), unit: 'MiB' });
  } finally {
    await orthanc.stop();
  }
  return records;
}
