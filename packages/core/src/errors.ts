import { formatTag, type Tag } from './tag.js';

/** Where a problem was found: the source name, byte offset and tag when known. */
export interface Location {
  source?: string;
  offset?: number;
  tag?: Tag;
}

const where = (l: Location) =>
  [l.source, l.offset !== undefined ? `offset ${l.offset}` : undefined, l.tag !== undefined ? `tag ${formatTag(l.tag)}` : undefined]
    .filter(Boolean)
    .join(', ');

/** Malformed input: what was expected, and where. */
export class DicomParseError extends Error {
  override readonly name = 'DicomParseError';
  readonly source?: string;
  readonly offset?: number;
  readonly tag?: Tag;
  readonly expected: string;

  constructor(expected: string, location: Location = {}) {
    const at = where(location);
    super(at ? `${at}: ${expected}` : expected);
    this.expected = expected;
    this.source = location.source;
    this.offset = location.offset;
    this.tag = location.tag;
  }

  /** The same error with the source name filled in. */
  withSource(source: string): DicomParseError {
    if (this.source) return this;
    return new DicomParseError(this.expected, { source, offset: this.offset, tag: this.tag });
  }
}

/** A lenient read that pydicom and dcmtk also accept, recorded instead of thrown. */
export interface ParseWarning {
  message: string;
  offset?: number;
  tag?: Tag;
}

export const formatWarning = (w: ParseWarning): string => {
  const at = where(w);
  return at ? `${at}: ${w.message}` : w.message;
};
