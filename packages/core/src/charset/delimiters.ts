// Where code extension state returns to the value-1 designations (PS3.5 6.1.2.5.3): at the start of a
// value, and before every control character other than ESC (CR, LF, FF, TAB ...), before the value
// delimiter '\' (05/12), and in PN before the component and group delimiters '^' and '='.

/** VRs whose values use the Specific Character Set (PS3.5 6.1.2.3); all others use the default repertoire. */
export const TEXT_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'ST', 'LT', 'UC', 'UT', 'PN']);

const ESC = 0x1b;

/** Flags over the 7-bit bytes: C0 controls other than ESC, and `delimiters`. */
function resetFlags(delimiters: string): Uint8Array {
  const flags = new Uint8Array(0x80);
  flags.fill(1, 0, 0x20);
  flags[ESC] = 0;
  for (const d of delimiters) flags[d.charCodeAt(0)] = 1;
  return flags;
}

// ST, LT and UT hold one value, so '\' is an ordinary character there (PS3.5 Table 6.2-1).
const SINGLE_VALUED = resetFlags('');
const MULTI_VALUED = resetFlags('\\');
const PERSON_NAME = resetFlags('\\^=');

/** The 7-bit bytes (and characters) before which `vr` values return to the initial designations. */
export function resetsFor(vr: string): Uint8Array {
  if (vr === 'PN') return PERSON_NAME;
  return vr === 'ST' || vr === 'LT' || vr === 'UT' ? SINGLE_VALUED : MULTI_VALUED;
}
