// A QIDO-RS search as the server sees it (PS3.18 8.3.4, 10.6.1).

/** Search level: /studies, /series (all or of a study), /instances (all, of a study or of a series). */
export type QueryLevel = 'study' | 'series' | 'instance';

/**
 * One QIDO-RS query. Attributes are named by tag path: "00100010", or "00400275.00400009" for an
 * attribute of a sequence item (PS3.18 8.3.4.1: {attributeID} = tag or keyword, '.'-separated).
 */
export interface QidoQuery {
  level: QueryLevel;
  /** Scope from the path: /studies/{study}/series, /studies/{study}/series/{series}/instances ... */
  studyInstanceUID?: string;
  seriesInstanceUID?: string;
  /** Matching keys: tag path → value as given (wildcards, ranges, UID lists kept as text; "" = universal). */
  match: Map<string, string>;
  /** Tag paths to return beyond the level's defaults; 'all' for every stored attribute. */
  includeFields: string[] | 'all';
  /** fuzzymatching=true: PN values match by case-insensitive prefix of each name component. */
  fuzzyMatching: boolean;
  /** Maximum number of results (the server may lower it). */
  limit?: number;
  /** Results to skip. */
  offset: number;
}
