// Defined Terms of Specific Character Set (0008,0005): PS3.3 C.12.1.1.2, Tables C.12-2 to C.12-5.
import type { Designation, G0Designation } from './graphic-set.js';
import * as ir from './iso-ir.js';

/**
 * Single-byte character sets by ISO-IR number: 'ISO_IR n' (Table C.12-2) and 'ISO 2022 IR n'
 * (Table C.12-3). G0 is ISO-IR 6, or ISO-IR 14 for Japanese.
 */
const SINGLE_BYTE = new Map<string, G0Designation>([
  ['6', { g0: ir.IR_6 }],
  ['100', { g0: ir.IR_6, g1: ir.IR_100 }],
  ['101', { g0: ir.IR_6, g1: ir.IR_101 }],
  ['109', { g0: ir.IR_6, g1: ir.IR_109 }],
  ['110', { g0: ir.IR_6, g1: ir.IR_110 }],
  ['144', { g0: ir.IR_6, g1: ir.IR_144 }],
  ['127', { g0: ir.IR_6, g1: ir.IR_127 }],
  ['126', { g0: ir.IR_6, g1: ir.IR_126 }],
  ['138', { g0: ir.IR_6, g1: ir.IR_138 }],
  ['148', { g0: ir.IR_6, g1: ir.IR_148 }],
  ['203', { g0: ir.IR_6, g1: ir.IR_203 }],
  ['13', { g0: ir.IR_14, g1: ir.IR_13 }],
  ['166', { g0: ir.IR_6, g1: ir.IR_166 }],
]);

/** Multi-byte character sets with code extensions, 'ISO 2022 IR n' (Table C.12-4): values 2 to n only. */
const MULTI_BYTE = new Map<string, Designation>([
  ['87', { g0: ir.IR_87 }],
  ['159', { g0: ir.IR_159 }],
  ['149', { g1: ir.IR_149 }],
  ['58', { g1: ir.IR_58 }],
]);

export type UnicodeLabel = 'utf-8' | 'gb18030' | 'gbk';

/** Multi-byte character sets without code extensions (Table C.12-5): WHATWG encoding labels. */
const WITHOUT_CODE_EXTENSIONS = new Map<string, UnicodeLabel>([
  ['ISO_IR 192', 'utf-8'],
  ['GB18030', 'gb18030'],
  ['GBK', 'gbk'],
]);

/** What a Defined Term names. */
export type TermMeaning =
  | { kind: 'single-byte'; codeExtensions: boolean; designation: G0Designation }
  | { kind: 'multi-byte'; designation: Designation }
  | { kind: 'unicode'; label: UnicodeLabel }
  | { kind: 'unknown' };

/** The meaning of a Defined Term spelled exactly as in PS3.3 (ISO_IR 6 is none: the default has no term). */
export function meaningOf(term: string): TermMeaning {
  const label = WITHOUT_CODE_EXTENSIONS.get(term);
  if (label) return { kind: 'unicode', label };
  const withoutExtensions = /^ISO_IR (\d+)$/.exec(term);
  const single = withoutExtensions && withoutExtensions[1] !== '6' ? SINGLE_BYTE.get(withoutExtensions[1]!) : undefined;
  if (single) return { kind: 'single-byte', codeExtensions: false, designation: single };
  const ir = /^ISO 2022 IR (\d+)$/.exec(term)?.[1];
  const extended = ir === undefined ? undefined : SINGLE_BYTE.get(ir);
  if (extended) return { kind: 'single-byte', codeExtensions: true, designation: extended };
  const multi = ir === undefined ? undefined : MULTI_BYTE.get(ir);
  if (multi) return { kind: 'multi-byte', designation: multi };
  return { kind: 'unknown' };
}

/**
 * The Defined Term a common misspelling stands for ('ISO-IR 100', 'ISO_IR100', 'iso 2022 ir 87',
 * 'gb18030'), or the term itself.
 */
export function respell(term: string): string {
  const m = /^ISO[-_ ]?(2022[-_ ]?)?IR[-_ ]?(\d+)$/i.exec(term);
  if (m) return m[1] ? `ISO 2022 IR ${m[2]}` : `ISO_IR ${m[2]}`;
  return term.toUpperCase();
}
