import type { DataSet } from '../dataset.js';
import {
  CODE_MEANING,
  CODE_VALUE,
  CODING_SCHEME_DESIGNATOR,
  CODING_SCHEME_VERSION,
  LONG_CODE_VALUE,
  URN_CODE_VALUE,
  attributeName,
} from './attributes.js';
import { StructuredReportError } from './error.js';
import type { Code } from './types.js';

/** A code from its parts: code('113000', 'DCM', 'Of Interest'). */
export const code = (value: string, scheme: string, meaning: string, schemeVersion?: string): Code =>
  schemeVersion === undefined ? { value, scheme, meaning } : { value, scheme, meaning, schemeVersion };

const text = (ds: DataSet, tag: number) => ds.getText(tag)?.trim() ?? '';

/**
 * The single code of a Code Sequence (PS3.3 Table 8.8-1); undefined when the sequence is absent or empty.
 * Code Meaning is required; Code Value and Coding Scheme Designator are read as given (dcmtk's own
 * sample documents leave them empty).
 */
export function readCode(ds: DataSet, sequence: number, path: string): Code | undefined {
  const item = ds.items(sequence)[0];
  if (!item) return undefined;
  if (!item.has(CODE_MEANING)) throw new StructuredReportError(`${attributeName(CODE_MEANING)} in ${attributeName(sequence)}`, path, 'missing');
  const value = text(item, CODE_VALUE) || text(item, LONG_CODE_VALUE) || text(item, URN_CODE_VALUE);
  const c = code(value, text(item, CODING_SCHEME_DESIGNATOR), text(item, CODE_MEANING));
  const version = item.getText(CODING_SCHEME_VERSION)?.trim();
  return version ? { ...c, schemeVersion: version } : c;
}

/** A Code Sequence item; values over 16 characters go to Long Code Value, URNs to URN Code Value (PS3.3 8.8). */
export function codeItem(parent: DataSet, c: Code): DataSet {
  const item = parent.createItem();
  if (/^[a-z][a-z0-9+.-]*:/i.test(c.value) && !c.scheme) item.set(URN_CODE_VALUE, c.value);
  else if (c.value.length > 16) item.set(LONG_CODE_VALUE, c.value);
  else item.set(CODE_VALUE, c.value);
  if (c.scheme) item.set(CODING_SCHEME_DESIGNATOR, c.scheme);
  if (c.schemeVersion) item.set(CODING_SCHEME_VERSION, c.schemeVersion);
  item.set(CODE_MEANING, c.meaning);
  return item;
}

/** A Code Sequence of one item. */
export const setCode = (ds: DataSet, sequence: number, c: Code): void => {
  ds.set(sequence, [codeItem(ds, c)]);
};

/** (113000,DCM,"Of Interest") as dsrdump prints codes. */
export const formatCode = (c: Code): string => `(${c.value},${c.scheme},"${c.meaning}")`;
