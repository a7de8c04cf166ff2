// core-multiframe: the header of a 1000-frame Enhanced CT file (~524 MB): read from disk with the
// pixel data left there, against parsing the whole file held in memory.
import { readFileSync, statSync } from 'node:fs';
import { HUGE_FRAMES } from '../generate.mjs';

export const name = 'core-multiframe';
export const description = '1000-frame file header: readDicomFile (pixel data deferred) vs parseDicom / dicom-parser on the full buffer';

export async function run(ctx) {
  const { parseDicom, readDicom } = await import('@dcmkit/core');
  const { readDicomFile, FileSource } = await import('@dcmkit/core/node');
  const dicomParser = (await import('dicom-parser')).default;

  const records = [];
  const record = (subject, metric, value, unit) => records.push({ suite: name, subject, metric, value, unit });
  const readHeader = async (path) => {
    const file = await readDicomFile(path);
    await file.source.close();
    return file;
  };

  /** readDicomFile: time, memory kept, and how many bytes it read of the file. */
  const fromDisk = async (path, subject) => {
    ctx.log(`core-multiframe: ${subject} ...`);
    // Timed first: the memory kept is then that of the data, not of first-call compilation.
    const { median } = await ctx.sample(() => readHeader(path));
    const memory = await ctx.retained(() => readHeader(path));
    const source = new FileSource(path);
    let bytesRead = 0;
    const counting = {
      size: source.size,
      name: path,
      async read(offset, length) {
        const bytes = await source.read(offset, length);
        bytesRead += bytes.length;
        return bytes;
      },
    };
    const file = await readDicom(counting);
    await source.close();
    record(subject, 'ms', median, 'ms');
    record(subject, 'rss_delta', memory.rss, 'MiB');
    record(subject, 'heap_delta', memory.heap, 'MiB');
    record(subject, 'bytes_read', bytesRead / 2 ** 20, 'MiB');
    record(subject, 'file_size', statSync(path).size / 2 ** 20, 'MiB');
    if (!file.dataset.element(0x7fe00010)?.deferred) ctx.log(`core-multiframe: Pixel Data of ${path} was not deferred`);
    return median;
  };

  const path = ctx.data.multiframe();
  const diskMs = await fromDisk(path, 'dcmkit readDicomFile');
  if (ctx.options.huge) await fromDisk(ctx.data.multiframe({ frames: HUGE_FRAMES }), `dcmkit readDicomFile ${HUGE_FRAMES} frames`);

  // In memory: the whole file loaded once; memory is the buffer plus what the parse keeps.
  const inMemory = {
    'dcmkit parseDicom (in memory)': (bytes) => parseDicom(bytes),
    'dicom-parser parseDicom (in memory)': (bytes) => dicomParser.parseDicom(bytes),
  };
  // Memory first, while no other copy of the file is alive (freed buffers leave the process lazily).
  for (const [subject, parse] of Object.entries(inMemory)) {
    const memory = await ctx.retained(() => parse(readFileSync(path)));
    record(subject, 'rss_delta', memory.rss, 'MiB');
    record(subject, 'heap_delta', memory.heap, 'MiB');
  }
  ctx.log(`core-multiframe: timing ${Object.keys(inMemory).join(', ')} ...`);
  const bytes = readFileSync(path);
  const timed = await ctx.compare(Object.fromEntries(Object.entries(inMemory).map(([s, parse]) => [s, () => parse(bytes)])));
  const ms = {};
  for (const [subject, t] of Object.entries(timed)) {
    ms[subject] = t.median;
    record(subject, 'ms', t.median, 'ms');
  }
  const load = await ctx.sample(() => readFileSync(path), { warmup: 1, minIterations: 3, minTime: 0 });
  record('readFileSync (load only)', 'ms', load.median, 'ms');

  const dp = ms['dicom-parser parseDicom (in memory)'];
  record('dcmkit readDicomFile', 'ratio_vs_dicom-parser', dp / diskMs, 'x');
  record('dcmkit parseDicom (in memory)', 'ratio_vs_dicom-parser', dp / ms['dcmkit parseDicom (in memory)'], 'x');
  return records;
}
