// Dummy values for action D (PS3.15 Table E.1-1a: "a non-zero length value that may be a dummy value
// and consistent with the VR"): fixed, obviously artificial values of each VR.

const DUMMY_TEXT = 'ANONYMIZED';

const DUMMIES: Record<string, unknown> = {
  AE: DUMMY_TEXT,
  AS: '000Y',
  CS: DUMMY_TEXT,
  DA: '19000101',
  DS: '0',
  DT: '19000101000000',
  IS: '0',
  LO: DUMMY_TEXT,
  LT: DUMMY_TEXT,
  PN: 'ANONYMOUS',
  SH: DUMMY_TEXT,
  ST: DUMMY_TEXT,
  TM: '000000',
  UC: DUMMY_TEXT,
  UR: 'urn:dcmkit:anonymized',
  UT: DUMMY_TEXT,
  AT: 0,
  FD: 0,
  FL: 0,
  SL: 0,
  SS: 0,
  UL: 0,
  US: 0,
  SV: 0n,
  UV: 0n,
};

/** Bytes VRs (OB, OW, OF, OD, OL, OV, UN) get zeros: as many as the value had, at least two. */
export function dummyValue(vr: string, originalLength: number): unknown {
  if (vr in DUMMIES) return DUMMIES[vr];
  return new Uint8Array(Math.max(2, originalLength + (originalLength % 2)));
}
