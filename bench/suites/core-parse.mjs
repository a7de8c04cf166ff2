// core-parse: a 300-slice CT series held in memory, parsed file by file. Only parsing is timed.
import { readFileSync } from 'node:fs';
import { dcmkitValues, dicomParserValues } from '../lib/walk.mjs';

export const name = 'core-parse';
export const description = '300-slice CT series in memory: structure only, every value decoded, vs dicom-parser and dcmjs';

export async function run(ctx) {
  const { parseDicom } = await import('@dcmkit/core');
  const dicomParser = (await import('dicom-parser')).default;
  const dcmjs = (await import('dcmjs')).default;
  dcmjs.log.setLevel('silent');

  // Each file gets its own exactly-sized ArrayBuffer: dcmjs reads ArrayBuffers, the others views.
  const files = ctx.data.ctSeries().map((path) => {
    const b = readFileSync(path);
    const buffer = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    return { buffer, bytes: new Uint8Array(buffer) };
  });
  const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);

  const dcmkitAll = (f) => {
    const file = parseDicom(f.bytes);
    return dcmkitValues(file.meta) + dcmkitValues(file.dataset);
  };
  const dicomParserAll = (f) => dicomParserValues(dicomParser, dicomParser.parseDicom(f.bytes));
  const dcmkitCount = dcmkitAll(files[0]);
  const peerCount = dicomParserAll(files[0]);
  if (dcmkitCount !== peerCount) ctx.log(`core-parse: dcmkit visits ${dcmkitCount} elements, dicom-parser ${peerCount}`);
  ctx.log(`core-parse: ${files.length} files, ${(totalBytes / 1e6).toFixed(1)} MB, ${dcmkitCount} elements per file`);

  let sink = 0;
  const subjects = {
    'dcmkit structure': (f) => parseDicom(f.bytes).dataset.size,
    'dcmkit values': dcmkitAll,
    'dicom-parser structure': (f) => dicomParser.parseDicom(f.bytes).elements,
    'dicom-parser values': dicomParserAll,
    'dcmjs readFile': (f) => dcmjs.data.DicomMessage.readFile(f.buffer).dict,
  };
  const perSeries = (parse) => () => {
    for (const f of files) sink += parse(f) ? 1 : 0;
  };
  ctx.log(`core-parse: timing ${Object.keys(subjects).join(', ')} in interleaved rounds ...`);
  const timed = await ctx.compare(Object.fromEntries(Object.entries(subjects).map(([s, parse]) => [s, perSeries(parse)])));
  const ms = Object.fromEntries(Object.entries(timed).map(([s, t]) => [s, t.median]));
  if (sink === 0) throw new Error('core-parse: no file parsed');

  const records = [];
  const record = (subject, metric, value, unit) => records.push({ suite: name, subject, metric, value, unit });
  for (const [subject, t] of Object.entries(ms)) {
    record(subject, 'files/s', files.length / (t / 1000), 'files/s');
    record(subject, 'MB/s', totalBytes / 1e6 / (t / 1000), 'MB/s');
    record(subject, 'us/file', (t * 1000) / files.length, 'us');
  }
  // Speed-ups: the peer's time over dcmkit's, for the same kind of work (> 1: dcmkit is faster).
  const ratio = (ours, peer, label) => record(ours, `ratio_vs_${label}`, ms[peer] / ms[ours], 'x');
  ratio('dcmkit structure', 'dicom-parser structure', 'dicom-parser');
  ratio('dcmkit values', 'dicom-parser values', 'dicom-parser');
  ratio('dcmkit values', 'dcmjs readFile', 'dcmjs');
  ratio('dcmkit structure', 'dcmjs readFile', 'dcmjs');
  return records;
}
