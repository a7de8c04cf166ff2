// Tables of the index (one schema for SQLite and PostgreSQL, used through Kysely).
import type { Generated } from 'kysely';

/** A study: Patient and Study module keys (PS3.18 10.6.1.2 Table 10.6.1-5) and the study aggregates. */
export interface StudyTable {
  id: Generated<number>;
  study_uid: string;
  patient_name: string | null;
  /** Patient Name's alphabetic group lower-cased, trailing empty components removed (PN matching is case-insensitive). */
  patient_name_norm: string | null;
  /** Its ideographic group, trailing empty components removed (matched exactly). */
  patient_name_ideographic: string | null;
  /** Its phonetic group, lower-cased as the alphabetic one. */
  patient_name_phonetic_norm: string | null;
  patient_id: string | null;
  patient_birth_date: string | null;
  patient_sex: string | null;
  /** YYYYMMDD */
  study_date: string | null;
  /** HHMMSS.FFFFFF, zero-padded (so ranges compare as text) */
  study_time: string | null;
  accession_number: string | null;
  /** Referring Physician's Name, its component groups kept as Patient Name's. */
  referring_physician_name_norm: string | null;
  referring_physician_name_ideographic: string | null;
  referring_physician_name_phonetic_norm: string | null;
  study_id: string | null;
  study_description: string | null;
  /** Modalities In Study (0008,0061): the series' Modality values, backslash-separated. */
  modalities: string;
  num_series: number;
  num_instances: number;
  /** DICOM JSON of the Patient and Study attributes (from the first instance received). */
  attributes: string;
}

/** A series: Series keys (PS3.18 Table 10.6.1-6) and Number of Series Related Instances. */
export interface SeriesTable {
  id: Generated<number>;
  series_uid: string;
  study_uid: string;
  modality: string | null;
  series_number: number | null;
  series_description: string | null;
  pps_start_date: string | null;
  pps_start_time: string | null;
  num_instances: number;
  /** DICOM JSON of the Series attributes (from the first instance received). */
  attributes: string;
}

/** Request Attributes Sequence (0040,0275) items of a series, for matching their IDs. */
export interface SeriesRequestTable {
  series_uid: string;
  scheduled_procedure_step_id: string | null;
  requested_procedure_id: string | null;
}

/** An instance: Instance keys (PS3.18 Table 10.6.1-7) and what WADO-RS needs (see InstanceRecord). */
export interface InstanceTable {
  id: Generated<number>;
  sop_uid: string;
  series_uid: string;
  study_uid: string;
  sop_class_uid: string;
  instance_number: number | null;
  rows: number | null;
  columns: number | null;
  bits_allocated: number | null;
  number_of_frames: number;
  transfer_syntax_uid: string;
  storage_key: string;
  /** bigint in PostgreSQL: read back as a string there. */
  size: number | string;
  sha256: string;
  /** JSON: FrameLocation[] */
  frames: string;
  /** JSON: Record<tagPath, ByteRange> */
  bulk_data: string;
  /** JSON: the instance's DICOM JSON metadata */
  metadata: string;
  received_at: string;
}

export interface TokenTable {
  id: Generated<number>;
  name: string;
  sha256: string;
  created_at: string;
}

export interface Database {
  studies: StudyTable;
  series: SeriesTable;
  series_requests: SeriesRequestTable;
  instances: InstanceTable;
  tokens: TokenTable;
}
