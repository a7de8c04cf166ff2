import type { DicomJsonValue } from './model.js';

// IS and DS values are written as JSON numbers (PS3.18 F.2.3.1); these are their syntaxes and
// byte limits (PS3.5 Table 6.2-1).
const IS = /^[+-]?\d+$/;
const DS = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MAX_LENGTH = { IS: 12, DS: 16 } as const;
const IS_RANGE = 2 ** 31;

/**
 * The text of a valid IS/DS as a JSON number, as dcm2json prints it (no '+', no leading zeros:
 * "+00.5" is 0.5, "1E+03" is 1E03), except that a point gets a digit on each side ("5." is 5.0,
 * where DCMTK 3.6.7 prints the invalid JSON "5.").
 */
function jsonNumberText(s: string): string {
  const [, sign, int, point, fraction, e, expSign, exponent] = /^([+-]?)(\d*)(\.?)(\d*)(?:([eE])([+-]?)(\d+))?$/.exec(s)!;
  return (
    (sign === '-' ? '-' : '') +
    (int!.replace(/^0+/, '') || '0') +
    (point ? `.${fraction || '0'}` : '') +
    (e ? `${e}${expSign === '-' ? '-' : ''}${exponent}` : '')
  );
}

/** Number texts of IS/DS values as stored, for writers that print them (formatDicomJson, toDicomXml). */
const storedTexts = new WeakMap<DicomJsonValue[], (string | undefined)[]>();

/**
 * One IS or DS value for JSON: a number when it is a valid IS/DS, null when empty, else the text
 * itself (kept rather than lost, as dcm2json does). Records the number's text for `numberText`.
 */
export function numberStringValue(text: string, vr: 'IS' | 'DS', values: DicomJsonValue[]): void {
  let value: DicomJsonValue = text === '' ? null : text;
  let stored: string | undefined;
  if (text.length <= MAX_LENGTH[vr] && (vr === 'IS' ? IS : DS).test(text)) {
    const n = Number(text);
    // IS values lie in -2^31 <= n < 2^31 (PS3.5 Table 6.2-1).
    if (vr === 'DS' || (n >= -IS_RANGE && n < IS_RANGE)) {
      stored = jsonNumberText(text);
      value = n;
    }
  }
  if (stored !== undefined) {
    const texts = storedTexts.get(values) ?? [];
    texts[values.length] = stored;
    storedTexts.set(values, texts);
  }
  values.push(value);
}

/** The text an IS/DS number had in the data set it was read from, if it came from toDicomJson. */
export const numberText = (values: DicomJsonValue[], index: number): string | undefined => storedTexts.get(values)?.[index];
