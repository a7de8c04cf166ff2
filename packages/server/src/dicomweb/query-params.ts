// Query parameters of WADO requests: each given at most once, and only those the resource defines (PS3.18 8.3).
import { HttpError } from '../errors.js';

export type QueryParams = Record<string, string | string[] | undefined>;

/** The single value of a parameter; 400 when it is repeated. */
export function single(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new HttpError(400, `${name}: given ${value.length} times, expected once`, name);
  return value;
}

/** Rejects parameters outside `known`: a 400 naming the first. */
export function checkKnown(query: QueryParams, known: readonly string[]): void {
  const unknown = Object.keys(query).find((name) => !known.includes(name));
  if (unknown !== undefined) throw new HttpError(400, `${unknown}: not a parameter of this resource (expected ${known.join(', ')})`, unknown);
}
