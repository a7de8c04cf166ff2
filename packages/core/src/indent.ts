// Indentation of nested text (DICOM JSON and XML, dumps, SR trees), bounded so that text stays linear in
// the nesting depth: a data set nested 100,000 deep would otherwise need some 10^10 spaces.

/** Levels indented at most; deeper ones line up with the last (real data sets nest a handful deep). */
export const MAX_INDENT_LEVELS = 64;

/** Two spaces per level of `depth`, up to MAX_INDENT_LEVELS. */
export const indent = (depth: number): string => '  '.repeat(Math.min(depth, MAX_INDENT_LEVELS));
