// The Presentation LUT stage for grayscale (PS3.3 C.11.6, PS3.4 N.2.1): VOI LUT output to P-Values,
// by the table of the Presentation LUT Sequence (2050,0010) or by Presentation LUT Shape (2050,0020).
import { DicomParseError, toTag, type DataSet } from '@dcmkit/core';
import { lutMaxOutput, lutOutput, offsetOf, readLookupTable, type LookupTable } from './lut.js';

/** The table form: P-Values for VOI output values 0 .. entries - 1. */
export interface PresentationTable {
  kind: 'table';
  table: LookupTable;
  explanation?: string;
}

/** The shape form: IDENTITY, or INVERSE (also MONOCHROME1 with no Presentation LUT given). */
export interface PresentationShape {
  kind: 'shape';
  inverse: boolean;
}

export type PresentationLut = PresentationTable | PresentationShape;

/** Bits per P-Value a table may have: PS3.3 C.11.6.1.1 says 10 to 16; 8-bit tables are read too. */
const MIN_BITS = 8;
const MAX_BITS = 16;

const LUT_DESCRIPTOR = toTag('LUTDescriptor');

/**
 * True when the grayscale output must be inverted: Presentation LUT Shape (2050,0020) INVERSE,
 * or, when no shape is given, MONOCHROME1 (minimum value displayed white, PS3.3 C.7.6.3.1.2).
 * A given shape already accounts for MONOCHROME1 (it "shall be INVERSE" for it, PS3.3 C.8.11.1.1.1).
 */
export function presentationInverse(ds: DataSet, photometricInterpretation: string): boolean {
  const shape = ds.getString('PresentationLUTShape')?.trim().toUpperCase();
  if (shape === 'INVERSE') return true;
  if (shape === 'IDENTITY') return false;
  return photometricInterpretation.trim().toUpperCase() === 'MONOCHROME1';
}

/**
 * The Presentation LUT of a grayscale image: the first item of the Presentation LUT Sequence when
 * present (it wins over the Shape; its table already accounts for MONOCHROME1, as the creator of the
 * P-Values chose them), else the shape of presentationInverse. A malformed table is a DicomParseError:
 * a LUT Descriptor that is not three integers, LUT Data shorter than its entries, bits outside 8..16.
 */
export function presentationLut(ds: DataSet, photometricInterpretation: string): PresentationLut {
  const item = ds.items('PresentationLUTSequence')[0];
  if (!item) return { kind: 'shape', inverse: presentationInverse(ds, photometricInterpretation) };
  // The input is the VOI LUT output, never negative: the first mapped value is US (PS3.3 C.11.6.1.1).
  const table = readLookupTable(item, 'LUTDescriptor', 'LUTData', false);
  const at = { offset: offsetOf(item, LUT_DESCRIPTOR), tag: LUT_DESCRIPTOR };
  if (!table) throw new DicomParseError('a Presentation LUT Sequence item with LUT Descriptor and LUT Data (PS3.3 C.11.6)', at);
  if (table.bits < MIN_BITS || table.bits > MAX_BITS) {
    throw new DicomParseError(`Presentation LUT entries of ${MIN_BITS} to ${MAX_BITS} bits (PS3.3 C.11.6.1.1), got ${table.bits}`, at);
  }
  const explanation = item.getString('LUTExplanation');
  return { kind: 'table', table, ...(explanation ? { explanation } : {}) };
}

/**
 * The range the VOI LUT output is scaled to, 0 .. this value: a table's input range 0 .. entries - 1
 * (PS3.3 C.11.6.1: the VOI output range is the Presentation LUT's input range); 0 .. 255 for a shape.
 */
export const presentationInputMax = (p: PresentationLut): number => (p.kind === 'table' ? p.table.entries - 1 : 255);

/**
 * The display grey 0..255 of a VOI output value: a table's P-Value for it (input clamped to the
 * table, PS3.3 C.11.1.1 rule) scaled from 0 .. 2^bits - 1; for a shape the rounded value or its inverse.
 * `invert` inverts the result once more (a viewer's choice on top of the file's).
 */
export function presentationGrey(p: PresentationLut, invert: boolean): (voiOutput: number) => number {
  if (p.kind === 'table') {
    const { table } = p;
    const scale = 255 / lutMaxOutput(table);
    // Entries above 2^bits - 1 (a descriptor understating the bits) show white.
    const grey = (v: number) => Math.min(255, Math.round(lutOutput(table, v) * scale));
    return invert ? (v) => 255 - grey(v) : grey;
  }
  return p.inverse !== invert ? (v) => 255 - Math.round(v) : (v) => Math.round(v);
}
