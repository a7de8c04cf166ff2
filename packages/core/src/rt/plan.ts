// RT Plan and RT Ion Plan IODs (PS3.3 A.20, A.49), summarised: the RT General Plan Module (C.8.8.9),
// RT Fraction Scheme Module (C.8.8.13) and RT Beams / RT Ion Beams Modules (C.8.8.14, C.8.8.25).
import type { Keyword } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { itemAt, items1, number, number1, opened, text, text1, type At, type RTInput } from './attributes.js';
import type { RTIdentification } from './identification.js';

/** A Referenced Beam Sequence (300C,0004) item of a fraction group. */
export interface ReferencedBeam {
  beamNumber: number;
  /** Beam Meterset (300A,0086), in the beam's Primary Dosimeter Unit (MU ...), per fraction. */
  meterset?: number;
  /** Beam Dose (300A,0084) in Gy, per fraction. */
  dose?: number;
}

/** A Fraction Group Sequence (300A,0070) item. */
export interface FractionGroup {
  number: number;
  description: string;
  /** Number of Fractions Planned (300A,0078), Type 2: undefined when empty. */
  numberOfFractionsPlanned?: number;
  numberOfBeams: number;
  numberOfBrachyApplicationSetups: number;
  referencedBeams: ReferencedBeam[];
}

/** A Beam Sequence (300A,00B0) or Ion Beam Sequence (300A,03A2) item, summarised. */
export interface Beam {
  number: number;
  name: string;
  description: string;
  /** Beam Type (300A,00C4): STATIC or DYNAMIC. */
  type: string;
  /** Radiation Type (300A,00C6): PHOTON, ELECTRON, NEUTRON, PROTON, ION ...; "" when empty. */
  radiationType: string;
  treatmentMachineName: string;
  /** Treatment Delivery Type (300A,00CE): TREATMENT, OPEN_PORTFILM ...; "" when absent. */
  treatmentDeliveryType: string;
  /** Primary Dosimeter Unit (300A,00B3): MU, MINUTE, NP ...; "" when absent. */
  primaryDosimeterUnit: string;
  numberOfControlPoints: number;
  finalCumulativeMetersetWeight?: number;
  /** Nominal Beam Energy (300A,0114) of the first control point, MeV, when given. */
  nominalBeamEnergy?: number;
  /** Gantry Angle (300A,011E) in degrees at the first and at the last control point (the last value given up to it). */
  gantryAngles: { first: number; last: number };
  /** Gantry Rotation Direction (300A,011F) at the first control point: CW, CC or NONE; "" when absent. */
  gantryRotationDirection: string;
}

export interface RTPlan extends RTIdentification {
  /** Plan Intent (300A,000A): CURATIVE, PALLIATIVE, PROPHYLACTIC, VERIFICATION ...; "" when absent. */
  intent: string;
  /** RT Plan Geometry (300A,000C): PATIENT or TREATMENT_DEVICE. */
  geometry: string;
  fractionGroups: FractionGroup[];
  beams: Beam[];
  /** Ion plans list Ion Beam Sequence items in `beams`. */
  ion: boolean;
  /** Counts that disagree with their sequences, beams referenced but not defined ...; read on regardless. */
  warnings: string[];
}

function referencedBeam(ds: DataSet, at: At): ReferencedBeam {
  const meterset = number(ds, 'BeamMeterset', at);
  const dose = number(ds, 'BeamDose', at);
  return { beamNumber: number1(ds, 'ReferencedBeamNumber', at), ...(meterset !== undefined ? { meterset } : {}), ...(dose !== undefined ? { dose } : {}) };
}

function fractionGroup(ds: DataSet, at: At): FractionGroup {
  const planned = number(ds, 'NumberOfFractionsPlanned', at);
  const numberOfBeams = number1(ds, 'NumberOfBeams', at);
  // C.8.8.13: Referenced Beam Sequence is required when Number of Beams is greater than zero.
  const beams = numberOfBeams > 0 ? items1(ds, 'ReferencedBeamSequence', at) : ds.items('ReferencedBeamSequence');
  return {
    number: number1(ds, 'FractionGroupNumber', at),
    description: text(ds, 'FractionGroupDescription', at),
    ...(planned !== undefined ? { numberOfFractionsPlanned: planned } : {}),
    numberOfBeams,
    numberOfBrachyApplicationSetups: number1(ds, 'NumberOfBrachyApplicationSetups', at),
    referencedBeams: beams.map((b, i) => referencedBeam(b, itemAt(at, 'ReferencedBeamSequence', i))),
  };
}

function beam(ds: DataSet, at: At, controlPoints: Keyword, warnings: string[]): Beam {
  const number_ = number1(ds, 'BeamNumber', at);
  const type = text1(ds, 'BeamType', at);
  const numberOfControlPoints = number1(ds, 'NumberOfControlPoints', at);
  const points = items1(ds, controlPoints, at);
  if (points.length !== numberOfControlPoints) warnings.push(`beam ${number_}: Number of Control Points is ${numberOfControlPoints}, the sequence has ${points.length} items`);
  const firstAt = itemAt(at, controlPoints, 0);
  // C.8.8.14.5: Gantry Angle is required in the first control point; later ones give it only when it changes.
  const first = number1(points[0]!, 'GantryAngle', firstAt);
  let last = first;
  points.forEach((p, i) => {
    last = number(p, 'GantryAngle', itemAt(at, controlPoints, i)) ?? last;
  });
  const finalWeight = number(ds, 'FinalCumulativeMetersetWeight', at);
  const energy = number(points[0]!, 'NominalBeamEnergy', firstAt);
  return {
    number: number_,
    name: text(ds, 'BeamName', at),
    description: text(ds, 'BeamDescription', at),
    type,
    radiationType: text(ds, 'RadiationType', at),
    treatmentMachineName: text(ds, 'TreatmentMachineName', at),
    treatmentDeliveryType: text(ds, 'TreatmentDeliveryType', at),
    primaryDosimeterUnit: text(ds, 'PrimaryDosimeterUnit', at),
    numberOfControlPoints,
    ...(finalWeight !== undefined ? { finalCumulativeMetersetWeight: finalWeight } : {}),
    ...(energy !== undefined ? { nominalBeamEnergy: energy } : {}),
    gantryAngles: { first, last },
    gantryRotationDirection: text(points[0]!, 'GantryRotationDirection', firstAt),
  };
}

/**
 * Reads an RT Plan or RT Ion Plan: label, intent, fraction groups and beams. A missing or malformed
 * Type 1 attribute of a module that is present throws an RTError naming it and the item path.
 */
export function readPlan(input: RTInput): RTPlan {
  const { ds, at } = opened(input);
  const label = text1(ds, 'RTPlanLabel', at);
  const geometry = text1(ds, 'RTPlanGeometry', at);
  const warnings: string[] = [];
  const ion = ds.has('IonBeamSequence');
  const [beamSequence, controlPoints] = ion ? (['IonBeamSequence', 'IonControlPointSequence'] as const) : (['BeamSequence', 'ControlPointSequence'] as const);
  // The RT Fraction Scheme Module is optional, the Beams Module conditional (PS3.3 A.20.3): absent means none.
  const fractionGroups = ds.has('FractionGroupSequence')
    ? items1(ds, 'FractionGroupSequence', at).map((item, i) => fractionGroup(item, itemAt(at, 'FractionGroupSequence', i)))
    : [];
  const beams = ds.has(beamSequence) ? items1(ds, beamSequence, at).map((item, i) => beam(item, itemAt(at, beamSequence, i), controlPoints, warnings)) : [];
  const defined = new Set(beams.map((b) => b.number));
  for (const g of fractionGroups) {
    if (g.referencedBeams.length !== g.numberOfBeams) warnings.push(`fraction group ${g.number}: Number of Beams is ${g.numberOfBeams}, ${g.referencedBeams.length} referenced`);
    for (const r of g.referencedBeams) if (beams.length && !defined.has(r.beamNumber)) warnings.push(`fraction group ${g.number}: beam ${r.beamNumber} is not in the ${beamSequence}`);
  }
  return {
    sopInstanceUID: text(ds, 'SOPInstanceUID', at),
    label,
    name: text(ds, 'RTPlanName', at),
    description: text(ds, 'RTPlanDescription', at),
    date: text(ds, 'RTPlanDate', at),
    time: text(ds, 'RTPlanTime', at),
    intent: text(ds, 'PlanIntent', at),
    geometry,
    fractionGroups,
    beams,
    ion,
    warnings,
  };
}
