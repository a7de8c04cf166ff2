import type { DataSet } from '../dataset.js';
import type { KeyedHash } from './keyed-hash.js';

/** A patient's identifying attributes and their replacements (original → new). */
export interface PatientIdentity {
  originalId: string;
  originalName: string;
  id: string;
  name: string;
}

/** Replacements the caller chose; what is not given is derived from the secret. */
export interface GivenIdentity {
  patientName?: string;
  patientId?: string;
}

const text = (ds: DataSet, keyword: 'PatientID' | 'PatientName' | 'IssuerOfPatientID') => ds.getText(keyword)?.trim() ?? '';

/** The patient of a data set: Patient ID within its issuer, the name when there is no ID (PS3.3 C.7.1.1). */
export function patientKey(ds: DataSet): string {
  const id = text(ds, 'PatientID');
  return `${id}\u0000${text(ds, 'IssuerOfPatientID')}\u0000${id ? '' : text(ds, 'PatientName')}`;
}

/**
 * The replacement Patient ID and Patient's Name of the patient of `ds`: as given, else "ANON-" and
 * ten hex digits of HMAC(secret, patient), the same for every instance of the patient.
 */
export function patientIdentity(ds: DataSet, hash: KeyedHash, given: GivenIdentity): PatientIdentity {
  const originalId = text(ds, 'PatientID');
  const originalName = text(ds, 'PatientName');
  let derived: string | undefined;
  if (given.patientId === undefined || given.patientName === undefined) {
    const h = hash.digest(`patient\u0000${patientKey(ds)}`);
    derived = `ANON-${Array.from(h.subarray(0, 5), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
  }
  return { originalId, originalName, id: given.patientId ?? derived!, name: given.patientName ?? derived! };
}
