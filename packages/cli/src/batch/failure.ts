// One line on why a file failed, for the summary of a folder command (also sent back by worker threads).
import { DicomParseError, formatWarning } from '@dcmkit/core';

/** A parse error names the file already: its offset, tag and expectation are what is left to say. */
export const failureMessage = (e: unknown): string =>
  e instanceof DicomParseError ? formatWarning({ message: e.expected, offset: e.offset, tag: e.tag }) : e instanceof Error ? e.message : String(e);
