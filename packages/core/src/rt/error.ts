import { formatTag, type Tag } from '../tag.js';
import { lookupTag } from '@dcmkit/dictionary';

/**
 * An RT Structure Set, RT Dose or RT Plan (PS3.3 A.18-A.20) that lacks a required attribute or holds
 * a malformed one: which attribute (keyword and tag), where ("ROIContourSequence[0].ContourSequence[2]",
 * 0-based item indexes; "" for the top-level data set) and in which file.
 */
export class RTError extends Error {
  override readonly name = 'RTError';

  constructor(
    /** The attribute's keyword, e.g. "ContourData". */
    readonly keyword: string,
    readonly tag: Tag,
    /** The items that lead to the data set holding it; "" for the top level. */
    readonly path: string,
    /** What was wrong: "missing", "empty", "has 14 values, expected a multiple of 3" ... */
    readonly problem: string,
    /** The file's name, when known. */
    readonly source?: string,
  ) {
    const where = [source, path || undefined].filter(Boolean).join(': ');
    super(`${where ? `${where}: ` : ''}${lookupTag(tag)?.name ?? keyword} ${formatTag(tag)} ${problem}`);
  }
}
