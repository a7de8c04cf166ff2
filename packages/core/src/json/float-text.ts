/**
 * FL and FD numbers as dcm2json (DCMTK 3.6.7) prints them: "%g" with 9 (FL) or 17 (FD)
 * significant digits and no '+' in the exponent, the digits generated the way DCMTK's own
 * formatter does, by repeated decimal scaling in binary64. Read back, the text gives the same
 * number; its last digit can differ from an exactly rounded "%.17g" (e.g. 0.3 prints as "0.3").
 */
export function floatText(value: number, precision: number): string {
  const negative = value < 0;
  const v = Math.abs(value);
  const whole = Math.trunc(v);
  let fraction = v - whole;
  /** The next decimal digit of the fraction. */
  const nextDigit = () => {
    const scaled = fraction * 10;
    const d = Math.trunc(scaled);
    fraction = scaled - d;
    return d;
  };

  const integer = integerDigits(whole);
  const digits: number[] = [];
  let exponent: number | undefined;
  let roundUp: boolean;

  if (integer.length > precision) {
    // Scientific style from the whole part: its first `precision` digits, rounded by the next.
    exponent = integer.length - 1;
    digits.push(...integer.slice(0, precision));
    roundUp = integer[precision]! > 4;
  } else if (integer.length === 0 && fraction !== 0 && fraction < 0.0001) {
    // Scientific style from the fraction: its first significant digit, then precision - 1 more.
    exponent = 0;
    let d = 0;
    while (d === 0) {
      d = nextDigit();
      exponent--;
    }
    digits.push(d);
    for (let left = precision - 1; left > 0 && fraction !== 0; left--) digits.push(nextDigit());
    roundUp = fraction !== 0 && Math.trunc(fraction * 10) > 4;
  } else {
    // Fixed style; zeros between the point and the first significant fraction digit are free.
    digits.push(...(integer.length ? integer : [0]));
    let left = precision - integer.length;
    if (fraction !== 0 && left > 0) {
      let d = 0;
      while (d === 0) {
        d = nextDigit();
        digits.push(d);
      }
      while (--left > 0 && fraction !== 0) digits.push(nextDigit());
    }
    roundUp = fraction !== 0 && Math.trunc(fraction * 10) > 4;
  }

  let pointAt = exponent === undefined ? Math.max(integer.length, 1) : 1;
  if (roundUp && carry(digits)) {
    if (exponent === undefined) pointAt++;
    else exponent++;
  }
  let text = digits.slice(0, pointAt).join('');
  const after = digits.slice(pointAt).join('').replace(/0+$/, '');
  if (after) text += `.${after}`;
  if (exponent !== undefined) text += `e${exponent < 0 ? '-' : ''}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Digits of a whole number, most significant first (0 has none). */
function integerDigits(whole: number): number[] {
  const digits: number[] = [];
  while (whole) {
    const scaled = whole / 10;
    whole = Math.trunc(scaled);
    // The remainder as a digit, nudged against quotients like 3.5999... for 36 / 10.
    digits.unshift(Math.trunc((scaled - whole + 0.01) * 10));
  }
  return digits;
}

/** Adds one unit in the last place; true when it carried out of the first digit (which becomes 1). */
function carry(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (++digits[i]! <= 9) return false;
    digits[i] = 0;
  }
  digits.unshift(1);
  return true;
}
