// Attribute matching of QIDO-RS (PS3.18 8.3.4, PS3.4 C.2.2.2) as SQL conditions on the index columns.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isValidUid, QueryParameterError, type QueryLevel } from '@dcmkit/dicomweb';
import { normalizeDate, normalizeTime, PERSON_NAME_GROUPS } from './json-values.js';

type Kind = 'text' | 'pn' | 'date' | 'time' | 'uid' | 'integer' | 'modalities' | 'request';

/**
 * A matching key: the level its column is on ("st" studies, "se" series, "i" instances) and how it matches
 * (a PN key's column is the stem of its component groups' columns, see personNameColumns).
 */
interface MatchKey {
  level: QueryLevel;
  column: string;
  kind: Kind;
}

const key = (level: QueryLevel, column: string, kind: Kind): MatchKey => ({ level, column, kind });

/** The keys of PS3.18 Tables 10.6.1-5/-6/-7 and a few more kept in columns. */
export const MATCH_KEYS: ReadonlyMap<string, MatchKey> = new Map([
  ['00080020', key('study', 'st.study_date', 'date')],
  ['00080030', key('study', 'st.study_time', 'time')],
  ['00080050', key('study', 'st.accession_number', 'text')],
  ['00080061', key('study', 'st.modalities', 'modalities')],
  ['00080090', key('study', 'st.referring_physician_name', 'pn')],
  ['00100010', key('study', 'st.patient_name', 'pn')],
  ['00100020', key('study', 'st.patient_id', 'text')],
  ['00100030', key('study', 'st.patient_birth_date', 'date')],
  ['00100040', key('study', 'st.patient_sex', 'text')],
  ['0020000D', key('study', 'st.study_uid', 'uid')],
  ['00200010', key('study', 'st.study_id', 'text')],
  ['00081030', key('study', 'st.study_description', 'text')],
  ['00080060', key('series', 'se.modality', 'text')],
  ['0020000E', key('series', 'se.series_uid', 'uid')],
  ['00200011', key('series', 'se.series_number', 'integer')],
  ['0008103E', key('series', 'se.series_description', 'text')],
  ['00400244', key('series', 'se.pps_start_date', 'date')],
  ['00400245', key('series', 'se.pps_start_time', 'time')],
  ['00400275.00400009', key('series', 'scheduled_procedure_step_id', 'request')],
  ['00400275.00401001', key('series', 'requested_procedure_id', 'request')],
  ['00080016', key('instance', 'i.sop_class_uid', 'uid')],
  ['00080018', key('instance', 'i.sop_uid', 'uid')],
  ['00200013', key('instance', 'i.instance_number', 'integer')],
  ['00280010', key('instance', 'i.rows', 'integer')],
  ['00280011', key('instance', 'i.columns', 'integer')],
  ['00280100', key('instance', 'i.bits_allocated', 'integer')],
  ['00280008', key('instance', 'i.number_of_frames', 'integer')],
]);

const LEVELS: QueryLevel[] = ['study', 'series', 'instance'];

/** The matching key for `path` in a query at `level` (keys of the level and those above it), if supported. */
export function matchKey(level: QueryLevel, path: string): MatchKey | undefined {
  const k = MATCH_KEYS.get(path);
  return k && LEVELS.indexOf(k.level) <= LEVELS.indexOf(level) ? k : undefined;
}

/** PS3.4 C.2.2.2.4: '*' any sequence, '?' any one character; LIKE's own wildcards and the escape escaped. */
const likePattern = (value: string): string => value.replace(/[\\%_]/g, (c) => '\\' + c).replace(/\*/g, '%').replace(/\?/g, '_');
const hasWildcard = (value: string) => /[*?]/.test(value);
const like = (column: string, pattern: string): RawBuilder<SqlBool> => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
const or = (conditions: RawBuilder<SqlBool>[]) => sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
const and = (conditions: RawBuilder<SqlBool>[]) => sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
/** Universal matching (PS3.4 C.2.2.2.3): no value, or only '*'. */
const isUniversal = (value: string) => /^\*+$/.test(value) || value === '';

/** List of UID matching (PS3.4 C.2.2.2.2): values separated by commas in QIDO-RS, or backslashes. */
const listValues = (value: string) => value.split(/[,\\]/).map((v) => v.trim());

/** A value or wildcard pattern on a text column (case-sensitive, PS3.4 C.2.2.2.1/4). */
function textMatch(column: string, value: string): RawBuilder<SqlBool> {
  return hasWildcard(value) ? like(column, likePattern(value)) : sql<SqlBool>`${sql.ref(column)} = ${value}`;
}

/** The columns of a PN key's component groups, in PERSON_NAME_GROUPS order (see studyPersonNames). */
const personNameColumns = (stem: string) => [`${stem}_norm`, `${stem}_ideographic`, `${stem}_phonetic_norm`] as const;

/**
 * PN matching (PS3.4 C.2.2.2.1, C.2.2.2.4) on the columns of the component groups (PS3.5 6.2.1.1), kept as
 * PERSON_NAME_GROUPS says. A value without '=' matches when any group does; with '=', each given group
 * matches its own and an empty one matches anything.
 */
function personNameMatch(parameter: string, stem: string, value: string, fuzzy: boolean): RawBuilder<SqlBool> | undefined {
  const columns = personNameColumns(stem);
  const groups = value.split('=');
  if (groups.length > columns.length) throw new QueryParameterError(parameter, `a person name has at most three component groups, got "${value}"`);
  if (groups.length === 1) return or(columns.map((column, g) => componentGroupMatch(column, PERSON_NAME_GROUPS[g]!(value), fuzzy)));
  const conditions = groups.flatMap((group, g) => {
    const given = PERSON_NAME_GROUPS[g]!(group);
    return isUniversal(given) ? [] : [componentGroupMatch(columns[g]!, given, fuzzy)];
  });
  return conditions.length ? and(conditions) : undefined;
}

/**
 * One component group. Fuzzy (PS3.18 8.3.4.6): each given component is a prefix of the stored one in
 * order; a single component may prefix any component or word of the group.
 */
function componentGroupMatch(column: string, group: string, fuzzy: boolean): RawBuilder<SqlBool> {
  if (!fuzzy) return textMatch(column, group);
  const components = group.split('^').map(likePattern);
  if (components.length === 1) {
    const c = components[0]!;
    return or([like(column, `${c}%`), like(column, `%^${c}%`), like(column, `% ${c}%`)]);
  }
  return like(column, components.map((c) => `${c}%`).join('^'));
}

/** Range matching (PS3.4 C.2.2.2.5): "a-b", "a-", "-b" or a single value. */
function rangeMatch(parameter: string, column: string, value: string, parse: (text: string, end: boolean) => string): RawBuilder<SqlBool> {
  const dash = value.indexOf('-');
  const [from, to] = dash < 0 ? [value, value] : [value.slice(0, dash), value.slice(dash + 1)];
  if (from === '' && to === '') throw new QueryParameterError(parameter, 'a range needs at least one end');
  const conditions: RawBuilder<SqlBool>[] = [];
  if (from !== '') conditions.push(sql<SqlBool>`${sql.ref(column)} >= ${parse(from, false)}`);
  if (to !== '') conditions.push(sql<SqlBool>`${sql.ref(column)} <= ${parse(to, true)}`);
  return and(conditions);
}

const dateBound = (parameter: string) => (text: string) => {
  const d = normalizeDate(text);
  if (!/^\d{8}$/.test(d)) throw new QueryParameterError(parameter, `expected a date YYYYMMDD or a range of them, got "${text}"`);
  return d;
};
const timeBound = (parameter: string) => (text: string, end: boolean) => {
  if (!/^\d{2}(:?\d{2}(:?\d{2}(\.\d{1,6})?)?)?$/.test(text)) throw new QueryParameterError(parameter, `expected a time HHMMSS.FFFFFF or a range of them, got "${text}"`);
  return normalizeTime(text, end ? '9' : '0');
};

/**
 * The SQL condition of one matching key, or undefined for universal matching (empty value, or only '*').
 * Throws a QueryParameterError naming `parameter` when the value cannot match the attribute's VR.
 */
export function matchCondition(k: MatchKey, parameter: string, value: string, fuzzy: boolean): RawBuilder<SqlBool> | undefined {
  if (isUniversal(value)) return undefined;
  switch (k.kind) {
    case 'text':
      return textMatch(k.column, value);
    case 'pn':
      return personNameMatch(parameter, k.column, value, fuzzy);
    case 'date':
      return rangeMatch(parameter, k.column, value, dateBound(parameter));
    case 'time':
      return rangeMatch(parameter, k.column, value, timeBound(parameter));
    case 'uid': {
      const uids = listValues(value);
      const bad = uids.find((u) => !isValidUid(u));
      if (bad !== undefined) throw new QueryParameterError(parameter, `not a UID: "${bad}"`);
      return sql<SqlBool>`${sql.ref(k.column)} in (${sql.join(uids)})`;
    }
    case 'integer': {
      if (!/^-?\d{1,10}$/.test(value)) throw new QueryParameterError(parameter, `expected an integer, got "${value}"`);
      return sql<SqlBool>`${sql.ref(k.column)} = ${Number(value)}`;
    }
    case 'modalities': {
      // Modalities In Study matches when any series has one of the given modalities.
      const modalities = listValues(value);
      return sql<SqlBool>`exists (select 1 from series m where m.study_uid = st.study_uid and m.modality in (${sql.join(modalities)}))`;
    }
    case 'request':
      return sql<SqlBool>`exists (select 1 from series_requests r where r.series_uid = se.series_uid and ${textMatch('r.' + k.column, value)})`;
  }
}
