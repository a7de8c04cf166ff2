// The LUT Data renderFrame reads, brought into memory: a windowed read (readDicom over a ByteSource)
// leaves values of bulkThreshold bytes and more in the source, and a 16-bit table of 65536 entries is 128 KiB.
import { DicomParseError, type DataSet, type Element, type Keyword } from '@dcmkit/core';

/** The sequences whose items hold a LUT Descriptor and LUT Data (PS3.3 C.11.1, C.11.2, C.11.6). */
const LUT_SEQUENCES = ['ModalityLUTSequence', 'VOILUTSequence', 'PresentationLUTSequence'] as const satisfies readonly Keyword[];

/** Palette Color Lookup Table Data, whole and segmented (PS3.3 C.7.6.3.1.6, C.7.9.2). */
const PALETTE_DATA = [
  'RedPaletteColorLookupTableData',
  'GreenPaletteColorLookupTableData',
  'BluePaletteColorLookupTableData',
  'SegmentedRedPaletteColorLookupTableData',
  'SegmentedGreenPaletteColorLookupTableData',
  'SegmentedBluePaletteColorLookupTableData',
] as const satisfies readonly Keyword[];

/** Where the LUT readers look for LUT Data and palette data: each data set holding one, with its keyword. */
export function lutDataHolders(ds: DataSet): [DataSet, Keyword][] {
  return [
    ...LUT_SEQUENCES.flatMap((sequence) => ds.items(sequence).map((item): [DataSet, Keyword] => [item, 'LUTData'])),
    ...PALETTE_DATA.map((keyword): [DataSet, Keyword] => [ds, keyword]),
  ];
}

/**
 * Reads every LUT Data, palette data and Real World Value LUT Data value of `ds` left in the source
 * into memory, so that the synchronous LUT readers (renderFrame, modalityLut, voiLuts, presentationLut,
 * paletteColorLut, realWorldValueMappings) find them (a Real World Value LUT of 65536 FD entries is
 * 512 KiB). Call it once after a windowed read, before rendering; values already in memory cost nothing.
 */
export async function loadLutData(ds: DataSet): Promise<void> {
  const realWorldValueLuts = [ds, ...ds.items('SharedFunctionalGroupsSequence'), ...ds.items('PerFrameFunctionalGroupsSequence')]
    .flatMap((holder) => holder.items('RealWorldValueMappingSequence'))
    .map((item): [DataSet, Keyword] => [item, 'RealWorldValueLUTData']);
  await Promise.all([...lutDataHolders(ds), ...realWorldValueLuts].map(([holder, keyword]) => holder.element(keyword)?.loadBytes()));
}

/** For a synchronous LUT reader: an error naming `what` when a windowed read left `el`'s value in the source. */
export function assertLoaded(el: Element | undefined, what: string): void {
  if (el?.deferred) throw new DicomParseError(`${what} in memory (the value was left in the source by a windowed read: call loadLutData first)`, { offset: el.offset, tag: el.tag });
}
