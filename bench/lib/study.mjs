// What the slices of a CT series and an enhanced multi-frame CT share: Patient, General Study,
// General Equipment and request modules (PS3.3 C.7.1.1, C.7.2.1, C.7.5.1, C.4.10).
import { el, sq } from './writer.mjs';
import { uid } from './phantom.mjs';

/** A code sequence item (PS3.3 8.8). */
export const code = (value, scheme, meaning) => [el(0x00080100, 'SH', value), el(0x00080102, 'SH', scheme), el(0x00080104, 'LO', meaning)];

/** The study, series and frame of reference UIDs of a series, fixed by `seed`. */
export function seriesUids(seed) {
  return {
    seed,
    studyInstanceUid: uid(seed, 0xa),
    seriesInstanceUid: uid(seed, 0xb),
    frameOfReferenceUid: uid(seed, 0xc),
  };
}

export function studyElements(series) {
  const procedure = () => [code('CTTHAB', 'L', 'CT Thorax Abdomen')];
  return [
    el(0x00080005, 'CS', 'ISO_IR 100'),
    el(0x00080020, 'DA', '20240312'),
    el(0x00080021, 'DA', '20240312'),
    el(0x00080022, 'DA', '20240312'),
    el(0x00080023, 'DA', '20240312'),
    el(0x00080030, 'TM', '101233.000000'),
    el(0x00080031, 'TM', '101412.781000'),
    el(0x00080032, 'TM', '101418.482411'),
    el(0x00080050, 'SH', 'ACC20240312042'),
    el(0x00080060, 'CS', 'CT'),
    el(0x00080070, 'LO', 'SIEMENS'),
    el(0x00080080, 'LO', 'Städtisches Klinikum Musterstadt'),
    el(0x00080081, 'ST', 'Hauptstraße 1, 12345 Musterstadt'),
    el(0x00080090, 'PN', 'Referrer^Rita^^Dr.'),
    el(0x00081010, 'SH', 'CTAWP91234'),
    el(0x00081030, 'LO', 'CT Thorax-Abdomen mit KM'),
    sq(0x00081032, procedure()),
    el(0x00081040, 'LO', 'Radiologie'),
    el(0x00081090, 'LO', 'SOMATOM Definition AS+'),
    el(0x00100010, 'PN', 'Mustermann^Erika'),
    el(0x00100020, 'LO', 'PAT0042137'),
    el(0x00100021, 'LO', 'KLINIKUM'),
    el(0x00100030, 'DA', '19640812'),
    el(0x00100040, 'CS', 'F'),
    el(0x00101010, 'AS', '059Y'),
    el(0x00101020, 'DS', '1.68'),
    el(0x00101030, 'DS', '64'),
    el(0x001021b0, 'LT', 'Z.n. Cholezystektomie'),
    el(0x00180015, 'CS', 'CHEST'),
    el(0x00181000, 'LO', '62148'),
    el(0x00181020, 'LO', ['syngo CT 2012B', 'VA44A']),
    el(0x00181030, 'LO', 'ThoraxAbdomen_KM'),
    el(0x00185100, 'CS', 'HFS'),
    el(0x0020000d, 'UI', series.studyInstanceUid),
    el(0x0020000e, 'UI', series.seriesInstanceUid),
    el(0x00200010, 'SH', '4187'),
    el(0x00200011, 'IS', '3'),
    el(0x00200052, 'UI', series.frameOfReferenceUid),
    el(0x00201040, 'LO', ''),
    el(0x00321060, 'LO', 'CT Thorax-Abdomen'),
    el(0x00400244, 'DA', '20240312'),
    el(0x00400245, 'TM', '101233.078000'),
    el(0x00400253, 'SH', 'PPS20240312042'),
    el(0x00400254, 'LO', 'CT Thorax-Abdomen mit KM'),
    sq(0x00400260, procedure()),
    sq(0x00400275, [[el(0x00400007, 'LO', 'CT Thorax-Abdomen'), sq(0x00400008, procedure()), el(0x00400009, 'SH', 'SPS4187'), el(0x00401001, 'SH', 'RP4187')]]),
  ];
}
