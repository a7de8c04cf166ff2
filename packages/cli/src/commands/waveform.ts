// `dcmkit waveform FILE`: the multiplex groups and channels of a waveform (PS3.3 C.10.9) — ECG,
// pressure, audio ... — with each channel's range in its units; `--png OUT.png` plots one group.
import { writeFile } from 'node:fs/promises';
import { channelName, channelValues, encodeRgbaPng, finiteRange, plotWaveform, readWaveforms, type MultiplexGroup } from '@dcmkit/pixel';
import { UsageError, openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface WaveformOptions {
  json?: boolean;
  png?: string;
  group: number;
  width?: number;
  bandHeight?: number;
}

const count = (option: string, min: number) => (text: string): number => {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${option} needs a whole number of at least ${min}, not '${text}'`);
  return Number(text);
};

const num = (n: number): string => String(Number(n.toFixed(4)));

function channelsOf(group: MultiplexGroup) {
  return group.channels.map((c, i) => ({
    number: i + 1,
    name: channelName(group, i),
    ...c,
    units: c.units?.value ?? '',
    range: finiteRange(channelValues(group, i)),
  }));
}

function formatGroup(group: MultiplexGroup, index: number): string[] {
  const seconds = group.numberOfSamples / group.samplingFrequency;
  return [
    `group ${index} ${group.label ? `'${group.label}'` : '-'} (${group.originality || '?'}): ${group.numberOfChannels} channels x ${group.numberOfSamples} samples at ${num(group.samplingFrequency)} Hz = ${num(seconds)} s, ${group.sampleInterpretation} in ${group.bitsAllocated} bits`,
    ...channelsOf(group).map((c) => {
      const scale = c.sensitivity === undefined ? 'uncalibrated' : `${num(c.sensitivity * c.correctionFactor)} ${c.units} per step${c.baseline ? `, baseline ${num(c.baseline)}` : ''}`;
      return `  ${String(c.number).padStart(2)} ${c.name}: ${scale}, ${c.range ? `${num(c.range.min)}..${num(c.range.max)} ${c.units}` : 'all padding'}`;
    }),
  ];
}

export const waveformCommand: RegisterCommand = (program) => {
  program
    .command('waveform')
    .description('list the multiplex groups and channels of a waveform (ECG ...); --png plots a group, channels stacked top to bottom')
    .argument('<file>', 'DICOM waveform file')
    .option('--json', 'print groups and channels (without samples) as JSON')
    .option('--png <out.png>', 'plot a multiplex group to PNG, one band per channel in channel order')
    .option('--group <n>', 'the multiplex group to plot, 0-based', count('--group', 0), 0)
    .option('--width <pixels>', 'plot width (default: one pixel per sample, 400 to 2000)', count('--width', 2))
    .option('--band-height <pixels>', 'height of each channel band (default 100)', count('--band-height', 3))
    .action(async (path: string, opts: WaveformOptions) => {
      const file = await openDicom(path);
      try {
        const groups = await readWaveforms(file);
        if (opts.png !== undefined) {
          const group = groups[opts.group];
          if (!group) throw new UsageError(`--group ${opts.group}: the file has ${groups.length} multiplex group${groups.length === 1 ? '' : 's'}`);
          const image = plotWaveform(group, { ...(opts.width && { width: opts.width }), ...(opts.bandHeight && { bandHeight: opts.bandHeight }) });
          await writeFile(opts.png, encodeRgbaPng(image, 3));
        }
        if (opts.json) {
          const json = groups.map(({ samples: _samples, channels: _channels, ...g }, i) => ({ ...g, channels: channelsOf(groups[i]!) }));
          await out(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          await out(`${groups.flatMap(formatGroup).join('\n')}\n${opts.png !== undefined ? `plotted group ${opts.group} to ${opts.png}\n` : ''}`);
        }
      } finally {
        await file.source.close?.();
      }
    });
};
