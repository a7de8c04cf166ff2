// Index rows of an instance record: the matching-key columns of each level.
import type { Insertable, Selectable } from 'kysely';
import { stringifyJson, type DicomJson } from '@dcmkit/core';
import { STUDY_ATTRIBUTES, SERIES_ATTRIBUTES } from './attributes.js';
import { firstInteger, firstText, itemsOf } from '@dcmkit/dicomweb';
import { normalizeDate, normalizeTime, personNameGroups, pick } from './json-values.js';
import type { InstanceTable, SeriesRequestTable, SeriesTable, StudyTable } from './schema.js';
import type { InstanceRecord } from './types.js';

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const mapped = <T>(v: string | undefined, f: (s: string) => T): T | null => (v === undefined ? null : f(v));

/** The study row of an instance's study, with its first counts (Number of Study Related Series / Instances). */
export function studyRow(r: InstanceRecord, numSeries: number, numInstances: number): Insertable<StudyTable> {
  const m = r.metadata;
  return {
    study_uid: r.studyInstanceUID,
    patient_name: orNull(firstText(m, '00100010')),
    ...studyPersonNames(m),
    patient_id: orNull(firstText(m, '00100020')),
    patient_birth_date: mapped(firstText(m, '00100030'), normalizeDate),
    patient_sex: orNull(firstText(m, '00100040')),
    study_date: mapped(firstText(m, '00080020'), normalizeDate),
    study_time: mapped(firstText(m, '00080030'), (t) => normalizeTime(t)),
    accession_number: orNull(firstText(m, '00080050')),
    study_id: orNull(firstText(m, '00200010')),
    study_description: orNull(firstText(m, '00081030')),
    modalities: '',
    num_series: numSeries,
    num_instances: numInstances,
    attributes: stringifyJson(pick(m, STUDY_ATTRIBUTES)),
  };
}

/** The PN matching columns of a study row: one per component group of Patient Name and Referring Physician's Name. */
export function studyPersonNames(m: DicomJson) {
  const [patient, patientIdeographic, patientPhonetic] = personNameGroups(m, '00100010');
  const [referring, referringIdeographic, referringPhonetic] = personNameGroups(m, '00080090');
  return {
    patient_name_norm: patient,
    patient_name_ideographic: patientIdeographic,
    patient_name_phonetic_norm: patientPhonetic,
    referring_physician_name_norm: referring,
    referring_physician_name_ideographic: referringIdeographic,
    referring_physician_name_phonetic_norm: referringPhonetic,
  } satisfies Partial<Insertable<StudyTable>>;
}

/** The series row of an instance's series, with its first count (Number of Series Related Instances). */
export function seriesRow(r: InstanceRecord, numInstances: number): Insertable<SeriesTable> {
  const m = r.metadata;
  return {
    series_uid: r.seriesInstanceUID,
    study_uid: r.studyInstanceUID,
    modality: orNull(firstText(m, '00080060')),
    series_number: orNull(firstInteger(m, '00200011')),
    series_description: orNull(firstText(m, '0008103E')),
    pps_start_date: mapped(firstText(m, '00400244'), normalizeDate),
    pps_start_time: mapped(firstText(m, '00400245'), (t) => normalizeTime(t)),
    num_instances: numInstances,
    attributes: stringifyJson(pick(m, SERIES_ATTRIBUTES)),
  };
}

/** One row per Request Attributes Sequence item (Scheduled Procedure Step ID, Requested Procedure ID). */
export const seriesRequestRows = (r: InstanceRecord): Insertable<SeriesRequestTable>[] =>
  itemsOf(r.metadata, '00400275').map((item) => ({
    series_uid: r.seriesInstanceUID,
    scheduled_procedure_step_id: orNull(firstText(item, '00400009')),
    requested_procedure_id: orNull(firstText(item, '00401001')),
  }));

export function instanceRow(r: InstanceRecord): Insertable<InstanceTable> {
  return {
    sop_uid: r.sopInstanceUID,
    series_uid: r.seriesInstanceUID,
    study_uid: r.studyInstanceUID,
    sop_class_uid: r.sopClassUID,
    instance_number: orNull(r.instanceNumber),
    rows: orNull(r.rows),
    columns: orNull(r.columns),
    bits_allocated: orNull(r.bitsAllocated),
    number_of_frames: r.numberOfFrames,
    transfer_syntax_uid: r.transferSyntaxUID,
    storage_key: r.storageKey,
    size: r.size,
    sha256: r.sha256,
    frames: JSON.stringify(r.frames),
    bulk_data: JSON.stringify(r.bulkData),
    metadata: stringifyJson(r.metadata),
    received_at: r.receivedAt ?? new Date().toISOString(),
  };
}

/** The record an instance row was made from; its metadata is parsed when first read. */
export function recordOf(row: Selectable<InstanceTable>): InstanceRecord {
  let metadata: DicomJson | undefined;
  return {
    studyInstanceUID: row.study_uid,
    seriesInstanceUID: row.series_uid,
    sopInstanceUID: row.sop_uid,
    sopClassUID: row.sop_class_uid,
    instanceNumber: row.instance_number ?? undefined,
    transferSyntaxUID: row.transfer_syntax_uid,
    storageKey: row.storage_key,
    size: Number(row.size),
    sha256: row.sha256,
    numberOfFrames: row.number_of_frames,
    rows: row.rows ?? undefined,
    columns: row.columns ?? undefined,
    bitsAllocated: row.bits_allocated ?? undefined,
    frames: JSON.parse(row.frames),
    bulkData: JSON.parse(row.bulk_data),
    get metadata() {
      return (metadata ??= JSON.parse(row.metadata) as DicomJson);
    },
    receivedAt: row.received_at,
  };
}
