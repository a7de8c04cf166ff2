import { SopClass } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';

export type RTObjectKind = 'structure-set' | 'dose' | 'plan';

const BY_SOP_CLASS: Record<string, RTObjectKind> = {
  [SopClass.RTStructureSetStorage]: 'structure-set',
  [SopClass.RTDoseStorage]: 'dose',
  [SopClass.RTPlanStorage]: 'plan',
  [SopClass.RTIonPlanStorage]: 'plan',
};

// RT Series Module Modality (0008,0060) values of the same objects (PS3.3 C.8.8.1).
const BY_MODALITY: Record<string, RTObjectKind> = { RTSTRUCT: 'structure-set', RTDOSE: 'dose', RTPLAN: 'plan' };

/** Which RT object a data set is, by SOP Class UID, else by Modality; undefined for anything else. */
export function rtObjectKind(ds: DataSet): RTObjectKind | undefined {
  const sopClass = ds.getString('SOPClassUID')?.replace(/\0/g, '').trim() ?? '';
  return BY_SOP_CLASS[sopClass] ?? BY_MODALITY[ds.getString('Modality')?.trim() ?? ''];
}
