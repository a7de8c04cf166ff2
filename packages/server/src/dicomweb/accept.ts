// Acceptable Media Types of a request (PS3.18 8.7.5): the `accept` query parameter (8.3.3.1), else the
// Accept header field, in order of preference (RFC 9110 12.5.1); and the choice of one the server can produce.
import { parseMediaType } from '@dcmkit/dicomweb';
import { HttpError } from '../errors.js';

/** One acceptable representation, multipart/related unwrapped to the media type of its parts. */
export interface Acceptable {
  /** Media type (range) of the payload, or of each part when multipart: "application/dicom", "image/*", "*\/*". */
  type: string;
  /** true for multipart/related (PS3.18 8.7.3.5.1), false for a single part, undefined for "*\/*" (either). */
  multipart: boolean | undefined;
  /** The transfer-syntax parameter (PS3.18 8.7.3.5.2): a UID, "*" (any), or undefined (the default). */
  transferSyntax?: string;
  /** Quality value (RFC 9110 12.4.2). */
  q: number;
}

/** Splits a list of media types on the commas that are outside quoted strings. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

function parseAcceptable(text: string, source: string): Acceptable {
  const media = parseMediaType(text);
  if (!media) throw new HttpError(400, `${source}: "${text}" is not a media type`, source);
  const q = media.params.q === undefined ? 1 : Number(media.params.q);
  if (!(q >= 0 && q <= 1)) throw new HttpError(400, `${source}: q=${media.params.q} is not a quality value (0 to 1)`, source);
  const transferSyntax = media.params['transfer-syntax'];
  if (media.type === 'multipart/related') return { type: (media.params.type ?? '*/*').toLowerCase(), multipart: true, transferSyntax, q };
  return { type: media.type, multipart: media.type === '*/*' ? undefined : false, transferSyntax, q };
}

/**
 * The Acceptable Media Types, most preferred first (stable for equal q); those with q=0 left out.
 * Empty when the request names none: the resource's default applies.
 */
export function acceptableMediaTypes(header: string | string[] | undefined, query?: string | string[], queryName = 'accept'): Acceptable[] {
  // PS3.18 8.3.3.1: the accept query parameter replaces the Accept header field.
  const [text, source] = query !== undefined ? [[query].flat().join(','), queryName] : [[header ?? ''].flat().join(','), 'Accept'];
  return splitList(text)
    .map((item) => parseAcceptable(item, source))
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q);
}

/** Whether `type` falls within the media range `range` ("*\/*", "image/*" or a type). */
export function inRange(range: string, type: string): boolean {
  if (range === '*/*' || range === type) return true;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1));
}

/**
 * The first acceptable representation `offer` can serve (PS3.18 8.7.8, Selected Media Type); the
 * default when the request names none; 406 when it names only ones the server cannot serve.
 */
export function selectRepresentation<T>(acceptable: Acceptable[], offer: (a: Acceptable) => T | undefined, fallback: T, what: string): T {
  if (acceptable.length === 0) return fallback;
  for (const a of acceptable) {
    const chosen = offer(a);
    if (chosen !== undefined) return chosen;
  }
  throw new HttpError(406, `none of the acceptable media types can be served for ${what}`);
}
