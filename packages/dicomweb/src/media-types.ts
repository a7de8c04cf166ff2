// Media types of DICOMweb (PS3.18 8.7.3) and Content-Type parsing (RFC 9110 8.3.1, RFC 2046 5.1.1).

export const MEDIA_TYPES = {
  dicom: 'application/dicom',
  dicomJson: 'application/dicom+json',
  dicomXml: 'application/dicom+xml',
  octetStream: 'application/octet-stream',
  multipartRelated: 'multipart/related',
  json: 'application/json',
} as const;

/** A parsed media type: lower-case type/subtype and its parameters (names lower-cased, quotes removed). */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** Parses `type/subtype; name=value; name="quoted value"`; undefined when it is not a media type. */
export function parseMediaType(text: string | undefined): MediaType | undefined {
  if (!text) return undefined;
  const m = /^\s*([!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+)\s*/i.exec(text);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const param = /;\s*([!#$%&'*+.^_`|~0-9a-z-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]*)\s*/giy;
  param.lastIndex = m[0].length;
  let p: RegExpExecArray | null;
  while ((p = param.exec(text))) params[p[1]!.toLowerCase()] = p[3] !== undefined ? p[3].replace(/\\(.)/g, '$1') : p[2]!;
  return { type: m[1]!.toLowerCase(), params };
}

/** Formats a media type, quoting parameter values that are not tokens. */
export function formatMediaType({ type, params }: MediaType): string {
  const token = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
  return [type, ...Object.entries(params).map(([k, v]) => `${k}=${token.test(v) ? v : JSON.stringify(v)}`)].join('; ');
}
