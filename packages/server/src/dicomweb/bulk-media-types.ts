// Media types of compressed Bulkdata and their Transfer Syntaxes (PS3.18 Table 8.7.3-5), and the
// Transfer Syntax a request selects with them (PS3.18 8.7.3.5.2, 8.7.8).
import { TransferSyntax, transferSyntaxInfo } from '@dcmkit/core';

const TS = TransferSyntax;

/** Each compressed media type's Transfer Syntaxes (the RESTful default first). */
const COMPRESSED: Record<string, readonly string[]> = {
  'image/jpeg': [TS.JPEGLosslessSV1, TS.JPEGBaseline8Bit, TS.JPEGExtended12Bit, TS.JPEGLossless],
  'image/dicom-rle': [TS.RLELossless],
  'image/jls': [TS.JPEGLSLossless, TS.JPEGLSNearLossless],
  'image/jp2': [TS.JPEG2000Lossless, TS.JPEG2000],
  'image/jpx': [TS.JPEG2000MCLossless, TS.JPEG2000MC],
  'image/jphc': [TS.HTJ2KLossless, TS.HTJ2KLosslessRPCL, TS.HTJ2K],
  'image/jxl': [TS.JPEGXLLossless, TS.JPEGXLJPEGRecompression, TS.JPEGXL],
  'video/mpeg': [TS.MPEG2MPML, TS.MPEG2MPMLF, TS.MPEG2MPHL, TS.MPEG2MPHLF],
  'video/mp4': [
    TS.MPEG4HP41, TS.MPEG4HP41F, TS.MPEG4HP41BD, TS.MPEG4HP41BDF, TS.MPEG4HP422D,
    TS.MPEG4HP422DF, TS.MPEG4HP423D, TS.MPEG4HP423DF, TS.MPEG4HP42STEREO, TS.MPEG4HP42STEREOF,
  ],
  'video/h265': [TS.HEVCMP51, TS.HEVCM10P51],
};

/** Names used before PS3.18 registered the current ones (and dicomweb-client's image/jhc); still sent by clients. */
const ALIASES: Record<string, string> = { 'image/x-dicom-rle': 'image/dicom-rle', 'image/x-jls': 'image/jls', 'image/jhc': 'image/jphc' };

export const OCTET_STREAM = 'application/octet-stream';

/** The registered name of a compressed Bulkdata media type (lower case, aliases resolved). */
export const bulkMediaType = (type: string): string => ALIASES[type.toLowerCase()] ?? type.toLowerCase();

/** The compressed media type whose Transfer Syntaxes include `transferSyntax`, if any. */
export function compressedMediaTypeOf(transferSyntax: string): string | undefined {
  for (const [type, syntaxes] of Object.entries(COMPRESSED)) if (syntaxes.includes(transferSyntax)) return type;
  return undefined;
}

/**
 * Syntaxes whose pixel data is lossy: the origin server may return them as stored when the request names
 * no Transfer Syntax (PS3.18 8.7.3: it "has only access to the pixel data in lossy compressed form").
 */
const LOSSY = new Set<string>([
  TS.JPEGBaseline8Bit, TS.JPEGExtended12Bit, TS.JPEGLSNearLossless, TS.JPEG2000, TS.JPEG2000MC, TS.HTJ2K, TS.JPEGXL,
  TS.JPEGXLJPEGRecompression, ...COMPRESSED['video/mpeg']!, ...COMPRESSED['video/mp4']!, ...COMPRESSED['video/h265']!,
]);

export const isLossySyntax = (uid: string): boolean => LOSSY.has(uid);

/** Implicit VR Little Endian and Explicit VR Big Endian "shall not be used with Web Services" (PS3.18 8.7.3). */
export const isWebSyntax = (uid: string): boolean => uid !== TS.ImplicitVRLittleEndian && uid !== TS.ExplicitVRBigEndian;

/** Uncompressed: native, or encapsulated uncompressed (PS3.5 A.4.11). */
export const isUncompressedSyntax = (uid: string): boolean =>
  !transferSyntaxInfo(uid).encapsulated || uid === TS.EncapsulatedUncompressedExplicitVRLittleEndian;
