// Waveforms (PS3.3 C.10.9): the corpus ECG against its dcmdump listing and sums computed with numpy from
// the raw Waveform Data; each linear sample interpretation, sensitivity and baseline, padding, big-endian
// OW, typed errors; the stacked plot (looked at when recorded: 12 ECG leads, P-QRS-T beats on a pink grid).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DataSet, parseDicom, TransferSyntax, writeDicom, type Keyword } from '@dcmkit/core';
import { channelName, channelValues, plotWaveform, readWaveforms, sha256Hex, WaveformError } from '@dcmkit/pixel';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const files = path.resolve(repoRoot, '../shared/corpus/files/test_files');

const LEADS = ['Lead I (Einthoven)', 'Lead II', 'Lead III', 'Lead aVR', 'Lead aVL', 'Lead aVF', 'Lead V1', 'Lead V2', 'Lead V3', 'Lead V4', 'Lead V5', 'Lead V6'];

describe.runIf(existsSync(files))('waveform_ecg.dcm', () => {
  const file = () => parseDicom(readFileSync(path.join(files, 'waveform_ecg.dcm')), { name: 'waveform_ecg.dcm' });

  test('two multiplex groups of 12 leads, as the dcmdump listing shows', async () => {
    const groups = await readWaveforms(file());
    expect(groups.map(({ samples: _, channels: __, ...g }) => g)).toEqual([
      { label: 'RHYTHM', originality: 'ORIGINAL', numberOfChannels: 12, numberOfSamples: 10000, samplingFrequency: 1000, timeOffset: 0, bitsAllocated: 16, sampleInterpretation: 'SS' },
      { label: 'MEDIAN BEAT', originality: 'DERIVED', numberOfChannels: 12, numberOfSamples: 1200, samplingFrequency: 1000, timeOffset: 0, bitsAllocated: 16, sampleInterpretation: 'SS' },
    ]);
    for (const g of groups) {
      expect(g.channels.map((_, i) => channelName(g, i))).toEqual(LEADS);
      expect(g.channels[0]).toEqual({
        label: '',
        source: { value: '5.6.3-9-1', scheme: 'SCPECG', meaning: 'Lead I (Einthoven)' },
        sensitivity: 1.25,
        units: { value: 'uV', scheme: 'UCUM', meaning: 'microvolt' },
        correctionFactor: 1,
        baseline: 0,
        bitsStored: 16,
      });
    }
    // The first 12 interleaved samples (one per channel) of each Waveform Data in the listing.
    expect([...groups[0]!.samples.subarray(0, 12)]).toEqual([0x50, 0x5a, 0x0a, -0x55, 0x23, 0x32, 0x28, 0x0f, -0x0a, -0x14, -0x37, -0x28]);
    expect([...groups[1]!.samples.subarray(0, 12)]).toEqual([0x0a, 0x50, 0x46, -0x2d, -0x1e, 0x4b, -0x28, -0x0a, 0x50, 0x5a, 0x3c, 0x28]);
  });

  test('channel values in µV match numpy over the raw Waveform Data (samples x 1.25 x 1 + 0)', async () => {
    const [rhythm, median] = await readWaveforms(file());
    const sums = (g: typeof rhythm) => g!.channels.map((_, i) => channelValues(g!, i).reduce((a, b) => a + b, 0));
    expect(sums(rhythm)).toEqual([926613.75, 908587.5, -18026.25, -914497.5, 469263.75, 442162.5, 357775, 396443.75, 367325, 381043.75, 386181.25, 384187.5]);
    expect(sums(median)).toEqual([68675, 158575, 89900, -113262.5, -10985, 123883.75, -101475, -9037.5, 131825, 187325, 176050, 132025]);
    const leadI = channelValues(rhythm!, 0);
    expect([Math.min(...leadI), Math.max(...leadI), leadI[0], leadI[9999]]).toEqual([-62.5, 725, 100, 25]);
  });

  test('plots the rhythm strip: one 100-pixel band per lead (golden RGBA)', async () => {
    const [rhythm] = await readWaveforms(file());
    const image = plotWaveform(rhythm!);
    expect([image.width, image.height]).toEqual([2000, 1200]);
    expect([...image.rgba.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    expect(await sha256Hex(new Uint8Array(image.rgba.buffer))).toBe('ad1d35b4eaa0a024444f167db0062fd9fbdf5a7b24eaa11a4b6ad0345f98ba66');
  });
});

type GroupSpec = Partial<Record<Keyword, unknown>> & { data: Uint8Array; channels?: Partial<Record<Keyword, unknown>>[] };

/** A data set with one multiplex group: required attributes from `spec`, channels with sensitivity when given. */
function waveform(spec: GroupSpec): DataSet {
  const ds = new DataSet();
  ds.set('SOPClassUID', '1.2.840.10008.5.1.4.1.1.9.1.1');
  ds.set('SOPInstanceUID', '1.2.3.4');
  const item = ds.createItem();
  const { data, channels = [{}, {}], ...attributes } = spec;
  item.set('WaveformOriginality', 'ORIGINAL');
  item.set('NumberOfWaveformChannels', channels.length);
  item.set('SamplingFrequency', 500);
  for (const [k, v] of Object.entries(attributes)) item.set(k as Keyword, v as never);
  item.set(
    'ChannelDefinitionSequence',
    channels.map((c) => {
      const ch = item.createItem();
      for (const [k, v] of Object.entries(c)) ch.set(k as Keyword, v as never);
      return ch;
    }),
  );
  item.set('WaveformData', data, (attributes.WaveformBitsAllocated ?? 16) === 8 ? 'OB' : 'OW');
  ds.set('WaveformSequence', [item]);
  return ds;
}

const words = (values: number[], signed: boolean) => new Uint8Array((signed ? Int16Array : Uint16Array).from(values).buffer);

describe('sample interpretations and scaling', () => {
  test.each([
    ['SB', 8, Uint8Array.from([0x80, 0x7f, 0xff, 0x01]), [-128, 127, -1, 1]],
    ['UB', 8, Uint8Array.from([0x80, 0x7f, 0xff, 0x01]), [128, 127, 255, 1]],
    ['SS', 16, words([-32768, 32767, -1, 2], true), [-32768, 32767, -1, 2]],
    ['US', 16, words([65535, 0, 1, 40000], false), [65535, 0, 1, 40000]],
  ])('%s in %i bits', async (interpretation, bits, data, samples) => {
    const [g] = await readWaveforms(waveform({ NumberOfWaveformSamples: 2, WaveformBitsAllocated: bits, WaveformSampleInterpretation: interpretation, data }));
    expect([...g!.samples]).toEqual(samples);
    // Uncalibrated channels: the stored samples; channel 1 is every second sample.
    expect([...channelValues(g!, 1)]).toEqual([samples[1], samples[3]]);
  });

  test('sample x Channel Sensitivity x Correction Factor + Channel Baseline; padding is NaN', async () => {
    const ds = waveform({
      NumberOfWaveformSamples: 3,
      WaveformBitsAllocated: 16,
      WaveformSampleInterpretation: 'SS',
      WaveformPaddingValue: words([-32768], true),
      data: words([10, 1, -32768, 2, 30, 3], true),
      channels: [
        { ChannelLabel: 'ART', ChannelSensitivity: 0.5, ChannelSensitivityCorrectionFactor: 2, ChannelBaseline: 100 },
        { ChannelSensitivity: 2, ChannelBaseline: -1 },
      ],
    });
    ds.items('WaveformSequence')[0]!.element('WaveformPaddingValue')!.vr = 'OW';
    const [g] = await readWaveforms(ds);
    expect(g!.paddingValue).toBe(-32768);
    expect(channelName(g!, 0)).toBe('ART');
    expect(channelName(g!, 1)).toBe('channel 2');
    expect([...channelValues(g!, 0)]).toEqual([110, Number.NaN, 130]);
    expect([...channelValues(g!, 1)]).toEqual([1, 3, 5]);
  });

  test('OW Waveform Data written in Explicit VR Big Endian reads the same', async () => {
    const ds = waveform({ NumberOfWaveformSamples: 2, WaveformBitsAllocated: 16, WaveformSampleInterpretation: 'SS', data: words([-2, 3, 1000, -1000], true) });
    const big = parseDicom(writeDicom({ dataset: ds }, { transferSyntax: TransferSyntax.ExplicitVRBigEndian }));
    expect(big.dataset.encoding.littleEndian).toBe(false);
    expect([...(await readWaveforms(big))[0]!.samples]).toEqual([-2, 3, 1000, -1000]);
  });
});

describe('typed errors', () => {
  const valid: GroupSpec = { NumberOfWaveformSamples: 2, WaveformBitsAllocated: 16, WaveformSampleInterpretation: 'SS', data: words([1, 2, 3, 4], true) };
  const errorOf = (ds: DataSet) => readWaveforms(ds).then(() => undefined, (e: unknown) => e);

  test.each(['NumberOfWaveformChannels', 'NumberOfWaveformSamples', 'SamplingFrequency', 'WaveformBitsAllocated', 'WaveformSampleInterpretation', 'WaveformData'] as Keyword[])(
    'without %s',
    async (keyword) => {
      const ds = waveform(valid);
      ds.items('WaveformSequence')[0]!.delete(keyword);
      const e = await errorOf(ds);
      expect(e).toBeInstanceOf(WaveformError);
      expect(e).toMatchObject({ kind: 'missing', keyword, path: 'WaveformSequence[0]', message: `WaveformSequence[0]: ${keyword} is missing` });
    },
  );

  test.each([
    ['mu-law', { WaveformBitsAllocated: 8, WaveformSampleInterpretation: 'MB', data: new Uint8Array(4) }, 'unsupported', 'WaveformSampleInterpretation MB (mu-law companded samples) is not supported'],
    ['A-law', { WaveformBitsAllocated: 8, WaveformSampleInterpretation: 'AB', data: new Uint8Array(4) }, 'unsupported', 'WaveformSampleInterpretation AB (A-law companded samples) is not supported'],
    ['bits that do not fit', { WaveformBitsAllocated: 8, WaveformSampleInterpretation: 'SS', data: new Uint8Array(8) }, 'invalid', 'WaveformBitsAllocated is 8, SS samples take 16'],
    ['too little data', { data: new Uint8Array(6) }, 'truncated', 'WaveformData has 6 bytes, 2 channels x 2 samples need 8'],
    ['a channel short', { channels: [{}] , NumberOfWaveformChannels: 2 }, 'invalid', 'ChannelDefinitionSequence has 1 items for 2 channels'],
  ] as [string, Partial<GroupSpec>, string, string][])('%s', async (_, change, kind, message) => {
    const spec = { ...valid, ...change };
    const ds = waveform(spec);
    if (change.NumberOfWaveformChannels !== undefined) ds.items('WaveformSequence')[0]!.set('NumberOfWaveformChannels', change.NumberOfWaveformChannels as number);
    expect(await errorOf(ds)).toMatchObject({ kind, message: `WaveformSequence[0]: ${message}` });
  });

  test('no Waveform Sequence', async () => {
    expect(await errorOf(new DataSet())).toMatchObject({ kind: 'missing', keyword: 'WaveformSequence', message: 'WaveformSequence is missing' });
  });
});
