import { test } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { parseDicom } from '@dcmkit/core';
import { readWaveforms, channelValues, channelName, plotWaveform, encodeRgbaPng } from '@dcmkit/pixel';
test('x', async () => {
  const file = parseDicom(readFileSync('/work/shared/corpus/files/test_files/waveform_ecg.dcm'), { name: 'w' });
  const groups = await readWaveforms(file);
  for (const g of groups) {
    console.log(g.label, g.numberOfChannels, g.numberOfSamples, g.samplingFrequency, g.sampleInterpretation, Array.from(g.samples.subarray(0, 12)));
    g.channels.forEach((c, i) => { const v = channelValues(g, i); let s = 0; for (const x of v) s += x; console.log(i, channelName(g, i), c.sensitivity, c.units?.value, s, Math.min(...v), Math.max(...v)); });
  }
  const t = performance.now();
  const img = plotWaveform(groups[0]!);
  console.log('plot ms', performance.now() - t, img.width, img.height);
  writeFileSync('/tmp/rtwork/ecg.png', encodeRgbaPng(img, 3));
  writeFileSync('/tmp/rtwork/ecg-median.png', encodeRgbaPng(plotWaveform(groups[1]!, { width: 600, bandHeight: 60 }), 3));
});
