/**
 * An SR content item that breaks PS3.3 C.17.3: which attribute is missing or malformed, and where in the
 * tree ("1.2.3": the third child of the second child of the root).
 */
export class StructuredReportError extends Error {
  override readonly name = 'StructuredReportError';

  constructor(
    /** The attribute, as "Text Value (0040,A160)". */
    readonly attribute: string,
    /** The content item's position; "" for the document outside the tree. */
    readonly path: string,
    /** What was wrong: "missing", "empty", "'FOO' is not a Value Type" ... */
    readonly problem: string,
  ) {
    super(`${path ? `content item ${path}` : 'SR document'}: ${attribute} ${problem}`);
  }
}
