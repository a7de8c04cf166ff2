// Waveforms (PS3.3 C.10.9 Waveform Module): multiplex groups of channels sampled together, their
// samples interleaved channel by channel in Waveform Data, and the channels' physical values.
import { DataSet, type Code, type DicomFile, type Keyword } from '@dcmkit/core';
import type { ValueRange } from './stored-range.js';
import { littleEndianWords, valueBytes } from './value-bytes.js';
import { WaveformError } from './waveform-error.js';

/** A channel of a multiplex group: a Channel Definition Sequence (003A,0200) item. */
export interface WaveformChannel {
  /** Channel Label (003A,0203); "" when absent. */
  label: string;
  /** Channel Source Sequence (003A,0208): what was measured ("Lead I (Einthoven)" ...). */
  source?: Code;
  /** Channel Sensitivity (003A,0210): units per sample step; undefined when the channel is uncalibrated. */
  sensitivity?: number;
  /** Channel Sensitivity Units Sequence (003A,0211), UCUM ("uV" ...). */
  units?: Code;
  /** Channel Sensitivity Correction Factor (003A,0212), 1 when absent. */
  correctionFactor: number;
  /** Channel Baseline (003A,0213), in the sensitivity units, 0 when absent. */
  baseline: number;
  /** Waveform Bits Stored (003A,021A). */
  bitsStored?: number;
}

/** A Waveform Sequence (5400,0100) item. */
export interface MultiplexGroup {
  /** Multiplex Group Label (003A,0020); "" when absent. */
  label: string;
  /** Waveform Originality (003A,0004): ORIGINAL or DERIVED. */
  originality: string;
  numberOfChannels: number;
  numberOfSamples: number;
  /** Sampling Frequency (003A,001A) in Hz. */
  samplingFrequency: number;
  /** Multiplex Group Time Offset (0018,1068) in ms, 0 when absent. */
  timeOffset: number;
  /** Waveform Bits Allocated (5400,1004): 8 or 16. */
  bitsAllocated: number;
  /** Waveform Sample Interpretation (5400,1006): SB, UB, SS or US. */
  sampleInterpretation: string;
  /** Waveform Padding Value (5400,100A): the sample value that means "no sample". */
  paddingValue?: number;
  channels: WaveformChannel[];
  /** Stored samples, interleaved: sample s of channel c at s x numberOfChannels + c. */
  samples: Int8Array | Uint8Array | Int16Array | Uint16Array;
}

/** Waveform Sample Interpretation (PS3.3 C.10.9.1.5) → bits and typed array, for the linear ones. */
const LINEAR = {
  SB: { bits: 8, make: (n: number) => new Int8Array(n), read: (v: DataView, at: number) => v.getInt8(at) },
  UB: { bits: 8, make: (n: number) => new Uint8Array(n), read: (v: DataView, at: number) => v.getUint8(at) },
  SS: { bits: 16, make: (n: number) => new Int16Array(n), read: (v: DataView, at: number) => v.getInt16(at, true) },
  US: { bits: 16, make: (n: number) => new Uint16Array(n), read: (v: DataView, at: number) => v.getUint16(at, true) },
} as const;
/** mu-law and A-law companded samples (C.10.9.1.5), not decoded. */
const COMPANDED: Record<string, string> = { MB: 'mu-law', AB: 'A-law' };

interface At {
  file?: string;
  path: string;
}

const fail = (kind: WaveformError['kind'], keyword: Keyword, at: At, reason: string) => new WaveformError(kind, keyword, at.path, reason, at.file);

function integer(ds: DataSet, keyword: Keyword, at: At): number {
  const v = ds.getNumber(keyword);
  if (v === undefined) throw fail('missing', keyword, at, ds.has(keyword) ? 'is empty' : 'is missing');
  if (!Number.isInteger(v) || v < 0) throw fail('invalid', keyword, at, `is ${v}, not a count`);
  return v;
}

const text = (ds: DataSet, keyword: Keyword) => ds.getText(keyword)?.trim() ?? '';

/** The first item of a Code Sequence (PS3.3 Table 8.8-1), when there is one. */
function code(ds: DataSet, sequence: Keyword): Code | undefined {
  const item = ds.items(sequence)[0];
  if (!item) return undefined;
  return { value: text(item, 'CodeValue') || text(item, 'LongCodeValue'), scheme: text(item, 'CodingSchemeDesignator'), meaning: text(item, 'CodeMeaning') };
}

function channel(ds: DataSet): WaveformChannel {
  const source = code(ds, 'ChannelSourceSequence');
  const units = code(ds, 'ChannelSensitivityUnitsSequence');
  const sensitivity = ds.getNumber('ChannelSensitivity');
  const bitsStored = ds.getNumber('WaveformBitsStored');
  return {
    label: text(ds, 'ChannelLabel'),
    ...(source ? { source } : {}),
    ...(sensitivity !== undefined ? { sensitivity } : {}),
    ...(units ? { units } : {}),
    correctionFactor: ds.getNumber('ChannelSensitivityCorrectionFactor') ?? 1,
    baseline: ds.getNumber('ChannelBaseline') ?? 0,
    ...(bitsStored !== undefined ? { bitsStored } : {}),
  };
}

async function multiplexGroup(ds: DataSet, at: At): Promise<MultiplexGroup> {
  const numberOfChannels = integer(ds, 'NumberOfWaveformChannels', at);
  const numberOfSamples = integer(ds, 'NumberOfWaveformSamples', at);
  const samplingFrequency = ds.getNumber('SamplingFrequency');
  if (samplingFrequency === undefined || !(samplingFrequency > 0)) throw fail(ds.has('SamplingFrequency') ? 'invalid' : 'missing', 'SamplingFrequency', at, ds.has('SamplingFrequency') ? `is ${text(ds, 'SamplingFrequency')}, not a frequency` : 'is missing');
  const bitsAllocated = integer(ds, 'WaveformBitsAllocated', at);
  const interpretation = text(ds, 'WaveformSampleInterpretation');
  if (!interpretation) throw fail('missing', 'WaveformSampleInterpretation', at, 'is missing');
  if (COMPANDED[interpretation]) throw fail('unsupported', 'WaveformSampleInterpretation', at, `${interpretation} (${COMPANDED[interpretation]} companded samples) is not supported`);
  const linear = LINEAR[interpretation as keyof typeof LINEAR];
  if (!linear) throw fail('unsupported', 'WaveformSampleInterpretation', at, `'${interpretation}' is not supported (SB, UB, SS, US are)`);
  if (bitsAllocated !== linear.bits) throw fail('invalid', 'WaveformBitsAllocated', at, `is ${bitsAllocated}, ${interpretation} samples take ${linear.bits}`);
  const definitions = ds.items('ChannelDefinitionSequence');
  if (definitions.length !== numberOfChannels) {
    throw fail(definitions.length ? 'invalid' : 'missing', 'ChannelDefinitionSequence', at, `has ${definitions.length} items for ${numberOfChannels} channels`);
  }
  const el = ds.element('WaveformData');
  if (!el) throw fail('missing', 'WaveformData', at, 'is missing');
  const bytes = littleEndianWords((await valueBytes(ds, el.tag))!, el.vr, ds.encoding.littleEndian);
  const count = numberOfChannels * numberOfSamples;
  const step = linear.bits / 8;
  if (bytes.length < count * step) throw fail('truncated', 'WaveformData', at, `has ${bytes.length} bytes, ${numberOfChannels} channels x ${numberOfSamples} samples need ${count * step}`);
  const samples = linear.make(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) samples[i] = linear.read(view, i * step);
  const padding = ds.has('WaveformPaddingValue') ? paddingValue(ds, linear.bits, interpretation) : undefined;
  return {
    label: text(ds, 'MultiplexGroupLabel'),
    originality: text(ds, 'WaveformOriginality'),
    numberOfChannels,
    numberOfSamples,
    samplingFrequency,
    timeOffset: ds.getNumber('MultiplexGroupTimeOffset') ?? 0,
    bitsAllocated,
    sampleInterpretation: interpretation,
    ...(padding !== undefined ? { paddingValue: padding } : {}),
    channels: definitions.map(channel),
    samples,
  };
}

/** Waveform Padding Value (5400,100A): one sample, OB or OW, of the group's interpretation. */
function paddingValue(ds: DataSet, bits: number, interpretation: string): number | undefined {
  const el = ds.element('WaveformPaddingValue')!;
  const raw = ds.values(el)[0];
  if (!(raw instanceof Uint8Array) || raw.length < bits / 8) return undefined;
  const bytes = littleEndianWords(raw, el.vr, ds.encoding.littleEndian);
  return LINEAR[interpretation as keyof typeof LINEAR].read(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0);
}

/**
 * Reads every multiplex group of the Waveform Sequence (5400,0100). A missing or malformed required
 * attribute, or companded (MB, AB) samples, throw a WaveformError naming it and the item.
 */
export async function readWaveforms(input: DicomFile | DataSet): Promise<MultiplexGroup[]> {
  const ds = input instanceof DataSet ? input : input.dataset;
  const file = input instanceof DataSet ? undefined : input.source.name;
  const items = ds.items('WaveformSequence');
  if (items.length === 0) throw fail('missing', 'WaveformSequence', { file, path: '' }, ds.has('WaveformSequence') ? 'has no items' : 'is missing');
  const groups: MultiplexGroup[] = [];
  for (const [i, item] of items.entries()) groups.push(await multiplexGroup(item, { file, path: `WaveformSequence[${i}]` }));
  return groups;
}

/** A channel's name: its label, else its source's Code Meaning, else "channel N" (1-based). */
export const channelName = (group: MultiplexGroup, index: number): string => {
  const c = group.channels[index]!;
  return c.label || c.source?.meaning || `channel ${index + 1}`;
};

/**
 * Channel `index`'s values in its sensitivity units (C.10.9.1.4.3): sample x Channel Sensitivity x
 * Channel Sensitivity Correction Factor + Channel Baseline; the stored samples when the channel has no
 * sensitivity. Padding samples become NaN.
 */
export function channelValues(group: MultiplexGroup, index: number): Float64Array {
  const c = group.channels[index];
  if (!c) throw new RangeError(`channel ${index}: the group has ${group.numberOfChannels}`);
  const scale = c.sensitivity === undefined ? 1 : c.sensitivity * c.correctionFactor;
  const offset = c.sensitivity === undefined ? 0 : c.baseline;
  const out = new Float64Array(group.numberOfSamples);
  for (let s = 0, i = index; s < out.length; s++, i += group.numberOfChannels) {
    const v = group.samples[i]!;
    out[s] = v === group.paddingValue ? Number.NaN : v * scale + offset;
  }
  return out;
}

/** The smallest and largest of the values that are not padding (NaN); undefined when all are. */
export function finiteRange(values: Float64Array): ValueRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}
