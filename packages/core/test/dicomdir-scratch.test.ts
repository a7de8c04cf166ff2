import { test } from 'vitest';
import { readFileSync, writeFileSync, mkdirSync, cpSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseDicom, readDicomDir, directoryInstances, createDicomDir } from '@dcmkit/core';
const dir = '/work/shared/corpus/files/test_files/dicomdirtests/';
test('x', () => {
  const out = '/tmp/scr/fs'; mkdirSync(out, { recursive: true });
  const instances = [];
  for (const p of ['77654033', '98892001', '98892003']) {
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]);
    for (const f of walk(dir + p)) {
      const rel = path.relative(dir, f).split('/').map((c) => c.length > 8 ? c.slice(0, 8) : c);
      const target = path.join(out, ...rel);
      mkdirSync(path.dirname(target), { recursive: true }); cpSync(f, target);
      const file = parseDicom(new Uint8Array(readFileSync(f)), { stopBeforePixelData: true });
      instances.push({ fileID: rel, dataset: file.dataset, transferSyntax: file.transferSyntax });
    }
  }
  const { bytes, warnings } = createDicomDir(instances, { fileSetID: 'DCMKIT_TEST' });
  writeFileSync(out + '/DICOMDIR', bytes);
  console.log(warnings);
  const d = readDicomDir(parseDicom(bytes));
  console.log(d.linkedBy, d.warnings, d.records.length, directoryInstances(d).length);
  const r = spawnSync('dcmdump', ['-dc', out + '/DICOMDIR'], { encoding: 'utf8' });
  console.log(r.status, r.stderr, r.stdout.slice(0, 3000));
  const v = spawnSync('dciodvfy', [out + '/DICOMDIR'], { encoding: 'utf8' });
  console.log(v.status, v.stderr.slice(0, 3000));
});
