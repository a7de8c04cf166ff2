import { DataSet } from '../dataset.js';
import { PersonName } from '../values/person-name.js';
import { createUid } from './uid.js';

// The modules every composite instance that dcmkit creates carries (PS3.3 C.7.1.1 Patient, C.7.2.1
// General Study, C.7.3.1 series basics, C.7.5.1 General Equipment, C.12.1 SOP Common).

export interface PatientInput {
  /** Patient's Name: "Family^Given" or a PersonName. */
  name: string | PersonName;
  id: string;
  /** YYYYMMDD */
  birthDate?: string;
  /** M, F or O */
  sex?: string;
}

export interface StudyInput {
  /** Default: a new UID. */
  instanceUID?: string;
  /** YYYYMMDD; default: today. */
  date?: string;
  /** HHMMSS; default: now. */
  time?: string;
  description?: string;
  id?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
}

export interface SeriesInput {
  /** Default: a new UID. */
  instanceUID?: string;
  /** Default 1. */
  number?: number;
  description?: string;
}

/** What a new instance is about and where it goes. */
export interface InstanceInput {
  patient: PatientInput;
  study?: StudyInput;
  series?: SeriesInput;
  /** Default 1. */
  instanceNumber?: number;
  /** Default: a new UID. */
  sopInstanceUID?: string;
  /** Manufacturer (0008,0070); default "dcmkit". */
  manufacturer?: string;
  /** The creation time written as Instance Creation and Content Date/Time; default now. */
  now?: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** YYYYMMDD of a Date, in local time. */
export const dicomDate = (d: Date): string => `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
/** HHMMSS of a Date, in local time. */
export const dicomTime = (d: Date): string => `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

/**
 * A new composite instance: Patient, General Study, the series attributes every series module has
 * (Modality, Series Instance UID, Series Number), General Equipment and SOP Common, plus Instance
 * Number and Content Date/Time.
 */
export function compositeInstance(sopClassUID: string, modality: string, input: InstanceInput): DataSet {
  const ds = new DataSet();
  const now = input.now ?? new Date();
  const { patient, study = {}, series = {} } = input;
  ds.set('SOPClassUID', sopClassUID);
  ds.set('SOPInstanceUID', input.sopInstanceUID ?? createUid());
  ds.set('InstanceCreationDate', dicomDate(now));
  ds.set('InstanceCreationTime', dicomTime(now));
  ds.set('PatientName', typeof patient.name === 'string' ? PersonName.parse(patient.name) : patient.name);
  ds.set('PatientID', patient.id);
  ds.set('PatientBirthDate', patient.birthDate ?? null);
  ds.set('PatientSex', patient.sex ?? null);
  ds.set('StudyInstanceUID', study.instanceUID ?? createUid());
  ds.set('StudyDate', study.date ?? dicomDate(now));
  ds.set('StudyTime', study.time ?? dicomTime(now));
  ds.set('ReferringPhysicianName', study.referringPhysicianName ? PersonName.parse(study.referringPhysicianName) : null);
  ds.set('StudyID', study.id ?? null);
  ds.set('AccessionNumber', study.accessionNumber ?? null);
  if (study.description) ds.set('StudyDescription', study.description);
  ds.set('Modality', modality);
  ds.set('SeriesInstanceUID', series.instanceUID ?? createUid());
  ds.set('SeriesNumber', series.number ?? 1);
  if (series.description) ds.set('SeriesDescription', series.description);
  ds.set('Manufacturer', input.manufacturer ?? 'dcmkit');
  ds.set('InstanceNumber', input.instanceNumber ?? 1);
  ds.set('ContentDate', dicomDate(now));
  ds.set('ContentTime', dicomTime(now));
  return ds;
}

const nonAscii = (v: unknown) => (typeof v === 'string' || v instanceof PersonName) && /[^\x00-\x7f]/.test(String(v));

/**
 * Sets Specific Character Set (0008,0005) to ISO_IR 192 (UTF-8) when a created text value anywhere in the
 * data set is not ASCII (PS3.3 C.12.1.1.2); ASCII-only data sets need none.
 */
export function declareCharacterSet(ds: DataSet): void {
  const stack = [ds];
  while (stack.length > 0) {
    for (const el of stack.pop()!) {
      if (el.items) stack.push(...el.items);
      else if (el.vr === 'SQ') stack.push(...((el.value as DataSet[] | undefined) ?? []));
      else if (Array.isArray(el.value) && el.value.some(nonAscii)) {
        ds.set('SpecificCharacterSet', 'ISO_IR 192');
        return;
      }
    }
  }
}
