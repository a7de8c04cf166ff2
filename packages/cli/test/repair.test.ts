// dcmkit repair: the start-up repair on its own; a stored file without an index row gets one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DataSet, writeDicom } from '@dcmkit/core';
import { openIndex, resolveConfig } from '@dcmkit/server';
import { cli } from '../../../test/cli-run.js';

const data = mkdtempSync(path.join(tmpdir(), 'dcmkit-repair-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

const [study, series, sop] = ['1.2.826.0.1.3680043.10.5710', '1.2.826.0.1.3680043.10.5710.1', '1.2.826.0.1.3680043.10.5710.1.1'];

test('indexes a stored file that has no row, then finds nothing to do', async () => {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.7');
  ds.set('SOPInstanceUID', sop);
  ds.set('StudyInstanceUID', study);
  ds.set('SeriesInstanceUID', series);
  ds.set('PatientID', 'REPAIR');
  // Where the archive keeps it (instances/<study>/<series>/<sop>.dcm), as a crash between rename and index commit leaves it.
  const folder = path.join(data, 'instances', study, series);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `${sop}.dcm`), writeDicom({ dataset: ds }, { transferSyntax: '1.2.840.10008.1.2.1' }));

  const first = await cli('repair', '--data', data);
  expect(first).toMatchObject({ code: 0, stdout: 'dcmkit: repair: indexed 1 stored file(s) that had no index entry\n' });
  const index = await openIndex(resolveConfig({ data }));
  try {
    expect((await index.getInstance(sop))?.storageKey).toBe(`instances/${study}/${series}/${sop}.dcm`);
  } finally {
    await index.close();
  }
  expect(await cli('repair', '--data', data)).toMatchObject({ code: 0, stdout: 'dcmkit: repair: the index and the stored instances agree\n' });
});

test('a file it cannot index is reported and the exit code says so', async () => {
  const folder = path.join(data, 'instances', study, series);
  writeFileSync(path.join(folder, '1.2.3.dcm'), new Uint8Array(10));
  const { code, stdout } = await cli('repair', '--data', data);
  expect(code).toBe(1);
  expect(stdout).toMatch(/^dcmkit: repair: cannot index instances\/.*\/1\.2\.3\.dcm: /);
});
