// Typed errors for waveforms that cannot be read (PS3.3 C.10.9 Waveform Module).

export type WaveformErrorKind =
  /** A required attribute is absent or empty. */
  | 'missing'
  /** Values that contradict each other or the Waveform Data. */
  | 'invalid'
  /** Valid data this library does not decode (mu-law, A-law ...). */
  | 'unsupported'
  /** The Waveform Data ends before the samples do. */
  | 'truncated';

export class WaveformError extends Error {
  override readonly name = 'WaveformError';

  constructor(
    readonly kind: WaveformErrorKind,
    /** The attribute's keyword, e.g. "WaveformSampleInterpretation". */
    readonly keyword: string,
    /** Where: "WaveformSequence[1].ChannelDefinitionSequence[3]"; "" for the top level. */
    readonly path: string,
    readonly reason: string,
    /** The file's name, when known. */
    readonly file?: string,
  ) {
    super(`${[file, path || undefined].filter(Boolean).join(': ')}${file || path ? ': ' : ''}${keyword} ${reason}`);
  }
}
