import type { DicomJsonValue } from './model.js';

// IS and DS values are written as JSON numbers (PS3.18 F.2.3.1); their syntaxes and byte limits
// are those of PS3.5 Table 6.2-1: IS [+-]digits, DS [+-](digits[.digits]|.digits)[(e|E)[+-]digits].
const MAX_LENGTH = { IS: 12, DS: 16 } as const;
const IS_RANGE = 2 ** 31;

const PLUS = 0x2b;
const MINUS = 0x2d;
const POINT = 0x2e;
const ZERO = 0x30;
const isDigit = (c: number) => c >= ZERO && c <= 0x39;

/**
 * The text of a valid IS/DS as a JSON number, as dcm2json prints it (no '+', no leading zeros:
 * "+00.5" is 0.5, "1E+03" is 1E03), except that a point gets a digit on each side ("5." is 5.0,
 * where DCMTK 3.6.7 prints the invalid JSON "5."); undefined when `s` is not a valid IS/DS.
 */
function jsonNumberText(s: string, vr: 'IS' | 'DS'): string | undefined {
  let i = 0;
  const signed = s.charCodeAt(0) === PLUS || s.charCodeAt(0) === MINUS;
  if (signed) i++;
  const intStart = i;
  while (isDigit(s.charCodeAt(i))) i++;
  const intEnd = i;
  let point = false;
  let fracStart = i;
  let fracEnd = i;
  let expStart = -1;
  if (vr === 'DS') {
    if (s.charCodeAt(i) === POINT) {
      point = true;
      fracStart = ++i;
      while (isDigit(s.charCodeAt(i))) i++;
      fracEnd = i;
    }
    if (intEnd === intStart && fracEnd === fracStart) return undefined;
    if ((s.charCodeAt(i) | 0x20) === 0x65 /* e or E */) {
      expStart = i++;
      if (s.charCodeAt(i) === PLUS || s.charCodeAt(i) === MINUS) i++;
      const digits = i;
      while (isDigit(s.charCodeAt(i))) i++;
      if (i === digits) return undefined;
    }
  } else if (intEnd === intStart) return undefined;
  if (i !== s.length) return undefined;
  // Leading zeros of the integer part go, but one digit stays.
  let intFrom = intStart;
  while (intFrom < intEnd - 1 && s.charCodeAt(intFrom) === ZERO) intFrom++;
  const expPlus = expStart >= 0 && s.charCodeAt(expStart + 1) === PLUS;
  const canonical =
    s.charCodeAt(0) !== PLUS && intFrom === intStart && intEnd > intStart && (!point || fracEnd > fracStart) && !expPlus;
  if (canonical) return s;
  return (
    (s.charCodeAt(0) === MINUS ? '-' : '') +
    (intEnd > intStart ? s.slice(intFrom, intEnd) : '0') +
    (point ? `.${fracEnd > fracStart ? s.slice(fracStart, fracEnd) : '0'}` : '') +
    (expStart >= 0 ? s[expStart]! + s.slice(expPlus ? expStart + 2 : expStart + 1) : '')
  );
}

/**
 * Number texts of IS/DS values as stored, for writers that print them (formatDicomJson, toDicomXml):
 * only those that differ from the number's own text ("1.0", "1E03"; not "1" or "0.5").
 */
const storedTexts = new WeakMap<DicomJsonValue[], (string | undefined)[]>();

/**
 * One IS or DS value for JSON: a number when it is a valid IS/DS, null when empty, else the text
 * itself (kept rather than lost, as dcm2json does). Records the number's text for `numberText`.
 */
export function numberStringValue(text: string, vr: 'IS' | 'DS', values: DicomJsonValue[]): void {
  const stored = text.length <= MAX_LENGTH[vr] ? jsonNumberText(text, vr) : undefined;
  const n = stored === undefined ? NaN : Number(text);
  // IS values lie in -2^31 <= n < 2^31 (PS3.5 Table 6.2-1).
  if (stored === undefined || (vr === 'IS' && !(n >= -IS_RANGE && n < IS_RANGE))) {
    values.push(text === '' ? null : text);
    return;
  }
  if (stored !== String(n)) {
    let texts = storedTexts.get(values);
    if (!texts) storedTexts.set(values, (texts = []));
    texts[values.length] = stored;
  }
  values.push(n);
}

/** The JSON values of an IS/DS element's text (values separated by backslash, spaces around them ignored). */
export function numberStringValues(text: string, vr: 'IS' | 'DS'): DicomJsonValue[] {
  const values: DicomJsonValue[] = [];
  if (text === '') return values;
  for (let start = 0; ; ) {
    const end = text.indexOf('\\', start);
    numberStringValue((end < 0 ? text.slice(start) : text.slice(start, end)).trim(), vr, values);
    if (end < 0) return values;
    start = end + 1;
  }
}

/**
 * The text an IS/DS number had in the data set it was read from, if it came from toDicomJson;
 * undefined when that text is the number's own (String(n)).
 */
export const numberText = (values: DicomJsonValue[], index: number): string | undefined => storedTexts.get(values)?.[index];
