import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDataSet, TransferSyntax, parseDicom } from '@dcmkit/core';
import { instanceOfPart10, dataSetIn } from '@dcmkit/dimse';

test('x', () => {
  const bytes = new Uint8Array(readFileSync('/work/shared/corpus/files/test_files/no_meta_group_length.dcm'));
  const f = parseDicom(bytes);
  console.log(f.datasetOffset, f.transferSyntax, f.warnings);
  const i = instanceOfPart10(bytes);
  console.log(i.transferSyntaxUID, i.dataSet.length, [...i.dataSet.subarray(0, 16)]);
  const out = dataSetIn(i, TransferSyntax.ExplicitVRLittleEndian)!;
  console.log([...out.subarray(0, 16)]);
  const ds = parseDataSet(out, TransferSyntax.ExplicitVRLittleEndian);
  console.log(ds.getString('SOPClassUID'), ds.size);
});
