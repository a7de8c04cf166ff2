import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDicom } from '@dcmkit/core';
const dir = '/work/shared/corpus/files/test_files/dicomdirtests/';
test('x', () => {
  for (const f of ['DICOMDIR', 'DICOMDIR-bigEnd', 'DICOMDIR-implicit', 'DICOMDIR-nooffset', 'DICOMDIR-reordered', 'DICOMDIR-empty.dcm', 'DICOMDIR-nopatient', 'TINY_ALPHA/DICOMDIR']) {
    const file = parseDicom(new Uint8Array(readFileSync(dir + f)));
    const items = file.dataset.items('DirectoryRecordSequence');
    const firsts = items.slice(0, 3).map((it) => { const e = [...it][0]!; return [e.tag.toString(16), e.vr, e.offset]; });
    console.log(f, file.transferSyntax, file.warnings, items.length, JSON.stringify(firsts), file.dataset.get('OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity'));
  }
});
