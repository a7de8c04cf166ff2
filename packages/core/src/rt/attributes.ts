// Reading RT attributes by their Type (PS3.5 7.4): Type 1 present and not empty, Type 2 present
// but maybe empty, Type 3 optional. A missing or malformed Type 1 value throws an RTError.
import { tagOf, type Keyword } from '@dcmkit/dictionary';
import { DataSet } from '../dataset.js';
import type { DicomFile } from '../parse/read.js';
import { RTError } from './error.js';

/** Where a data set sits in the document: the file and the items leading to it. */
export interface At {
  source?: string;
  path: string;
}

/** The location of item `index` of `sequence` under `at`. */
export const itemAt = (at: At, sequence: Keyword, index: number): At => ({
  ...at,
  path: `${at.path ? `${at.path}.` : ''}${sequence}[${index}]`,
});

export const rtError = (keyword: Keyword, at: At, problem: string): RTError => new RTError(keyword, tagOf(keyword), at.path, problem, at.source);

function values(ds: DataSet, keyword: Keyword, at: At): unknown[] {
  const el = ds.element(keyword);
  if (el?.deferred) {
    throw rtError(keyword, at, `(${el.length} bytes) was left in the source by a windowed read: read the file with a larger bulkThreshold`);
  }
  return ds.values(keyword);
}

/** A Type 1 text value. */
export function text1(ds: DataSet, keyword: Keyword, at: At): string {
  const v = text(ds, keyword, at);
  if (!v) throw rtError(keyword, at, ds.has(keyword) ? 'is empty' : 'is missing');
  return v;
}

/** A Type 2 or 3 text value: "" when absent or empty. Multiple values are joined by backslashes. */
export const text = (ds: DataSet, keyword: Keyword, at: At): string =>
  values(ds, keyword, at)
    .map((v) => String(v ?? '').replace(/[\0 ]+$/, ''))
    .join('\\')
    .trim();

/** Every value of a numeric attribute (IS, DS, US ...): [] when absent or empty. */
export function numbers(ds: DataSet, keyword: Keyword, at: At): number[] {
  return values(ds, keyword, at).map((v) => {
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
    if (!Number.isFinite(n)) throw rtError(keyword, at, `has ${JSON.stringify(String(v ?? ''))}, not a number`);
    return n;
  });
}

/** A Type 1 numeric attribute of `count` values (any number, at least one, when omitted). */
export function numbers1(ds: DataSet, keyword: Keyword, at: At, count?: number): number[] {
  const ns = numbers(ds, keyword, at);
  if (ns.length === 0) throw rtError(keyword, at, ds.has(keyword) ? 'is empty' : 'is missing');
  if (count !== undefined && ns.length !== count) throw rtError(keyword, at, `has ${ns.length} values, expected ${count}`);
  return ns;
}

/** A Type 1 single number. */
export const number1 = (ds: DataSet, keyword: Keyword, at: At): number => numbers1(ds, keyword, at, 1)[0]!;

/** A Type 2 or 3 single number: undefined when absent or empty. */
export const number = (ds: DataSet, keyword: Keyword, at: At): number | undefined => numbers(ds, keyword, at)[0];

/** A Type 1 sequence: present, with at least one item. */
export function items1(ds: DataSet, keyword: Keyword, at: At): DataSet[] {
  const items = ds.items(keyword);
  if (items.length === 0) throw rtError(keyword, at, ds.has(keyword) ? 'has no items' : 'is missing');
  return items;
}

/** Where reading starts: the top-level data set of a file named `source`. */
export const top = (source?: string): At => (source === undefined ? { path: '' } : { source, path: '' });

/** What the readers take: a data set, or a parsed file (whose name then appears in errors). */
export type RTInput = DataSet | DicomFile;

export const opened = (input: RTInput): { ds: DataSet; at: At } =>
  input instanceof DataSet ? { ds: input, at: top() } : { ds: input.dataset, at: top(input.source.name) };
