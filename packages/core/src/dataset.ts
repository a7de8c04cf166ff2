import { lookupTag, isStringVR, usesCharacterSet, type Keyword, type KeywordValues, type DataSetLike } from '@dcmkit/dictionary';
import { SpecificCharacterSet } from './charset/index.js';
import { Element } from './element.js';
import { EXPLICIT_LE, type Encoding } from './transfer-syntax.js';
import { SPECIFIC_CHARACTER_SET, toTag, type Tag, type TagLike } from './tag.js';
import { decodeNumbers, decodeText, isNumericBinaryVR, splitValues, typedStrings } from './values/decode.js';
import { parseUnknownSequence } from './parse/un-sequence.js';

/** The value type of a keyword, with sequences as DataSet[]. */
export type ValueOf<K extends Keyword> = KeywordValues[K] extends DataSetLike[] ? DataSet[] : KeywordValues[K];

/**
 * A data set (PS3.5 7): elements by tag. The one model behind Part 10 files, DICOM JSON/XML
 * and DIMSE messages. Values decode lazily on first access; parsed elements keep their raw bytes.
 */
export class DataSet implements DataSetLike {
  readonly #elements = new Map<Tag, Element>();
  #sorted = true;
  #lastTag = -1;
  #charset?: SpecificCharacterSet;
  /** Byte order and VR explicitness of the raw values (the Transfer Syntax that encoded them). */
  readonly encoding: Encoding;
  /** The data set that holds the sequence this item belongs to. */
  readonly parent?: DataSet;
  /** As an item: it was encoded with undefined length (kept so unmodified data round-trips byte-exact). */
  undefinedLength = false;

  constructor(encoding: Encoding = EXPLICIT_LE, parent?: DataSet) {
    this.encoding = encoding;
    this.parent = parent;
  }

  get size(): number {
    return this.#elements.size;
  }

  /** Adds a parsed or created element (replacing one with the same tag). */
  add(el: Element): void {
    if (el.tag > this.#lastTag) this.#lastTag = el.tag;
    else if (!this.#elements.has(el.tag)) this.#sorted = false;
    if (el.tag === SPECIFIC_CHARACTER_SET) this.#charset = undefined;
    this.#elements.set(el.tag, el);
  }

  has(t: TagLike): boolean {
    return this.#elements.has(toTag(t));
  }

  element(t: TagLike): Element | undefined {
    return this.#elements.get(toTag(t));
  }

  delete(t: TagLike): boolean {
    const tag = toTag(t);
    if (tag === SPECIFIC_CHARACTER_SET) this.#charset = undefined;
    return this.#elements.delete(tag);
  }

  /** Elements in ascending tag order. */
  [Symbol.iterator](): IterableIterator<Element> {
    if (!this.#sorted) this.#sort();
    // The Map's own iterator: a generator here costs more than the work of most loops over it.
    return this.#elements.values();
  }

  tags(): Tag[] {
    if (!this.#sorted) this.#sort();
    return [...this.#elements.keys()];
  }

  #sort(): void {
    const all = [...this.#elements.values()].sort((a, b) => a.tag - b.tag);
    this.#elements.clear();
    for (const el of all) this.#elements.set(el.tag, el);
    this.#lastTag = all.at(-1)?.tag ?? -1;
    this.#sorted = true;
  }

  /** The Specific Character Set in force: this data set's (0008,0005), else the enclosing one's (PS3.5 6.1.2.2). */
  get characterSet(): SpecificCharacterSet {
    if (this.#charset) return this.#charset;
    // The nearest data set with a known charset or a (0008,0005), found by a loop: nesting depth is unbounded.
    let owner: DataSet | undefined = this;
    while (owner && !owner.#charset && !owner.#elements.has(SPECIFIC_CHARACTER_SET)) owner = owner.parent;
    if (owner && !owner.#charset) {
      owner.#charset = SpecificCharacterSet.from(owner.values(SPECIFIC_CHARACTER_SET) as string[]);
    }
    this.#charset = owner ? owner.#charset! : SpecificCharacterSet.DEFAULT;
    return this.#charset;
  }

  /** Only LO, LT, PN, SH, ST, UC and UT use the Specific Character Set (PS3.5 6.1.2.3). */
  #charsetFor(vr: string): SpecificCharacterSet {
    return usesCharacterSet(vr) ? this.characterSet : SpecificCharacterSet.DEFAULT;
  }

  /**
   * All values of an element as an array (empty when absent or empty): strings, numbers,
   * PersonName/DicomDate/DicomTime/DicomDateTime, DataSet items, or one Uint8Array for binary VRs.
   */
  values(t: TagLike | Element): unknown[] {
    const el = t instanceof Element ? t : this.#elements.get(toTag(t));
    if (!el) return [];
    if (el.value !== undefined) return el.value as unknown[];
    el.value = this.#decode(el);
    return el.value as unknown[];
  }

  #decode(el: Element): unknown[] {
    if (el.items) return el.items;
    let vr = el.vr;
    const bytes = el.bytes;
    if (bytes === undefined) return [];
    if (vr === 'UN') {
      // UN of a known public tag: read with the dictionary VR, as pydicom does (PS3.5 6.2.2).
      const known = lookupTag(el.tag)?.vr;
      if (known === 'SQ') {
        el.items = parseUnknownSequence(el, this);
        return el.items;
      }
      if (known && known !== 'UN' && el.tag >>> 16 !== 0x7fe0) vr = known;
    }
    if (isStringVR(vr)) return typedStrings(splitValues(decodeText(bytes, vr, this.#charsetFor(vr)), vr), vr);
    // A UN value is little endian whatever the Transfer Syntax (PS3.5 6.2.2).
    if (isNumericBinaryVR(vr)) return decodeNumbers(bytes, vr, el.vr === 'UN' || this.encoding.littleEndian);
    return bytes.length ? [bytes] : [];
  }

  /**
   * The typed value of a keyword (PersonName for PN, number for US/IS/DS, string[] for multi-valued
   * CS, DataSet[] for SQ ...), shaped by the dictionary's VM; tag numbers give the same shapes.
   */
  get<K extends Keyword>(keyword: K): ValueOf<K> | undefined;
  get(tag: Tag | string): unknown;
  get(t: TagLike | string): unknown {
    const tag = toTag(t);
    const el = this.#elements.get(tag);
    if (!el) return undefined;
    const vals = this.values(el);
    if (el.items || vals[0] instanceof Uint8Array) return vals[0] instanceof Uint8Array ? vals[0] : vals;
    const vm = lookupTag(tag)?.vm ?? (vals.length > 1 ? 'n' : '1');
    return vm === '1' ? vals[0] : vals;
  }

  /** The text of a string element as stored (character set applied, padding removed, backslashes kept). */
  getText(t: TagLike): string | undefined {
    const el = this.#elements.get(toTag(t));
    if (!el) return undefined;
    const bytes = el.bytes;
    if (bytes) {
      const vr = el.vr === 'UN' ? (lookupTag(el.tag)?.vr ?? 'UN') : el.vr;
      return decodeText(bytes, vr, this.#charsetFor(vr));
    }
    return this.values(el).map(String).join('\\');
  }

  /** The first value as a string (PN, DA ... in their stored form). */
  getString(t: TagLike): string | undefined {
    const v = this.values(t)[0];
    return v === undefined || v === null ? undefined : String(v);
  }

  /** All values as strings. */
  getStrings(t: TagLike): string[] {
    return this.values(t).map((v) => (v === null || v === undefined ? '' : String(v)));
  }

  /** The value at `index` as a number (US, IS, DS, FL ...); undefined when absent or not numeric. */
  getNumber(t: TagLike, index = 0): number | undefined {
    const v = this.values(t)[index];
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && !Number.isNaN(n) ? n : undefined;
  }

  getNumbers(t: TagLike): number[] {
    return this.values(t).map((v) => Number(v));
  }

  /** Items of a sequence (empty when absent). */
  items(t: TagLike): DataSet[] {
    const el = this.#elements.get(toTag(t));
    if (!el) return [];
    return (el.items ?? (this.values(el) as unknown[]).filter((v): v is DataSet => v instanceof DataSet)) as DataSet[];
  }

  /**
   * Sets an element's value. `vr` defaults to the dictionary VR (required for private tags).
   * Values: a string/number/PersonName/... or an array of them; Uint8Array for binary VRs; DataSet[] for SQ.
   */
  set<K extends Keyword>(keyword: K, value: ValueOf<K> | null | undefined, vr?: string): Element;
  set(tag: Tag | string, value: unknown, vr?: string): Element;
  set(t: TagLike | string, value: unknown, vr?: string): Element {
    const tag = toTag(t);
    const theVR = vr ?? this.#elements.get(tag)?.vr ?? lookupTag(tag)?.vr;
    if (!theVR || theVR === 'NONE') throw new Error(`no VR known for ${String(t)}: pass one to set()`);
    const el = new Element(tag, theVR, -1, -1);
    if (theVR === 'SQ') {
      el.items = (value as DataSet[] | undefined) ?? [];
    } else {
      el.value = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    }
    this.add(el);
    return el;
  }

  /** A new item for a sequence of this data set (inherits its character set). */
  createItem(): DataSet {
    return new DataSet(this.encoding, this);
  }
}
