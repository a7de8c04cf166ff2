import { DEIDENTIFICATION_PRIVATE, DEIDENTIFICATION_ROWS, type DeidentificationOption, type DeidentificationRow } from '@dcmkit/dictionary';
import type { Tag } from '../tag.js';

// PS3.15 Table E.1-1, as generated into @dcmkit/dictionary: the action of each attribute in the Basic
// Profile and in each Option.

let exact: Map<Tag, DeidentificationRow> | undefined;
let masked: DeidentificationRow[] | undefined;

/** The row of a standard attribute; repeating groups (50xx, 60xx) match their even groups only (PS3.5 7.6). */
export function profileRow(tag: Tag): DeidentificationRow | undefined {
  if (!exact) {
    exact = new Map();
    masked = [];
    for (const row of DEIDENTIFICATION_ROWS) {
      if (row[1] === 0xffffffff) exact.set(row[0], row);
      else masked.push(row);
    }
  }
  const row = exact.get(tag);
  if (row || (tag >>> 16) % 2 === 1) return row;
  return masked!.find(([value, mask]) => ((tag & mask) >>> 0) === value);
}

/**
 * The action for the attribute of `row` with the Options in force: "A requirement for an Option ...
 * overrides any requirement for the underlying Profile" (PS3.15 E.1.1). When two Options ask
 * differently (Retain Device Identity K and Modified Dates C on a calibration date), the one that
 * protects more, C, is taken.
 */
export const tableAction = (row: DeidentificationRow, options: ReadonlySet<DeidentificationOption>): string => chooseAction(row[3], row[5], options);

/** The action for private attributes: X, or C (kept when known to be safe) with Retain Safe Private (PS3.15 E.3.10). */
export const privateAction = (options: ReadonlySet<DeidentificationOption>): string =>
  chooseAction(DEIDENTIFICATION_PRIVATE.action, DEIDENTIFICATION_PRIVATE.options, options);

function chooseAction(basic: string, byOption: Partial<Record<DeidentificationOption, string>>, options: ReadonlySet<DeidentificationOption>): string {
  let action: string | undefined;
  for (const option of options) {
    const optionAction = byOption[option];
    if (optionAction !== undefined && action !== 'C') action = optionAction;
  }
  return action ?? basic;
}

/**
 * The action a combined code (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) comes to. Each means "the first that the
 * IOD allows": X for Type 3, Z for Type 2, D (or U of the contained UIDs) for Type 1 (PS3.15 Table
 * E.1-1a). dcmkit does not model each IOD's attribute types, so it decides by these rules:
 *  1. an attribute not in the standard composite IODs can be removed without breaking one (PS3.15
 *     E.1.1 note 13): the first code, X;
 *  2. an element that is empty in the input was not Type 1 there: Z where the code offers it, else X;
 *  3. otherwise the code that every IOD allows, whatever the attribute's Type there: a dummy (D) for
 *     a value, which holds no information; for a sequence, whose dummy items the IOD would have to
 *     define, an empty sequence (Z) where offered, its UIDs replaced (U*) where that is the choice,
 *     else X.
 * So with a value: X/Z → Z, X/D → D, Z/D → D, X/Z/D → D; sequences: X/Z → Z, X/Z/D → Z, X/D → X, X/Z/U* → U.
 */
export function resolveCombined(code: string, inStandardIOD: boolean, empty: boolean, sequence: boolean): string {
  const codes = code.split('/');
  if (codes.length === 1) return code;
  if (!inStandardIOD) return codes[0]!;
  if (empty) return codes.includes('Z') ? 'Z' : codes[0]!;
  if (sequence) return codes.includes('U*') ? 'U' : codes.includes('Z') ? 'Z' : codes[0]!;
  return codes.includes('D') ? 'D' : codes.includes('Z') ? 'Z' : 'U';
}
