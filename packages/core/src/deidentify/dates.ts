import type { KeyedHash } from './keyed-hash.js';

// Retain Longitudinal Temporal Information with Modified Dates (PS3.15 E.3.6): dates move by a whole
// number of days, so intervals between them, and every time of day, are kept.

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The calendar date `days` after year/month/day (proleptic Gregorian, UTC; years below 100 stay as they are). */
function addDays(year: number, month: number, day: number, days: number): [number, number, number] {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + days);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

const DA = /^(\d{4})\.?(\d{2})\.?(\d{2})$/;

/** A DA value (YYYYMMDD, or the ACR-NEMA YYYY.MM.DD) moved by `days`; undefined when it is not a date. */
export function shiftDate(text: string, days: number): string | undefined {
  const m = DA.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = addDays(Number(m[1]), Number(m[2]), Number(m[3]), days);
  if (y < 0 || y > 9999) return undefined;
  return pad(y, 4) + pad(mo, 2) + pad(d, 2);
}

// DT: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX] (PS3.5 Table 6.2-1); the part after the date is kept as it is.
const DT = /^(\d{4})(\d{2})?(\d{2})?(\d{0,6}(?:\.\d{1,6})?(?:[+-]\d{4})?)$/;

/**
 * A DT value moved by `days`, at the precision it has: a value without a day moves its month (or year)
 * by where its first day goes. undefined when it is not a date-time.
 */
export function shiftDateTime(text: string, days: number): string | undefined {
  const m = DT.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = addDays(Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1, days);
  if (y < 0 || y > 9999) return undefined;
  return pad(y, 4) + (m[2] ? pad(mo, 2) : '') + (m[3] ? pad(d, 2) : '') + m[4];
}

/** Days in the range of derived shifts: one to ten years back. */
const MIN_SHIFT = 365;
const SHIFT_RANGE = 3288;

/**
 * The per-patient date shift: a whole number of days, 365 to 3652 back, from HMAC(secret, Patient ID),
 * so all of one patient's studies move together in every run with the same secret.
 */
export function patientDateShift(hash: KeyedHash, patientKey: string): number {
  const h = hash.digest(`date-shift\u0000${patientKey}`);
  const n = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
  return -(MIN_SHIFT + (n % SHIFT_RANGE));
}
