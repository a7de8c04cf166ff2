// Bulk data URIs of the archive (PS3.18 F.2.6, 10.4.1.1.5): .../instances/{sop}/bulk/{tagPath}.

const hex8 = (tag: number) => (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');

/**
 * The tag path of an element: tags as 8 hex digits and item indexes (0-based) joined by '.',
 * e.g. "7FE00010" at top level or "54000100.0.54001010" inside the first item of a sequence.
 * `path` is [tag] or [sequence tag, item index, ..., tag] as toDicomJson's bulkData callback gives it.
 */
export const formatBulkTagPath = (path: readonly number[]): string =>
  path.map((n, i) => (i % 2 === 0 ? hex8(n) : String(n))).join('.');

/** The [tag, item, tag, ...] path of a tag path string; undefined when malformed. */
export function parseBulkTagPath(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length % 2 === 0) return undefined;
  const path: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const ok = i % 2 === 0 ? /^[0-9A-Fa-f]{8}$/.test(parts[i]!) : /^(0|[1-9][0-9]{0,8})$/.test(parts[i]!);
    if (!ok) return undefined;
    path.push(i % 2 === 0 ? parseInt(parts[i]!, 16) >>> 0 : Number(parts[i]));
  }
  return path;
}

/** The DICOMweb path of an instance's bulk value: {base}/studies/{s}/series/{se}/instances/{i}/bulk/{tagPath}. */
export const bulkDataPath = (base: string, study: string, series: string, sop: string, tagPath: string): string =>
  `${base}/studies/${study}/series/${series}/instances/${sop}/bulk/${tagPath}`;
