import { formatTag, type Tag } from '../tag.js';

/** A data set that cannot be encoded as asked: which element, and what was expected of it. */
export class DicomWriteError extends Error {
  override readonly name = 'DicomWriteError';
  readonly tag?: Tag;
  readonly expected: string;

  constructor(expected: string, tag?: Tag) {
    super(tag === undefined ? expected : `tag ${formatTag(tag)}: ${expected}`);
    this.expected = expected;
    this.tag = tag;
  }
}
