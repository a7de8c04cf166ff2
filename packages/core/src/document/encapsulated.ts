import { SopClass } from '@dcmkit/dictionary';
import { DicomParseError } from '../errors.js';
import type { DataSet } from '../dataset.js';

// Encapsulated Document Module (PS3.3 C.24.2) attributes.
export const ENCAPSULATED_DOCUMENT = 0x00420011;
export const MIME_TYPE_OF_ENCAPSULATED_DOCUMENT = 0x00420012;
export const ENCAPSULATED_DOCUMENT_LENGTH = 0x00420015;

// The MIME type each Encapsulated Document Storage SOP Class holds (PS3.3 A.45).
const MIME_BY_SOP_CLASS: Record<string, string> = {
  [SopClass.EncapsulatedPDFStorage]: 'application/pdf',
  [SopClass.EncapsulatedCDAStorage]: 'text/XML',
  [SopClass.EncapsulatedSTLStorage]: 'model/stl',
  [SopClass.EncapsulatedOBJStorage]: 'model/obj',
  [SopClass.EncapsulatedMTLStorage]: 'model/mtl',
};

/** File name extensions of the MIME types an encapsulated document can have. */
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'text/xml': ['xml', 'cda'],
  'application/xml': ['xml', 'cda'],
  'model/stl': ['stl'],
  'model/x.stl-binary': ['stl'],
  'application/sla': ['stl'],
  'model/obj': ['obj'],
  'model/mtl': ['mtl'],
};

/** Usual file extensions for a MIME type ("pdf" for application/pdf); empty when unknown. */
export const extensionsOf = (mimeType: string): string[] => EXTENSIONS[mimeType.toLowerCase()] ?? [];

/** Text formats whose padding is a trailing NUL: CDA (XML), OBJ, MTL. */
const isText = (mimeType: string) => /^text\/|xml|^model\/(obj|mtl)$/i.test(mimeType);

export interface EncapsulatedDocument {
  /** MIME Type of Encapsulated Document (0042,0012), else the one the SOP Class implies. */
  mimeType: string;
  /** The document, without the value's padding byte. */
  bytes: Uint8Array;
}

const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // "%%EOF"

/** The end of a PDF: "%%EOF", maybe followed by an end-of-line (ISO 32000-1 7.5.5). */
function endsWithPdfEof(b: Uint8Array): boolean {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
  return end >= 5 && PDF_EOF.every((c, i) => b[end - 5 + i] === c);
}

/**
 * Removes the padding of an Encapsulated Document value (PS3.3 C.24.2.1): with Encapsulated Document
 * Length (0042,0015) the value is cut to it; without, a trailing NUL is dropped after a PDF's %%EOF
 * or at the end of a text document.
 */
function unpadded(value: Uint8Array, length: number | undefined, mimeType: string): Uint8Array {
  if (length !== undefined && length <= value.length) return value.subarray(0, length);
  if (value.length === 0 || value[value.length - 1] !== 0) return value;
  const withoutPad = value.subarray(0, value.length - 1);
  if (mimeType.toLowerCase() === 'application/pdf') return endsWithPdfEof(withoutPad) ? withoutPad : value;
  return isText(mimeType) ? withoutPad : value;
}

/**
 * The document of an Encapsulated Document instance (PDF, CDA, STL, OBJ, MTL: PS3.3 A.45, C.24.2),
 * by its MIME type, with the value's padding removed. Reads a value a windowed read left in the source.
 */
export async function extractEncapsulatedDocument(ds: DataSet): Promise<EncapsulatedDocument> {
  const el = ds.element(ENCAPSULATED_DOCUMENT);
  if (!el) throw new DicomParseError('an Encapsulated Document (0042,0011): this is not an encapsulated document', { tag: ENCAPSULATED_DOCUMENT });
  const sopClass = ds.getText('SOPClassUID')?.replace(/\0/g, '').trim() ?? '';
  const mimeType = ds.getText(MIME_TYPE_OF_ENCAPSULATED_DOCUMENT)?.trim() || MIME_BY_SOP_CLASS[sopClass];
  if (!mimeType) throw new DicomParseError('a MIME Type of Encapsulated Document (0042,0012)', { tag: MIME_TYPE_OF_ENCAPSULATED_DOCUMENT });
  const value = (el.deferred ? await el.readBytes() : (ds.values(el)[0] as Uint8Array | undefined)) ?? new Uint8Array(0);
  return { mimeType, bytes: unpadded(value, ds.getNumber(ENCAPSULATED_DOCUMENT_LENGTH), mimeType) };
}
