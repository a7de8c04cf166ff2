// deidentify: the 300-slice CT series de-identified file by file as `dcmkit anonymize` does it (read,
// parse, Basic Profile, write), against a plain copy (read, parse, write) as the floor. Goal: under
// 1.5x the copy's time. The de-identification alone, on files already in memory, is timed too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const name = 'deidentify';
export const description = '300-slice CT series: read + de-identify (Basic Profile) + write vs read + write';

export async function run(ctx) {
  const { parseDicom, writeDicom, deidentifyFile } = await import('@dcmkit/core');
  const paths = ctx.data.ctSeries();
  const out = mkdtempSync(join(tmpdir(), 'dcmkit-bench-deidentify-'));
  const target = (i) => join(out, `${i}.dcm`);
  const secret = 'bench secret';
  const totalBytes = paths.reduce((n, p) => n + readFileSync(p).length, 0);
  const parsed = paths.map((p) => parseDicom(readFileSync(p)));
  ctx.log(`deidentify: ${paths.length} files, ${(totalBytes / 1e6).toFixed(1)} MB`);

  // One UID map per run of the series, as the CLI keeps one per invocation.
  const subjects = {
    'copy (read + write)': () => {
      paths.forEach((p, i) => writeFileSync(target(i), writeDicom(parseDicom(readFileSync(p)))));
    },
    'deidentify (read + de-identify + write)': () => {
      const uidMap = new Map();
      paths.forEach((p, i) => writeFileSync(target(i), writeDicom(deidentifyFile(parseDicom(readFileSync(p)), { secret, uidMap }).file)));
    },
    'deidentify in memory': () => {
      const uidMap = new Map();
      for (const file of parsed) deidentifyFile(file, { secret, uidMap });
    },
  };
  let timed;
  try {
    ctx.log(`deidentify: timing ${Object.keys(subjects).join(', ')} in interleaved rounds ...`);
    timed = await ctx.compare(subjects);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const records = [];
  const record = (subject, metric, value, unit) => records.push({ suite: name, subject, metric, value, unit });
  for (const [subject, t] of Object.entries(timed)) {
    record(subject, 'files/s', paths.length / (t.median / 1000), 'files/s');
    record(subject, 'us/file', (t.median * 1000) / paths.length, 'us');
  }
  // The cost of de-identification over the floor (< 1.5: the goal is met).
  const ratio = timed['deidentify (read + de-identify + write)'].median / timed['copy (read + write)'].median;
  record('deidentify (read + de-identify + write)', 'time_vs_copy', ratio, 'x');
  if (ratio >= 1.5) ctx.log(`deidentify: ${ratio.toFixed(2)}x the copy's time, above the 1.5x goal`);
  return records;
}
