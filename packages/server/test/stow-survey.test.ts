import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { MemorySource } from '@dcmkit/core';
import { describeInstance } from '../src/index.js';

const corpus = '/work/shared/corpus/files/';
it('survey', async () => {
  for (const p of ['test_files/rtstruct.dcm', 'test_files/priv_SQ.dcm', 'test_files/UN_sequence.dcm', 'charset_files/chrSQEncoding.dcm', 'test_files/JPEGLSNearLossless_08.dcm', 'test_files/empty_charset_LEI.dcm', 'test_files/meta_missing_tsyntax.dcm', 'test_files/MR_truncated.dcm']) {
    try {
      await describeInstance(new MemorySource(new Uint8Array(readFileSync(corpus + p))), { size: 0, sha256: '' });
      console.log(p, 'ok');
    } catch (e) {
      console.log(p, String(e));
    }
  }
});
