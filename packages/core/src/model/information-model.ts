import type { DataSet } from '../dataset.js';

// The DICOM information model: Patient > Study > Series > Instance (PS3.3 A.1.2, PS3.4 C.6.1.1).

export interface InstanceNode<T> {
  sopInstanceUID: string;
  sopClassUID: string;
  instanceNumber?: number;
  numberOfFrames: number;
  /** What the caller attached: a path, a storage key, the DataSet itself ... */
  ref: T;
}

export interface SeriesNode<T> {
  seriesInstanceUID: string;
  modality: string;
  seriesNumber?: number;
  seriesDescription: string;
  instances: InstanceNode<T>[];
}

export interface StudyNode<T> {
  studyInstanceUID: string;
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  accessionNumber: string;
  studyID: string;
  series: SeriesNode<T>[];
}

export interface PatientNode<T> {
  patientID: string;
  patientName: string;
  patientBirthDate: string;
  patientSex: string;
  studies: StudyNode<T>[];
}

const text = (ds: DataSet, keyword: Parameters<DataSet['getString']>[0]) => ds.getText(keyword)?.trim() ?? '';

/** Groups instances into the Patient > Study > Series > Instance hierarchy; lists stay sorted. */
export class InformationModel<T = DataSet> {
  readonly #patients = new Map<string, PatientNode<T>>();
  readonly #studies = new Map<string, StudyNode<T>>();
  readonly #series = new Map<string, SeriesNode<T>>();
  readonly #instances = new Set<string>();

  /** Adds an instance; false when its SOP Instance UID is already in the model. */
  add(ds: DataSet, ref: T): boolean {
    const sopInstanceUID = text(ds, 'SOPInstanceUID');
    if (this.#instances.has(sopInstanceUID)) return false;
    this.#instances.add(sopInstanceUID);
    // Patients are identified by Patient ID within the issuer; name is a fallback (PS3.3 C.7.1.1).
    const patientID = text(ds, 'PatientID');
    const patientName = text(ds, 'PatientName');
    const patientKey = `${patientID}\u0000${text(ds, 'IssuerOfPatientID')}\u0000${patientID ? '' : patientName}`;
    let patient = this.#patients.get(patientKey);
    if (!patient) {
      patient = { patientID, patientName, patientBirthDate: text(ds, 'PatientBirthDate'), patientSex: text(ds, 'PatientSex'), studies: [] };
      this.#patients.set(patientKey, patient);
    }
    const studyUID = text(ds, 'StudyInstanceUID');
    let study = this.#studies.get(studyUID);
    if (!study) {
      study = {
        studyInstanceUID: studyUID,
        studyDate: text(ds, 'StudyDate'),
        studyTime: text(ds, 'StudyTime'),
        studyDescription: text(ds, 'StudyDescription'),
        accessionNumber: text(ds, 'AccessionNumber'),
        studyID: text(ds, 'StudyID'),
        series: [],
      };
      this.#studies.set(studyUID, study);
      patient.studies.push(study);
    }
    const seriesUID = text(ds, 'SeriesInstanceUID');
    let series = this.#series.get(seriesUID);
    if (!series) {
      series = {
        seriesInstanceUID: seriesUID,
        modality: text(ds, 'Modality'),
        seriesNumber: ds.getNumber('SeriesNumber'),
        seriesDescription: text(ds, 'SeriesDescription'),
        instances: [],
      };
      this.#series.set(seriesUID, series);
      study.series.push(series);
    }
    series.instances.push({
      sopInstanceUID,
      sopClassUID: text(ds, 'SOPClassUID'),
      instanceNumber: ds.getNumber('InstanceNumber'),
      numberOfFrames: ds.getNumber('NumberOfFrames') ?? 1,
      ref,
    });
    return true;
  }

  /** Patients by ID, studies by date, series by number, instances by number (then UID). */
  patients(): PatientNode<T>[] {
    const byNumber = (a?: number, b?: number) => (a ?? Infinity) - (b ?? Infinity);
    const list = [...this.#patients.values()].sort((a, b) => a.patientID.localeCompare(b.patientID));
    for (const p of list) {
      p.studies.sort((a, b) => (a.studyDate + a.studyTime).localeCompare(b.studyDate + b.studyTime));
      for (const s of p.studies) {
        s.series.sort((a, b) => byNumber(a.seriesNumber, b.seriesNumber) || a.seriesInstanceUID.localeCompare(b.seriesInstanceUID));
        for (const se of s.series) {
          se.instances.sort((a, b) => byNumber(a.instanceNumber, b.instanceNumber) || a.sopInstanceUID.localeCompare(b.sopInstanceUID));
        }
      }
    }
    return list;
  }

  get instanceCount(): number {
    return this.#instances.size;
  }
}
