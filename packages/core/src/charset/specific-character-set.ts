// Specific Character Set (0008,0005): the character sets of an element's text (PS3.5 6.1; PS3.3 C.12.1.1.2).
import { isPlainAscii, latin1, plainAsciiBytes } from './code-units.js';
import { resetsFor, TEXT_VRS } from './delimiters.js';
import { resolve, type Resolution } from './resolve.js';
import type { TextCodec } from './text-codec.js';

export class SpecificCharacterSet {
  /** The (0008,0005) values, surrounding spaces removed, e.g. ['', 'ISO 2022 IR 87']. */
  readonly terms: readonly string[];
  /** How non-conformant values were read. */
  readonly warnings: readonly string[];
  /**
   * True for the default repertoire, ISO-IR 6: (0008,0005) absent, empty, or only unknown terms.
   * Every byte then reads as one character (ASCII; stray bytes above 0x7F as ISO 8859-1, like
   * pydicom), so callers may skip decode().
   */
  readonly isDefault: boolean;
  readonly #codec: TextCodec;

  /** The default repertoire, ISO-IR 6 (PS3.5 6.1.2.1). */
  static readonly DEFAULT = new SpecificCharacterSet([], resolve([]));

  private constructor(terms: readonly string[], resolution: Resolution) {
    this.terms = terms;
    this.warnings = resolution.warnings;
    this.isDefault = resolution.isDefault;
    this.#codec = resolution.codec;
  }

  /**
   * From the (0008,0005) values, e.g. ['ISO 2022 IR 6', 'ISO 2022 IR 87'], ['ISO_IR 192'] or []
   * (default repertoire). Unknown or misspelled terms are read leniently and noted in `warnings`.
   */
  static from(values: readonly string[]): SpecificCharacterSet {
    // CS values: leading and trailing spaces are not significant (PS3.5 Table 6.2-1).
    const terms = values.map((v) => v.trim());
    return new SpecificCharacterSet(terms, resolve(terms));
  }

  /**
   * The text of the raw bytes of an element value with VR `vr` (all its values; the caller splits
   * on '\' and strips padding). SH, LO, ST, LT, UC, UT and PN use this character set; other VRs the
   * default repertoire (PS3.5 6.1.2.3).
   */
  decode(bytes: Uint8Array, vr: string): string {
    // ASCII bytes without ESC read the same in every repertoire; short values need no TextDecoder.
    if (this.isDefault || !TEXT_VRS.has(vr) || isPlainAscii(bytes)) return latin1(bytes);
    return this.#codec.decode(bytes, resetsFor(vr));
  }

  /**
   * The bytes of `text` for an element with VR `vr`: with escape sequences for ISO 2022 sets, ending
   * in value 1's designations. Throws CharacterSetError for a character the set cannot represent.
   */
  encode(text: string, vr: string): Uint8Array {
    const plain = plainAsciiBytes(text);
    if (plain) return plain;
    const codec = TEXT_VRS.has(vr) ? this.#codec : SpecificCharacterSet.DEFAULT.#codec;
    return codec.encode(text, resetsFor(vr));
  }
}
