export { RTError } from './error.js';
export type { RTInput } from './attributes.js';
export type { RTIdentification } from './identification.js';
export { imagePlane, planeNormal, planeDistance, contourToPixels, type ImagePlane, type Vector3 } from './image-plane.js';
export {
  readStructureSet,
  CONTOUR_GEOMETRIC_TYPES,
  type StructureSet,
  type StructureSetROI,
  type Contour,
  type ContourImage,
  type ContourGeometricType,
  type ROIObservation,
} from './structure-set.js';
export { readDose, type RTDose, type DoseGrid, type ReferencedPlan } from './dose.js';
export { readPlan, type RTPlan, type Beam, type FractionGroup, type ReferencedBeam } from './plan.js';
export { rtObjectKind, type RTObjectKind } from './kind.js';
