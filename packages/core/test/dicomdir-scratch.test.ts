import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDicom, readDicomDir, directoryInstances } from '@dcmkit/core';
const dir = '/work/shared/corpus/files/test_files/dicomdirtests/';
const shape = (rs: any[]): string => rs.map((r) => `${r.type}${r.children.length ? `[${shape(r.children)}]` : ''}`).join(',');
test('x', () => {
  for (const f of ['DICOMDIR', 'DICOMDIR-bigEnd', 'DICOMDIR-implicit', 'DICOMDIR-nooffset', 'DICOMDIR-reordered', 'DICOMDIR-empty.dcm', 'DICOMDIR-nopatient', 'TINY_ALPHA/DICOMDIR']) {
    const d = readDicomDir(parseDicom(new Uint8Array(readFileSync(dir + f))));
    console.log(f, d.linkedBy, d.warnings, d.records.length, d.roots.length, directoryInstances(d).length, shape(d.roots).slice(0, 200));
  }
});
