import { test } from 'vitest';
import { cli } from '../../../test/cli-run.js';
const f = (n: string) => '/work/shared/corpus/files/test_files/' + n;
test('x', async () => {
  for (const args of [['rt', f('rtstruct.dcm')], ['rt', f('rtdose.dcm')], ['rt', f('rtdose_rle_1frame.dcm')], ['rt', f('rtplan.dcm')], ['rt', f('CT_small.dcm')], ['waveform', f('waveform_ecg.dcm'), '--png', '/tmp/rtwork/cli-ecg.png', '--group', '1'], ['rt', f('rtdose.dcm'), '--json']]) {
    const r = await cli(...args);
    console.log(args.join(' '), '=>', r.code, '\n' + r.stdout.slice(0, 3000) + r.stderr);
  }
});
