// The DICOM JSON Model (PS3.18 F.2).

/** A data set: attributes by tag as 8 uppercase hex digits, e.g. "00100010" (PS3.18 F.2.1). */
export type DicomJson = Record<string, DicomJsonAttribute>;

/** One attribute (PS3.18 F.2.2): its VR and at most one of Value, InlineBinary, BulkDataURI. */
export interface DicomJsonAttribute {
  vr: string;
  Value?: DicomJsonValue[];
  /** The value bytes in base64, little endian (PS3.18 F.2.7). */
  InlineBinary?: string;
  /** Where the value bytes can be retrieved (PS3.18 F.2.6). */
  BulkDataURI?: string;
}

/**
 * A value: a string, a number (IS, DS, binary numbers; SV/UV beyond 2^53 as decimal strings),
 * a Person Name object, a sequence item, or null for an empty value among several (PS3.18 F.2.3, F.2.5).
 */
export type DicomJsonValue = string | number | null | DicomJsonPersonName | DicomJson;

/** A PN value: its component groups (PS3.18 F.2.2), each "Family^Given^Middle^Prefix^Suffix". */
export interface DicomJsonPersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}
