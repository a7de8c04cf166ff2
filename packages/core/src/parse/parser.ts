import { DataSet } from '../dataset.js';
import { Element, type Encapsulated } from '../element.js';
import { DicomParseError, type ParseWarning } from '../errors.js';
import type { ByteSource, Chunk } from '../source.js';
import { IMPLICIT_LE, type Encoding } from '../transfer-syntax.js';
import {
  ITEM,
  ITEM_DELIMITATION,
  SEQUENCE_DELIMITATION,
  UNDEFINED_LENGTH,
  formatTag,
  type Tag,
} from '../tag.js';
import { implicitVR } from './implicit-vr.js';
import { hasLongLengthBytes, vrFromBytes } from './vr-codes.js';

export interface ParserOptions {
  /** Stop at the top-level Pixel Data (7FE0,0008/0009/0010), leaving it unread. */
  stopBeforePixelData?: boolean;
  /** Keep only these top-level tags; parsing stops after the largest. */
  tags?: readonly Tag[];
  /** Values at least this long stay in the source, read on demand (windowed sources only). */
  bulkThreshold?: number;
  /** Stop at the first top-level element outside this group (File Meta Information: 0x0002). */
  onlyGroup?: number;
}

/** How a parser is set up beyond the user's options. */
export interface ParserSetup extends ParserOptions {
  /** The source reads in windows: values past the window are asked for or deferred. */
  windowed?: boolean;
  /** Where deferred (bulk) values are read from. */
  source?: ByteSource;
  name?: string;
  /** The data set to fill (default: a new one). */
  root?: DataSet;
  /** Parse the items of this sequence element instead of a data set (see parseItems). */
  sequence?: Element;
}

const enum Kind {
  DataSet,
  Sequence,
  Fragments,
}

/** One open container: a data set or item, a sequence, or encapsulated Pixel Data. */
interface Frame {
  kind: Kind;
  /** Absolute end offset; Infinity for undefined length. */
  end: number;
  encoding: Encoding;
  /** The data set or item being filled (none while skimming). */
  ds?: DataSet;
  /** The sequence or Pixel Data element being filled (none while skimming). */
  el?: Element;
  /** The sequence's or Pixel Data's tag, for messages. */
  tag?: Tag;
  /** Number of items read so far (fragments: 0 until the Basic Offset Table is read). */
  count: number;
}

/**
 * A sequence of the top-level data set being skimmed: its content goes through every check of a
 * parse (same errors and warnings) but nothing is built; its items are parsed on first access.
 */
interface Skim {
  el: Element;
  encoding: Encoding;
}

/** A new frame: all frames have the same fields, so the parser's accesses to them stay monomorphic. */
const newFrame = (kind: Kind, end: number, encoding: Encoding, ds?: DataSet, el?: Element, tag?: Tag): Frame => ({ kind, end, encoding, ds, el, tag, count: 0 });

/** Where a sequence's content ends: at its Sequence Delimitation Item (Infinity) or after its length. */
const sequenceEnd = (el: Element): number => (el.undefinedLength ? Infinity : el.offset + el.length);

/** What `#element` returns when a skim meets what it cannot check without building it. */
const BUILD: NeedBytes = { offset: -1, length: 0 };

/** What `run()` returns when it needs bytes beyond the loaded window. */
export interface NeedBytes {
  offset: number;
  length: number;
}

const PIXEL_DATA_GROUP = 0x7fe0;
/** A top-level sequence found this long while being built is skimmed instead, its items parsed on first access. */
const LAZY_SEQUENCE_BYTES = 4096;
export const DEFAULT_BULK_THRESHOLD = 65536;
const isPixelDataTag = (tag: Tag) => tag === 0x7fe00010 || tag === 0x7fe00008 || tag === 0x7fe00009;

/**
 * A data set parser (PS3.5 7) whose state is an explicit stack, so nesting depth is bounded by
 * memory, not the call stack, and parsing can pause for more bytes from a windowed source and resume.
 */
export class DataSetParser {
  readonly root: DataSet;
  readonly warnings: ParseWarning[] = [];
  /** Absolute offset of the next byte to read. */
  pos: number;
  /** Where parsing stopped early (stopBeforePixelData / onlyGroup / tags), else undefined. */
  stoppedAt?: number;

  #chunk!: Chunk;
  #bytes!: Uint8Array;
  #view!: DataView;
  #base = 0;
  #winEnd = 0;
  readonly #sourceEnd: number;
  readonly #windowed: boolean;
  readonly #stack: Frame[] = [];
  readonly #opts: ParserOptions;
  readonly #wanted?: Set<Tag>;
  readonly #lastWanted: number;
  readonly #name?: string;
  readonly #deferred: Chunk;
  #skim?: Skim;
  /** The top-level sequence built after its skim met what it cannot check: not skimmed again. */
  #eager?: Element;

  constructor(chunk: Chunk, start: number, end: number, encoding: Encoding, opts: ParserSetup = {}) {
    this.#setChunk(chunk);
    this.pos = start;
    this.#sourceEnd = end;
    this.#windowed = opts.windowed ?? false;
    this.#opts = opts;
    this.#name = opts.name;
    this.#deferred = { base: 0, source: opts.source };
    this.root = opts.root ?? new DataSet(encoding);
    if (opts.tags) {
      this.#wanted = new Set(opts.tags);
      this.#lastWanted = Math.max(...opts.tags);
    } else {
      this.#lastWanted = Infinity;
    }
    const seq = opts.sequence;
    this.#stack.push(seq ? newFrame(Kind.Sequence, sequenceEnd(seq), encoding, this.root, seq, seq.tag) : newFrame(Kind.DataSet, end, encoding, this.root));
  }

  /** Continues on a newly loaded window of the source. */
  setChunk(chunk: Chunk): void {
    this.#setChunk(chunk);
  }

  #setChunk(chunk: Chunk): void {
    this.#chunk = chunk;
    this.#bytes = chunk.bytes!;
    this.#view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.byteLength);
    this.#base = chunk.base;
    this.#winEnd = chunk.base + this.#bytes.length;
  }

  #error(expected: string, offset = this.pos, tag?: Tag): DicomParseError {
    return new DicomParseError(expected, { source: this.#name, offset, tag });
  }

  #warn(message: string, offset = this.pos, tag?: Tag): void {
    this.warnings.push({ message, offset, tag });
  }

  #u16(abs: number, le: boolean): number {
    return this.#view.getUint16(abs - this.#base, le);
  }

  #u32(abs: number, le: boolean): number {
    return this.#view.getUint32(abs - this.#base, le);
  }

  /** Parses until the data set is complete (returns undefined) or more bytes are needed. */
  run(): NeedBytes | undefined {
    const stack = this.#stack;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (this.pos >= frame.end) {
        if (this.pos > frame.end) this.#warn(`${frame.kind === Kind.DataSet ? 'item' : 'sequence'} content overruns its length`);
        stack.pop();
      } else {
        const need = frame.kind === Kind.DataSet ? this.#element(frame) : frame.kind === Kind.Sequence ? this.#item(frame) : this.#fragment(frame);
        if (need) {
          if (!this.#skim) return need;
          // A skimmed sequence that needs more than the loaded bytes is built after all.
          this.#eager = this.#skim.el;
          this.#restart(this.#skim.el, this.#skim.encoding, false);
        }
      }
      if (this.#skim && stack.length < 2) this.#defer(this.#skim);
    }
    return undefined;
  }

  /** Reads a top-level sequence again from its first item, built or skimmed; the warnings from inside it come again. */
  #restart(el: Element, encoding: Encoding, skim: boolean): void {
    this.#skim = skim ? { el, encoding } : undefined;
    el.items = skim ? undefined : [];
    this.#stack.length = 1;
    this.#stack.push(newFrame(Kind.Sequence, sequenceEnd(el), encoding, this.root, skim ? undefined : el, el.tag));
    const inside = this.warnings.findIndex((w) => (w.offset ?? 0) >= el.offset);
    if (inside >= 0) this.warnings.length = inside;
    this.pos = el.offset;
  }

  /** The skimmed sequence is complete: its items are parsed from the same bytes when first asked for. */
  #defer({ el, encoding }: Skim): void {
    this.#skim = undefined;
    const chunk = this.#chunk;
    const end = this.#sourceEnd;
    const root = this.root;
    // The same setup as this parser's, so that values are kept or deferred alike.
    const setup: ParserSetup = { windowed: this.#windowed, source: this.#deferred.source, name: this.#name, bulkThreshold: this.#opts.bulkThreshold };
    el.deferItems(() => parseItems(chunk, el, end, encoding, root, setup));
  }

  /** At the end of the source with containers still open: close them leniently, as pydicom and dcmtk do. */
  #endOfSource(): void {
    for (let i = this.#stack.length - 1; i > 0; i--) {
      const f = this.#stack[i]!;
      if (f.end !== Infinity) {
        throw this.#error(`${f.end - this.pos} more bytes of ${f.kind === Kind.DataSet ? 'item' : 'sequence'} content (end of data)`, this.pos, f.tag);
      }
    }
    if (this.#stack.length > 1) this.#warn('end of data inside an undefined-length sequence or item: delimiters assumed');
    this.#stack.length = 0;
  }

  /** Asks for `length` bytes at the current position; throws at the end of the source. */
  #needOrEnd(length: number, what: string): NeedBytes | 'end' {
    if (this.pos + length <= this.#sourceEnd) {
      if (!this.#windowed) throw this.#error(`${what} (window exhausted)`);
      return { offset: this.pos, length };
    }
    return 'end';
  }

  #element(frame: Frame): NeedBytes | undefined {
    const pos = this.pos;
    if (pos + 8 > this.#winEnd) {
      const r = this.#needOrEnd(8, 'element header');
      if (r !== 'end') return r;
      if (pos === this.#sourceEnd || this.#sourceEnd - pos < 8) {
        if (pos < this.#sourceEnd) this.#warn(`${this.#sourceEnd - pos} trailing bytes ignored`);
        this.pos = this.#sourceEnd;
        if (this.#stack.length === 1) this.#stack.length = 0;
        else this.#endOfSource();
        return undefined;
      }
    }
    const le = frame.encoding.littleEndian;
    const tag = ((this.#u16(pos, le) << 16) | this.#u16(pos + 2, le)) >>> 0;
    const depth = this.#stack.length;

    if (tag === ITEM_DELIMITATION) {
      this.pos = pos + 8;
      if (frame.end === Infinity && depth > 1) this.#stack.pop();
      else this.#warn('stray Item Delimitation Item ignored', pos, tag);
      return undefined;
    }
    if (tag === SEQUENCE_DELIMITATION) {
      if (depth > 1 && frame.end === Infinity) {
        // An undefined-length item closed by its sequence's delimiter: the item delimiter is missing.
        this.#warn('Item Delimitation Item missing before Sequence Delimitation Item', pos, tag);
        this.#stack.pop();
      } else {
        this.#warn('stray Sequence Delimitation Item ignored', pos, tag);
        this.pos = pos + 8;
      }
      return undefined;
    }
    if (tag === ITEM) throw this.#error('a data element tag, found an Item tag (FFFE,E000) outside a sequence', pos, tag);

    if (depth === 1) {
      if (this.#opts.onlyGroup !== undefined && tag >>> 16 !== this.#opts.onlyGroup) return this.#stop(pos);
      if (tag > this.#lastWanted) return this.#stop(pos);
      if (this.#opts.stopBeforePixelData && isPixelDataTag(tag)) return this.#stop(pos);
    }

    let vr: string | undefined;
    let length: number;
    let header: number;
    if (frame.encoding.explicitVR) {
      const rel = pos - this.#base;
      const b4 = this.#bytes[rel + 4]!;
      const b5 = this.#bytes[rel + 5]!;
      vr = vrFromBytes(b4, b5);
      let longLength: boolean;
      if (vr === undefined) {
        // PS3.5 6.2: an unknown VR: read as UN when the bytes look like one with a 32-bit length, as dcmtk does.
        const printable = b4 >= 0x41 && b4 <= 0x5a && b5 >= 0x41 && b5 <= 0x5a;
        if (!printable) throw this.#error(`a VR at offset ${pos + 4} (bytes 0x${hex2(b4)} 0x${hex2(b5)})`, pos + 4, tag);
        this.#warn(`unknown VR '${String.fromCharCode(b4, b5)}' read as UN`, pos + 4, tag);
        vr = 'UN';
        longLength = true;
      } else {
        longLength = hasLongLengthBytes(b4, b5);
      }
      if (longLength) {
        if (pos + 12 > this.#winEnd) {
          const r = this.#needOrEnd(12, 'element header');
          if (r !== 'end') return r;
          throw this.#error('a 12-byte element header (end of data)', pos, tag);
        }
        length = this.#u32(pos + 8, le);
        header = 12;
      } else {
        length = this.#u16(pos + 6, le);
        header = 8;
      }
    } else {
      length = this.#u32(pos + 4, le);
      header = 8;
      vr = implicitVR(tag, frame.ds!);
    }

    const valuePos = pos + header;
    const keep = depth > 1 || this.#wanted === undefined || this.#wanted.has(tag);
    const skimming = this.#skim !== undefined;

    if (length === UNDEFINED_LENGTH) return this.#undefinedLength(frame, tag, vr, valuePos, keep);

    const valueEnd = valuePos + length;
    if (valueEnd > this.#sourceEnd || valueEnd > frame.end) {
      const limit = Math.min(this.#sourceEnd, frame.end);
      throw this.#error(`${length} bytes of value for ${vr} element ${formatTag(tag)}, only ${limit - valuePos} available`, pos, tag);
    }
    if (length % 2 === 1 && vr !== 'UN') this.#warn(`odd value length ${length}`, pos, tag);

    if (vr === 'SQ') {
      if (skimming) {
        this.#stack.push(newFrame(Kind.Sequence, valueEnd, frame.encoding, undefined, undefined, tag));
      } else {
        const el = new Element(tag, vr, length, valuePos, this.#chunk);
        el.items = [];
        if (keep) frame.ds!.add(el);
        this.#stack.push(newFrame(Kind.Sequence, valueEnd, frame.encoding, frame.ds, el, tag));
      }
      this.pos = valuePos;
      return undefined;
    }

    let chunk: Chunk = this.#chunk;
    if (valueEnd > this.#winEnd) {
      if (!this.#windowed) throw this.#error('value bytes beyond the loaded data', pos, tag);
      if (length < (this.#opts.bulkThreshold ?? DEFAULT_BULK_THRESHOLD)) return { offset: pos, length: header + length };
      chunk = this.#deferred;
    } else if (this.#windowed && length >= (this.#opts.bulkThreshold ?? DEFAULT_BULK_THRESHOLD)) {
      chunk = this.#deferred;
    }
    if (keep && !skimming) frame.ds!.add(new Element(tag, vr, length, valuePos, chunk));
    this.pos = valueEnd;
    return undefined;
  }

  /** An undefined-length element: a sequence, or encapsulated Pixel Data (PS3.5 7.5, A.4). */
  #undefinedLength(frame: Frame, tag: Tag, vr: string, valuePos: number, keep: boolean): NeedBytes | undefined {
    const encapsulated = isPixelDataTag(tag) && vr !== 'SQ' && (vr !== 'UN' || tag >>> 16 === PIXEL_DATA_GROUP);
    // An undefined-length UN holds an implicit VR little endian sequence (PS3.5 6.2.2 Note).
    const enc = vr === 'UN' ? IMPLICIT_LE : frame.encoding;
    this.pos = valuePos;
    if (this.#skim) {
      // Implicit VR content needs the data sets that give its VRs, Pixel Data its element.
      if (encapsulated || !enc.explicitVR) return BUILD;
      this.#stack.push(newFrame(Kind.Sequence, Infinity, enc, undefined, undefined, tag));
      return undefined;
    }
    const el = new Element(tag, vr, UNDEFINED_LENGTH, valuePos, this.#chunk);
    if (keep) frame.ds!.add(el);
    if (encapsulated) {
      // Encapsulated Pixel Data (PS3.5 A.4), also that of an icon in a sequence item.
      el.encapsulated = { basicOffsetTable: [], fragments: [] };
      if (vr === 'UN') el.vr = 'OB';
      this.#stack.push(newFrame(Kind.Fragments, Infinity, frame.encoding, undefined, el, tag));
    } else {
      if (!frame.encoding.explicitVR && vr !== 'SQ') el.vr = 'SQ';
      el.items = [];
      this.#stack.push(newFrame(Kind.Sequence, Infinity, enc, frame.ds, el, tag));
    }
    return undefined;
  }

  #stop(pos: number): undefined {
    this.stoppedAt = pos;
    this.pos = pos;
    this.#stack.length = 0;
    return undefined;
  }

  /** Inside a sequence: the next Item or the Sequence Delimitation Item (PS3.5 7.5). */
  #item(frame: Frame): NeedBytes | undefined {
    const pos = this.pos;
    if (pos + 8 > this.#winEnd) {
      const r = this.#needOrEnd(8, 'item header');
      if (r !== 'end') return r;
      if (frame.end !== Infinity) throw this.#error('an Item header (end of data)', pos, frame.tag);
      this.pos = this.#sourceEnd;
      this.#endOfSource();
      return undefined;
    }
    const le = frame.encoding.littleEndian;
    const tag = ((this.#u16(pos, le) << 16) | this.#u16(pos + 2, le)) >>> 0;
    const length = this.#u32(pos + 4, le);
    if (tag === ITEM) {
      const seq = frame.el;
      // A long top-level sequence in explicit VR, still in the loaded bytes: skimmed from its start instead, its items parsed on first access.
      if (seq && this.#stack.length === 2 && seq !== this.#eager && frame.encoding.explicitVR && pos - seq.offset >= LAZY_SEQUENCE_BYTES && seq.offset >= this.#base) {
        this.#restart(seq, frame.encoding, true);
        return undefined;
      }
      let item: DataSet | undefined;
      if (seq) {
        item = new DataSet(frame.encoding, frame.ds);
        item.undefinedLength = length === UNDEFINED_LENGTH;
        // A one-item array literal holds exactly one slot; push onto [] would reserve 17.
        if (seq.items!.length === 0) seq.items = [item];
        else seq.items!.push(item);
      }
      let end = length === UNDEFINED_LENGTH ? Infinity : pos + 8 + length;
      const limit = Math.min(frame.end, this.#sourceEnd);
      if (end !== Infinity && end > limit) {
        // dcmtk and pydicom end such an item with its sequence.
        this.#warn(`item length ${length} exceeds its sequence's remaining ${limit - pos - 8} bytes: item ended there`, pos, frame.tag);
        end = limit;
      }
      this.pos = pos + 8;
      this.#stack.push(newFrame(Kind.DataSet, end, frame.encoding, item));
      return undefined;
    }
    if (tag === SEQUENCE_DELIMITATION) {
      if (frame.end !== Infinity) this.#warn('Sequence Delimitation Item in a defined-length sequence', pos, tag);
      this.pos = pos + 8;
      this.#stack.pop();
      return undefined;
    }
    if (tag === ITEM_DELIMITATION) {
      this.#warn('stray Item Delimitation Item in a sequence ignored', pos, tag);
      this.pos = pos + 8;
      return undefined;
    }
    throw this.#error(`an Item (FFFE,E000) or Sequence Delimitation Item in sequence ${formatTag(frame.tag!)}, found ${formatTag(tag)}`, pos, frame.tag);
  }

  /** Encapsulated Pixel Data: the Basic Offset Table item, then one item per fragment (PS3.5 A.4). */
  #fragment(frame: Frame): NeedBytes | undefined {
    const pos = this.pos;
    const enc = frame.el!.encapsulated as Encapsulated;
    if (pos + 8 > this.#winEnd) {
      const r = this.#needOrEnd(8, 'fragment header');
      if (r !== 'end') return r;
      this.#warn('end of data inside encapsulated Pixel Data: Sequence Delimitation Item missing', pos, frame.el!.tag);
      this.pos = this.#sourceEnd;
      this.#stack.pop();
      return undefined;
    }
    const tag = ((this.#u16(pos, true) << 16) | this.#u16(pos + 2, true)) >>> 0;
    const length = this.#u32(pos + 4, true);
    if (tag === SEQUENCE_DELIMITATION) {
      this.pos = pos + 8;
      this.#stack.pop();
      return undefined;
    }
    if (tag !== ITEM) throw this.#error(`an Item (FFFE,E000) in encapsulated Pixel Data, found ${formatTag(tag)}`, pos, frame.el!.tag);
    if (length === UNDEFINED_LENGTH) throw this.#error('a defined length for a Pixel Data fragment', pos, frame.el!.tag);
    const valueEnd = pos + 8 + length;
    if (valueEnd > this.#sourceEnd) {
      throw this.#error(`${length} bytes of fragment, only ${this.#sourceEnd - pos - 8} available`, pos, frame.el!.tag);
    }
    if (frame.count === 0) {
      // The first item is the Basic Offset Table: 32-bit offsets, possibly empty (PS3.5 A.4 Table A.4-1).
      if (valueEnd > this.#winEnd) {
        if (!this.#windowed) throw this.#error('Basic Offset Table beyond the loaded data', pos);
        return { offset: pos, length: 8 + length };
      }
      for (let p = pos + 8; p + 4 <= valueEnd; p += 4) enc.basicOffsetTable.push(this.#u32(p, true));
    } else {
      enc.fragments.push({ offset: pos + 8, length });
    }
    frame.count++;
    this.pos = valueEnd;
    return undefined;
  }
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/**
 * The items of a sequence element of `owner` whose value lies in `chunk` (a sequence read lazily, a
 * UN holding a sequence), parsed as `setup` says; `sourceEnd` bounds what the items may span.
 */
export function parseItems(chunk: Chunk, sequence: Element, sourceEnd: number, encoding: Encoding, owner: DataSet, setup: ParserSetup = {}): DataSet[] {
  const holder = new Element(sequence.tag, 'SQ', sequence.length, sequence.offset);
  holder.items = [];
  const parser = new DataSetParser(chunk, sequence.offset, sourceEnd, encoding, { ...setup, root: owner, sequence: holder });
  const need = parser.run();
  if (need) throw new DicomParseError('sequence items within the loaded bytes', { source: setup.name, offset: need.offset, tag: sequence.tag });
  return holder.items!;
}
