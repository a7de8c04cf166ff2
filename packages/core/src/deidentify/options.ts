import type { DeidentificationOption } from '@dcmkit/dictionary';
import { DeidentifyError } from './error.js';
import type { SafePrivateAttribute } from './private.js';

/** A rectangle of pixels, in columns (x) and rows (y) from the top left. */
export interface PixelRegion {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The Basic Application Level Confidentiality Profile (PS3.15 E.1) and its Options (PS3.15 E.3). */
export interface DeidentifyOptions {
  /** Key of the HMAC-SHA256 behind replacement UIDs, pseudonyms and date shifts: same secret, same results. */
  secret: string | Uint8Array;
  /** Retain Safe Private Option (E.3.10): keep private attributes of the sample list and `safePrivate`. */
  retainSafePrivate?: boolean;
  /** More private attributes the caller knows to be safe. */
  safePrivate?: readonly SafePrivateAttribute[];
  /** Retain UIDs Option (E.3.9). */
  retainUIDs?: boolean;
  /** Retain Device Identity Option (E.3.8). */
  retainDeviceIdentity?: boolean;
  /** Retain Institution Identity Option (E.3.11). */
  retainInstitutionIdentity?: boolean;
  /** Retain Patient Characteristics Option (E.3.7). */
  retainPatientCharacteristics?: boolean;
  /** Retain Longitudinal Temporal Information with Full Dates Option (E.3.6). */
  retainLongitudinalFullDates?: boolean;
  /**
   * Retain Longitudinal Temporal Information with Modified Dates Option (E.3.6): dates move by
   * `dateShiftDays`, else by a per-patient number of days derived from the secret and Patient ID.
   */
  retainLongitudinalModifiedDates?: boolean;
  /** Days every date moves by (negative: earlier); implies the Modified Dates Option. */
  dateShiftDays?: number;
  /** Clean Descriptors Option (E.3.5). */
  cleanDescriptors?: boolean;
  /** Clean Structured Content Option (E.3.4). */
  cleanStructuredContent?: boolean;
  /** Clean Graphics Option (E.3.3). */
  cleanGraphics?: boolean;
  /** Replacement Patient's Name; default the pseudonym derived from the secret. */
  patientName?: string;
  /** Replacement Patient ID; default the pseudonym derived from the secret. */
  patientId?: string;
  /** Clean Pixel Data Option (E.3.1): these rectangles of every frame are set to zero (native Pixel Data only). */
  blank?: readonly PixelRegion[];
  /** UIDs replaced so far (original → replacement), shared across calls; filled in. */
  uidMap?: Map<string, string>;
}

/** The option columns of Table E.1-1 in force. */
export function optionColumns(opts: DeidentifyOptions): Set<DeidentificationOption> {
  if (opts.retainLongitudinalFullDates && modifiedDates(opts)) {
    throw new DeidentifyError('options', 'Retain Longitudinal Temporal Information with Full Dates and with Modified Dates exclude each other (PS3.15 E.3.6)');
  }
  if (opts.dateShiftDays !== undefined && !Number.isInteger(opts.dateShiftDays)) {
    throw new DeidentifyError('options', `dateShiftDays: a whole number of days, got ${opts.dateShiftDays}`);
  }
  for (const r of opts.blank ?? []) {
    if (![r.x, r.y, r.w, r.h].every(Number.isInteger) || r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0) {
      throw new DeidentifyError('options', `blank: rectangles of whole pixels with x, y >= 0 and w, h > 0, got ${JSON.stringify(r)}`);
    }
  }
  const columns = new Set<DeidentificationOption>();
  const use = (on: boolean | undefined, column: DeidentificationOption) => on && columns.add(column);
  use(opts.retainSafePrivate, 'rtnSafePrivOpt');
  use(opts.retainUIDs, 'rtnUIDsOpt');
  use(opts.retainDeviceIdentity, 'rtnDevIdOpt');
  use(opts.retainInstitutionIdentity, 'rtnInstIdOpt');
  use(opts.retainPatientCharacteristics, 'rtnPatCharsOpt');
  use(opts.retainLongitudinalFullDates, 'rtnLongFullDatesOpt');
  use(modifiedDates(opts), 'rtnLongModifDatesOpt');
  use(opts.cleanDescriptors, 'cleanDescOpt');
  use(opts.cleanStructuredContent, 'cleanStructContOpt');
  use(opts.cleanGraphics, 'cleanGraphOpt');
  return columns;
}

const modifiedDates = (opts: DeidentifyOptions) => opts.retainLongitudinalModifiedDates === true || opts.dateShiftDays !== undefined;
