import { test } from 'vitest';
import { DataSet, writeDataSet, TransferSyntax } from '@dcmkit/core';
test('depth', () => {
  for (const depth of [1001, 1200, 5000]) {
    const root = new DataSet(); let ds = root;
    for (let i = 0; i < depth; i++) { const inner = new DataSet(); ds.set('ContentSequence', [inner]); ds = inner; }
    try { writeDataSet(root, TransferSyntax.ExplicitVRLittleEndian); console.log(depth, 'ok'); } catch (e) { console.log(depth, (e as Error).stack?.split('\n').slice(0, 8).join('\n')); }
  }
});
