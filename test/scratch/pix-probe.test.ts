import { test } from 'vitest';
import { readDicomFile } from '@dcmkit/core/node';
import { registerAllCodecs } from '@dcmkit/codecs';
import { codecs, decodePixelArray, pixelSummary } from '@dcmkit/pixel';
registerAllCodecs(codecs);
test('probe', async () => {
  for (const f of ['JPEG2000-embedded-sequence-delimiter.dcm', 'examples_ybr_color.dcm', 'MR_truncated.dcm', 'badVR.dcm', 'nested_priv_SQ.dcm', 'meta_missing_tsyntax.dcm']) {
    try {
      const file = await readDicomFile('/work/shared/corpus/files/test_files/' + f);
      const t = performance.now();
      const a = await decodePixelArray(file);
      console.log(f, await pixelSummary(a.data, a.dtype, a.shape), a.photometricInterpretation, (performance.now() - t).toFixed(1), 'ms');
    } catch (e) { console.log(f, String(e)); }
  }
});
