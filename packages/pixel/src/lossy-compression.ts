// The record an image keeps of lossy compression (PS3.3 C.7.6.1.1.5): Lossy Image Compression,
// Ratio and Method, the last two with one value per lossy step, oldest first.
import { TransferSyntax, createUid, type DataSet } from '@dcmkit/core';

/** PS3.3 C.7.6.1.1.5.1: Defined Terms of Lossy Image Compression Method, by the Transfer Syntax that applies it. */
const METHOD: Record<string, string> = {
  [TransferSyntax.JPEGBaseline8Bit]: 'ISO_10918_1',
  [TransferSyntax.JPEGExtended12Bit]: 'ISO_10918_1',
  [TransferSyntax.JPEGLSNearLossless]: 'ISO_14495_1',
  [TransferSyntax.JPEG2000]: 'ISO_15444_1',
  [TransferSyntax.HTJ2K]: 'ISO_15444_15',
};

/** Transfer Syntaxes whose coding is always lossy (JPEG DCT processes); others may be lossless. */
const ALWAYS_LOSSY = new Set<string>([TransferSyntax.JPEGBaseline8Bit, TransferSyntax.JPEGExtended12Bit]);

export const isAlwaysLossy = (transferSyntax: string): boolean => ALWAYS_LOSSY.has(transferSyntax);

/** PS3.3 C.7.6.1.1.5: once lossy compressed, Lossy Image Compression stays 01, whatever is done later. */
export function markLossy(ds: DataSet): void {
  ds.set('LossyImageCompression', '01');
}

/**
 * Records one lossy compression step: Lossy Image Compression 01, `ratio` (uncompressed to compressed
 * size) and the method appended to the earlier steps, and a new SOP Instance UID, since the pixels
 * are no longer those of the original instance (PS3.3 C.7.6.1.1.5, C.12.1.1.1).
 */
export function recordLossyCompression(ds: DataSet, transferSyntax: string, ratio: number): void {
  markLossy(ds);
  ds.set('LossyImageCompressionRatio', [...ds.getNumbers('LossyImageCompressionRatio'), Math.round(ratio * 100) / 100]);
  ds.set('LossyImageCompressionMethod', [...ds.getStrings('LossyImageCompressionMethod'), METHOD[transferSyntax] ?? transferSyntax]);
  ds.set('SOPInstanceUID', createUid());
}
