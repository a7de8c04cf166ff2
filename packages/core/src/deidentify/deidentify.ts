import { isStringVR, lookupTag, type DeidentificationOption, type DeidentificationRow } from '@dcmkit/dictionary';
import { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import { isPrivateCreator, isPrivateTag, privateCreatorTag, UNDEFINED_LENGTH, type Tag } from '../tag.js';
import { blankRegions } from './blank.js';
import { burnedInWarning } from './burned-in.js';
import { IdentifyingText, isIdentifyingVR } from './clean.js';
import { patientDateShift, shiftDate, shiftDateTime } from './dates.js';
import { dummyValue } from './dummy.js';
import type { DeidentifyWarning } from './error.js';
import { patientIdentity, patientKey, type PatientIdentity } from './identity.js';
import { KeyedHash } from './keyed-hash.js';
import { methodCodes, recordMethod } from './method.js';
import { optionColumns, type DeidentifyOptions } from './options.js';
import { SafePrivateList } from './private.js';
import { privateAction, profileRow, resolveCombined, tableAction } from './profile.js';
import { isStructuralUidTag, UidReplacer } from './uid.js';

export interface DeidentifyResult {
  /** The de-identified data set: a new DataSet (elements kept unchanged are shared, and written as they were read). */
  dataset: DataSet;
  warnings: DeidentifyWarning[];
  /** Original → replacement of each UID replaced (the `uidMap` option, when given, filled in). */
  uidMap: Map<string, string>;
  /** The patient of the top-level data set: original and replacement Patient ID and Patient's Name. */
  patient: PatientIdentity;
  /** Days the dates moved by, with the Modified Dates Option. */
  dateShiftDays?: number;
  /** CID 7050 code values recorded in De-identification Method Code Sequence. */
  methodCodes: string[];
}

const PATIENT_NAME = 0x00100010;
const PATIENT_ID = 0x00100020;
/** Free text, cleaned in the items of a sequence being cleaned (C) or dummied (D) where Table E.1-1 does not list it. */
const FREE_TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN']);
/** String VRs whose values are numbers or ages, not text to clean. */
const NUMERIC_STRING_VRS = new Set(['DS', 'IS', 'AS']);

/** One data set to de-identify: the source, its copy, and whether the copy's free text is cleaned. */
interface Task {
  src: DataSet;
  dst: DataSet;
  cleaning: boolean;
}

/**
 * De-identifies a data set by the Basic Application Level Confidentiality Profile and the Options
 * chosen (PS3.15 E.1, E.3), attribute by attribute as Table E.1-1 says, in every item of every
 * sequence (iteratively: nesting depth is not bounded by the call stack). The input is not changed.
 *
 * - Standard attributes not in Table E.1-1 are kept, except UIDs, which are replaced wherever they are
 *   unless they are well known (registry, DICOM root) or name a class, syntax or coding scheme, and
 *   free text inside sequences that are cleaned or dummied (C, D).
 * - Private attributes are removed, except those on the safe list with Retain Safe Private.
 * - Combined codes (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) resolve as `resolveCombined` documents.
 * - Patient ID and Patient's Name take the replacement identity; dates move by the shift with the
 *   Modified Dates Option; C cleans text of the values the profile removed (see `IdentifyingText`).
 * - Patient Identity Removed, De-identification Method (Code Sequence) and Longitudinal Temporal
 *   Information Modified are set; `blank` zeroes pixel regions (Clean Pixel Data).
 * A DICOMDIR is de-identified like any data set, but its record offsets are not recomputed: rebuild
 * directories from the de-identified instances instead.
 */
export function deidentify(ds: DataSet, opts: DeidentifyOptions): DeidentifyResult {
  const columns = optionColumns(opts);
  const hash = KeyedHash.of(opts.secret);
  const patient = patientIdentity(ds, hash, opts);
  const modified = columns.has('rtnLongModifDatesOpt');
  const dateShiftDays = modified ? (opts.dateShiftDays ?? patientDateShift(hash, patientKey(ds))) : undefined;
  const run = new Deidentifier(columns, hash, new UidReplacer(hash, opts.uidMap), opts, dateShiftDays);
  const dataset = run.run(ds, patient);
  const blanked = blankRegions(dataset, opts.blank ?? []);
  const burnedIn = blanked ? undefined : burnedInWarning(ds);
  if (burnedIn) run.warnings.push({ message: burnedIn, tag: 0x00280301 });
  const codes = methodCodes(columns, blanked);
  recordMethod(dataset, codes, columns.has('rtnLongFullDatesOpt') ? 'UNMODIFIED' : modified ? 'MODIFIED' : 'REMOVED');
  return { dataset, warnings: run.warnings, uidMap: run.uids.map, patient, dateShiftDays, methodCodes: codes.map(([value]) => value) };
}

/** The VR a value is read with: a UN of a known public attribute has the dictionary's (PS3.5 6.2.2). */
const effectiveVR = (el: Element): string => (el.vr === 'UN' && !isPrivateTag(el.tag) ? (lookupTag(el.tag)?.vr ?? 'UN') : el.vr);

class Deidentifier {
  readonly warnings: DeidentifyWarning[] = [];
  readonly #tasks: Task[] = [];
  /** Text elements to clean once every value the profile removes has been seen. */
  readonly #toClean: { ds: DataSet; tag: Tag; vr: string; values: string[] }[] = [];
  readonly #identifying = new IdentifyingText();
  readonly #identities = new Map<DataSet, PatientIdentity>();
  readonly #safePrivate?: SafePrivateList;
  /** Each row's action with the Options in force, worked out once per call. */
  readonly #actions = new Map<DeidentificationRow, string>();

  constructor(
    readonly columns: ReadonlySet<DeidentificationOption>,
    readonly hash: KeyedHash,
    readonly uids: UidReplacer,
    readonly opts: DeidentifyOptions,
    readonly dateShiftDays: number | undefined,
  ) {
    if (privateAction(columns) === 'C') this.#safePrivate = new SafePrivateList(opts.safePrivate);
  }

  run(root: DataSet, patient: PatientIdentity): DataSet {
    this.#identities.set(root, patient);
    const dst = new DataSet(root.encoding);
    this.#tasks.push({ src: root, dst, cleaning: false });
    for (let task = this.#tasks.pop(); task; task = this.#tasks.pop()) this.#dataSet(task);
    for (const c of this.#toClean) {
      const cleaned = c.values.map((v) => this.#identifying.scrub(v));
      if (cleaned.some((v, i) => v !== c.values[i])) c.ds.set(c.tag, cleaned, c.vr);
    }
    this.#setGivenIdentity(root, dst);
    return dst;
  }

  #dataSet(task: Task): void {
    // Private Creators are kept only for the private attributes kept in their block (PS3.15 E.3.10).
    let creators: Map<Tag, Element> | undefined;
    let needed: Set<Tag> | undefined;
    for (const el of task.src) {
      const tag = el.tag;
      // Group lengths are retired and recomputed by the writer; they go with the group's elements (PS3.5 7.2).
      if ((tag & 0xffff) === 0) continue;
      if (!isPrivateTag(tag)) {
        this.#element(el, task, profileRow(tag));
      } else if (isPrivateCreator(tag)) {
        (creators ??= new Map()).set(tag, el);
      } else if (this.#isSafePrivate(task.src, tag)) {
        (needed ??= new Set()).add(privateCreatorTag(tag));
        this.#element(el, task, undefined);
      }
    }
    for (const tag of needed ?? []) {
      const creator = creators?.get(tag);
      if (creator) task.dst.add(creator);
    }
  }

  #isSafePrivate(ds: DataSet, tag: Tag): boolean {
    if (!this.#safePrivate) return false;
    const creator = ds.getString(privateCreatorTag(tag));
    return creator !== undefined && this.#safePrivate.has(creator, tag);
  }

  #element(el: Element, task: Task, row: DeidentificationRow | undefined): void {
    const vr = effectiveVR(el);
    const action = row ? this.#rowAction(row, el, vr, task.src) : this.#unlistedAction(el.tag, vr, task.cleaning);
    switch (action) {
      case 'K':
        return vr === 'SQ' ? this.#sequence(el, task, task.cleaning) : task.dst.add(el);
      case 'X':
        return this.#removed(el, vr, task.src);
      case 'Z':
        this.#removed(el, vr, task.src);
        task.dst.set(el.tag, [], vr);
        return;
      case 'D':
        return this.#dummy(el, vr, task);
      case 'U':
        return vr === 'SQ' ? this.#sequence(el, task, task.cleaning) : this.#replaceUids(el, vr, task);
      case 'C':
        return this.#clean(el, vr, task, row);
      default:
        throw new Error(`PS3.15 Table E.1-1: unknown action '${action}' for ${row?.[2] ?? el.tag}`);
    }
  }

  /** The action of Table E.1-1 for a listed attribute, Options and combined codes resolved. */
  #rowAction(row: DeidentificationRow, el: Element, vr: string, src: DataSet): string {
    let action = this.#actions.get(row);
    if (action === undefined) {
      action = tableAction(row, this.columns);
      this.#actions.set(row, action);
    }
    if (action === 'K' || action === 'X') return action;
    // The replacement identity stands for the patient wherever Patient ID and Name are (D, Z/D).
    if (el.tag === PATIENT_NAME || el.tag === PATIENT_ID) return 'D';
    return resolveCombined(action, row[4] === 1, isEmpty(el, src), vr === 'SQ');
  }

  /** Attributes Table E.1-1 does not list: kept, but sequences are walked, UIDs replaced and free text in cleaned items cleaned. */
  #unlistedAction(tag: Tag, vr: string, cleaning: boolean): string {
    if (vr === 'SQ') return 'K';
    if (vr === 'UI') return this.columns.has('rtnUIDsOpt') || isStructuralUidTag(tag) ? 'K' : 'U';
    return cleaning && FREE_TEXT_VRS.has(vr) ? 'C' : 'K';
  }

  /** A sequence whose items are de-identified in turn, into new items of the copy. */
  #sequence(el: Element, task: Task, cleaning: boolean): void {
    const items = el.items ?? task.src.items(el.tag);
    const copies = items.map((item) => {
      const copy = new DataSet(item.encoding, task.dst);
      copy.undefinedLength = item.undefinedLength;
      this.#tasks.push({ src: item, dst: copy, cleaning });
      return copy;
    });
    task.dst.set(el.tag, copies, 'SQ');
  }

  /** Notes the text of a value the profile removes, so cleaned text loses it too. */
  #removed(el: Element, vr: string, src: DataSet): void {
    if (!isIdentifyingVR(vr)) return;
    for (const v of src.values(el)) this.#identifying.add(vr, String(v));
  }

  #dummy(el: Element, vr: string, task: Task): void {
    // A dummy sequence keeps its items, de-identified, with their free text cleaned.
    if (vr === 'SQ') return this.#sequence(el, task, true);
    this.#removed(el, vr, task.src);
    if (el.tag === PATIENT_NAME || el.tag === PATIENT_ID) {
      const identity = this.#identity(task.src);
      task.dst.set(el.tag, el.tag === PATIENT_NAME ? identity.name : identity.id, vr);
    } else if (vr === 'UI') {
      this.#replaceUids(el, vr, task);
    } else {
      task.dst.set(el.tag, dummyValue(vr, el.length >= 0 && el.length !== UNDEFINED_LENGTH ? el.length : 0), vr);
    }
  }

  #replaceUids(el: Element, vr: string, task: Task): void {
    if (vr !== 'UI') return this.#dummy(el, vr, task);
    task.dst.set(el.tag, (task.src.values(el) as string[]).map((uid) => this.uids.replace(uid)), vr);
  }

  /** Action C (PS3.15 Table E.1-1a): values of similar meaning, known not to identify. */
  #clean(el: Element, vr: string, task: Task, row: DeidentificationRow | undefined): void {
    const { src, dst } = task;
    if (vr === 'SQ') return this.#sequence(el, task, true);
    if (vr === 'UI') return this.#replaceUids(el, vr, task);
    if (vr === 'DA' || vr === 'DT') {
      const shift = vr === 'DA' ? shiftDate : shiftDateTime;
      const days = this.dateShiftDays;
      const values = strings(src, el).map((v) => (v === '' ? v : days === undefined ? undefined : shift(v, days)) ?? (dummyValue(vr, 0) as string));
      dst.set(el.tag, values, vr);
    } else if (isStringVR(vr) && vr !== 'TM' && !NUMERIC_STRING_VRS.has(vr)) {
      // Cleaned when every removed value is known: the text may name one listed later in the data set.
      this.#toClean.push({ ds: dst, tag: el.tag, vr, values: strings(src, el) });
      dst.add(el);
    } else {
      // Times move with no whole-day shift; numbers are kept; bytes cannot be read for identities.
      if (!isStringVR(vr) && !isNumericVR(vr)) {
        this.warnings.push({ message: `${row?.[2] ?? 'value'} kept as it is by the Option's action C: its bytes cannot be cleaned automatically; review it`, tag: el.tag });
      }
      dst.add(el);
    }
  }

  #identity(ds: DataSet): PatientIdentity {
    let identity = this.#identities.get(ds);
    if (!identity) {
      identity = patientIdentity(ds, this.hash, this.opts);
      this.#identities.set(ds, identity);
    }
    return identity;
  }

  /** A Patient ID or Name the caller gave is set even where the input had none. */
  #setGivenIdentity(root: DataSet, dst: DataSet): void {
    const identity = this.#identity(root);
    if (this.opts.patientName !== undefined && !dst.has(PATIENT_NAME)) dst.set(PATIENT_NAME, identity.name, 'PN');
    if (this.opts.patientId !== undefined && !dst.has(PATIENT_ID)) dst.set(PATIENT_ID, identity.id, 'LO');
  }
}

const NUMERIC_VRS = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV', 'AT']);
const isNumericVR = (vr: string) => NUMERIC_VRS.has(vr);

/** Each value of a string element in its stored form. */
const strings = (ds: DataSet, el: Element): string[] => ds.values(el).map((v) => (v === null || v === undefined ? '' : String(v)));

/** Zero length, or a sequence without items (a type 2 attribute left empty). */
function isEmpty(el: Element, src: DataSet): boolean {
  if (el.items) return el.items.length === 0;
  if (el.length >= 0) return el.length === 0;
  return src.values(el).length === 0;
}
