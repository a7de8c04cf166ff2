// ISO/IEC 2022 character sets: a single-byte set without code extensions, or any sets of PS3.3
// Tables C.12-3 and C.12-4 switched by escape sequences (PS3.5 6.1.2.5).
import { CharacterSetError } from './character-set-error.js';
import { fromCodeUnits } from './code-units.js';
import type { G0Designation, GraphicSet } from './graphic-set.js';
import { DESIGNATABLE } from './iso-ir.js';
import type { TextCodec } from './text-codec.js';

const ESC = 0x1b;
const REPLACEMENT = 0xfffd;

const BY_ESCAPE = new Map(DESIGNATABLE.map((set) => [String.fromCharCode(...set.escape), set]));

/** The set whose escape sequence, ESC and 2 or 3 bytes (PS3.3 Tables C.12-3, C.12-4), starts at `at`. */
function designatedAt(bytes: Uint8Array, at: number): GraphicSet | undefined {
  const three = String.fromCharCode(ESC, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0);
  return BY_ESCAPE.get(three) ?? BY_ESCAPE.get(three + String.fromCharCode(bytes[at + 3] ?? 0));
}

/** A byte of a 94-character set or of a row/cell of a 94×94 set, high bit cleared (ISO/IEC 2022). */
const isGraphic = (b7: number): boolean => b7 >= 0x21 && b7 <= 0x7e;

export class Iso2022Codec implements TextCodec {
  constructor(
    /** The (0008,0005) values, for error messages. */
    private readonly terms: readonly string[],
    /** Value 1's designations: in force at the start of each value and after each reset (PS3.5 6.1.2.5.3). */
    private readonly initial: G0Designation,
    /** The sets a writer may designate, in (0008,0005) order; null without code extensions. */
    private readonly extensions: readonly GraphicSet[] | null,
  ) {}

  decode(bytes: Uint8Array, resets: Uint8Array): string {
    const initial = this.initial;
    let { g0, g1 } = initial;
    const out = new Uint16Array(bytes.length);
    let n = 0;
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i]!;
      if (b === ESC && this.extensions) {
        // Any set of PS3.3 Tables C.12-3/C.12-4 is honoured, listed in (0008,0005) or not.
        const set = designatedAt(bytes, i);
        if (set) {
          if (set.register === 'G0') g0 = set;
          else g1 = set;
          i += set.escape.length;
          continue;
        }
      }
      const set = b < 0x80 ? g0 : g1;
      if (b <= 0x20 || b === 0x7f || (b >= 0x80 && b < 0xa0) || !set) {
        // Controls, SPACE and DEL are the same in every set; GR bytes with no G1 are read as ISO 8859-1.
        out[n++] = b;
        i++;
      } else if (set.bytesPerCharacter === 1) {
        out[n++] = set.decode(b & 0x7f, 0);
        i++;
      } else {
        const b2 = bytes[i + 1] ?? 0;
        const paired = isGraphic(b & 0x7f) && isGraphic(b2 & 0x7f) && (b2 & 0x80) === (b & 0x80);
        out[n++] = paired ? set.decode(b & 0x7f, b2 & 0x7f) : REPLACEMENT;
        i += paired ? 2 : 1;
        continue; // a two-byte character is never a delimiter
      }
      if (b < 0x80 && resets[b]) {
        // PS3.5 6.1.2.5.3. A G1 that value 1 leaves empty keeps its last designation, leniently.
        g0 = initial.g0;
        g1 = initial.g1 ?? g1;
      }
    }
    return fromCodeUnits(out.subarray(0, n));
  }

  encode(text: string, resets: Uint8Array): Uint8Array {
    const initial = this.initial;
    let { g0, g1 } = initial;
    const out: number[] = [];
    const designate = (set: GraphicSet) => {
      out.push(...set.escape);
      if (set.register === 'G0') g0 = set;
      else g1 = set;
    };
    // Value 1's sets are active again before each reset character and at the end (PS3.5 6.1.2.5.3);
    // a G1 that value 1 leaves empty is forgotten, to be designated again where needed (PS3.5 Annex I).
    const restore = () => {
      if (g0 !== initial.g0) designate(initial.g0);
      if (g1 !== initial.g1) {
        if (initial.g1) designate(initial.g1);
        else g1 = undefined;
      }
    };
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80 && resets[c]) {
        restore();
        out.push(c);
        continue;
      }
      const set = g0.encode(c) >= 0 ? g0
        : g1 && g1.encode(c) >= 0 ? g1
        : this.extensions?.find((s) => s.encode(c) >= 0);
      if (!set) throw new CharacterSetError(ch, this.terms);
      if (set !== g0 && set !== g1) designate(set);
      const code = set.encode(c);
      const high = set.register === 'G1' ? 0x80 : 0;
      if (set.bytesPerCharacter === 2) out.push((code >> 8) | high, (code & 0xff) | high);
      else out.push(code | high);
    }
    restore();
    return Uint8Array.from(out);
  }
}
