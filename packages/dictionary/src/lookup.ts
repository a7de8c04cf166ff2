import { ELEMENT_ROWS, REPEATING_ROWS } from './generated/elements.js';
import { PRIVATE_ROWS } from './generated/private.js';
import type { Keyword } from './generated/keywords.js';

/** A data dictionary entry (PS3.6 Table 6-1). */
export interface DictionaryEntry {
  tag: number;
  vr: string;
  /** All VRs the standard allows, e.g. ['US', 'SS'] for "US or SS". */
  vrs?: string[];
  vm: string;
  keyword: string;
  name: string;
  retired: boolean;
}

let byTag: Map<number, DictionaryEntry> | undefined;
let byKeyword: Map<string, DictionaryEntry> | undefined;

function index(): void {
  byTag = new Map();
  byKeyword = new Map();
  for (const [tag, vr, vm, keyword, name, retired, vrs] of ELEMENT_ROWS) {
    const e: DictionaryEntry = { tag, vr, vm, keyword, name, retired: retired === 1, ...(vrs ? { vrs } : {}) };
    byTag.set(tag, e);
    if (keyword) byKeyword.set(keyword, e);
  }
  for (const [tag, , vr, vm, keyword, name, retired, vrs] of REPEATING_ROWS) {
    if (keyword && !byKeyword.has(keyword)) {
      byKeyword.set(keyword, { tag, vr, vm, keyword, name, retired: retired === 1, ...(vrs ? { vrs } : {}) });
    }
  }
}

/** The dictionary entry of a public tag, repeating groups (60xx, 50xx, ...) included. */
export function lookupTag(tag: number): DictionaryEntry | undefined {
  if (!byTag) index();
  const e = byTag!.get(tag);
  if (e) return e;
  // Repeating groups 50xx/60xx are the even groups only; odd ones are private (PS3.5 7.6).
  const oddGroup = (tag >>> 16) % 2 === 1;
  for (const [value, mask, vr, vm, keyword, name, retired, vrs] of REPEATING_ROWS) {
    if (((tag & mask) >>> 0) === value && !(oddGroup && mask >>> 16 !== 0xffff)) {
      return { tag, vr, vm, keyword, name, retired: retired === 1, ...(vrs ? { vrs } : {}) };
    }
  }
  // Group length (gggg,0000) of any group: UL (PS3.5 7.2).
  if ((tag & 0xffff) === 0) return { tag, vr: 'UL', vm: '1', keyword: '', name: 'Group Length', retired: true };
  return undefined;
}

/** The entry of a keyword such as 'PatientName'. */
export function lookupKeyword(keyword: string): DictionaryEntry | undefined {
  if (!byKeyword) index();
  return byKeyword!.get(keyword);
}

/** The tag number of a keyword; throws for unknown keywords. */
export function tagOf(keyword: Keyword | string): number {
  const e = lookupKeyword(keyword);
  if (!e) throw new Error(`unknown DICOM keyword '${keyword}'`);
  return e.tag;
}

let privateIndex: Map<string, Map<number, DictionaryEntry>> | undefined;

/**
 * The entry of a private element, from its Private Creator and its tag (PS3.5 7.8.1:
 * element ggggxxee belongs to the block reserved by creator (gggg,00xx)).
 */
export function lookupPrivate(creator: string, tag: number): DictionaryEntry | undefined {
  if (!privateIndex) {
    privateIndex = new Map();
    for (const [name, rows] of Object.entries(PRIVATE_ROWS)) {
      const m = new Map<number, DictionaryEntry>();
      for (const [group, elem, vr, vm, desc, retired] of rows) {
        m.set(((group << 16) | elem) >>> 0, { tag: 0, vr, vm, keyword: '', name: desc, retired: retired === 1 });
      }
      privateIndex.set(name.trim(), m);
    }
  }
  const block = privateIndex.get(creator.trim());
  if (!block) return undefined;
  const e = block.get(((tag & 0xffff0000) | (tag & 0xff)) >>> 0);
  return e ? { ...e, tag } : undefined;
}
