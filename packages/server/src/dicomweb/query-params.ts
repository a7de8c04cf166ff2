// Query parameters of WADO requests (PS3.18 8.3): a parameter this server does not support is ignored, as
// 8.3 requires; a supported one given twice or with a bad value is a 400 naming it.
import { HttpError } from '../errors.js';

export type QueryParams = Record<string, string | string[] | undefined>;

/** The single value of a parameter; 400 when it is repeated. */
export function single(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new HttpError(400, `${name}: given ${value.length} times, expected once`, name);
  return value;
}
