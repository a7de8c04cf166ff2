import { formatTag, type Tag } from '../tag.js';

/** What went wrong: options that contradict each other, or Pixel Data that cannot be blanked as it is. */
export type DeidentifyErrorCode = 'options' | 'encapsulated-pixel-data' | 'pixel-data';

/** De-identification could not be done as asked: which rule, which element, and what was expected. */
export class DeidentifyError extends Error {
  override readonly name = 'DeidentifyError';
  readonly code: DeidentifyErrorCode;
  readonly tag?: Tag;

  constructor(code: DeidentifyErrorCode, message: string, tag?: Tag) {
    super(tag === undefined ? message : `tag ${formatTag(tag)}: ${message}`);
    this.code = code;
    this.tag = tag;
  }
}

/** Something a de-identified data set may still hold, or a value that was kept unchecked. */
export interface DeidentifyWarning {
  message: string;
  tag?: Tag;
}
