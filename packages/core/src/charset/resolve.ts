// From the values of Specific Character Set (0008,0005) to a codec (PS3.3 C.12.1.1.2; PS3.5 6.1.2.5).
// Non-conformant values are read leniently, each with a warning.
import { meaningOf, respell, type TermMeaning } from './defined-terms.js';
import { Gb18030Codec } from './gb18030-codec.js';
import type { G0Designation, GraphicSet } from './graphic-set.js';
import { Iso2022Codec } from './iso2022-codec.js';
import { IR_6 } from './iso-ir.js';
import type { TextCodec } from './text-codec.js';
import { Utf8Codec } from './utf8-codec.js';

export interface Resolution {
  readonly codec: TextCodec;
  /** The default repertoire, ISO-IR 6 (stray bytes above 0x7F read as ISO 8859-1). */
  readonly isDefault: boolean;
  readonly warnings: readonly string[];
}

const defaultCodec = (terms: readonly string[]) => new Iso2022Codec(terms, { g0: IR_6 }, null);

/** Value 1's designations, the initial state (PS3.5 6.1.2.5.3). */
function initialOf(value1: TermMeaning): G0Designation {
  if (value1.kind === 'single-byte') return value1.designation;
  // A Table C.12-4 set as value 1 (allowed for values 2-n only): ISO-IR 6 in G0, and its G1 set if it has one.
  if (value1.kind === 'multi-byte') return { g0: IR_6, g1: value1.designation.g1 };
  return { g0: IR_6 };
}

/** The codec and warnings for the (0008,0005) values `terms` (surrounding spaces already removed). */
export function resolve(terms: readonly string[]): Resolution {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(`Specific Character Set: ${message}`);

  // No value, or one empty value: the default repertoire (PS3.3 C.12.1.1.2).
  if (terms.every((t) => t === '')) return { codec: defaultCodec(terms), isDefault: true, warnings };

  const meanings = terms.map((term, i): TermMeaning => {
    // Several values with value 1 empty: value 1 is ISO 2022 IR 6 (PS3.3 C.12.1.1.2).
    if (i === 0 && term === '') return meaningOf('ISO 2022 IR 6');
    const spelled = respell(term);
    const meaning = meaningOf(spelled);
    if (meaning.kind === 'unknown') warn(`'${term}' is not a Defined Term; ignored`);
    else if (spelled !== term) warn(`'${term}' read as the Defined Term '${spelled}'`);
    return meaning;
  });
  const value1 = meanings[0]!;

  if (value1.kind === 'unicode') {
    if (terms.length > 1) warn(`'${terms[0]}' has no code extensions (PS3.3 Table C.12-5); values 2-${terms.length} ignored`);
    const codec = value1.label === 'utf-8' ? new Utf8Codec(terms) : new Gb18030Codec(terms, value1.label === 'gb18030');
    return { codec, isDefault: false, warnings };
  }
  if (terms.length === 1 && value1.kind === 'unknown') {
    return { codec: defaultCodec(terms), isDefault: true, warnings };
  }
  if (terms.length === 1 && value1.kind === 'single-byte' && !value1.codeExtensions) {
    return { codec: new Iso2022Codec(terms, initialOf(value1), null), isDefault: false, warnings };
  }

  // Code extensions (PS3.5 6.1.2.5): any listed set may be designated; value 1's sets are the initial ones.
  const initial = initialOf(value1);
  const sets: GraphicSet[] = [initial.g0, ...(initial.g1 ? [initial.g1] : [])];
  meanings.forEach((meaning, i) => {
    const term = terms[i]!;
    if (meaning.kind === 'unicode') warn(`'${term}' cannot be combined with other values (PS3.3 Table C.12-5); ignored`);
    if (meaning.kind === 'single-byte' && !meaning.codeExtensions) {
      warn(`'${term}' has no code extensions; read as '${term.replace('ISO_IR', 'ISO 2022 IR')}' (PS3.3 Table C.12-3)`);
    }
    if (meaning.kind === 'multi-byte' && i === 0) warn(`'${term}' is for values 2-n only (PS3.3 Table C.12-4)`);
    if (meaning.kind === 'single-byte' || meaning.kind === 'multi-byte') {
      for (const set of [meaning.designation.g0, meaning.designation.g1]) if (set && !sets.includes(set)) sets.push(set);
    }
  });
  return { codec: new Iso2022Codec(terms, initial, sets), isDefault: false, warnings };
}
