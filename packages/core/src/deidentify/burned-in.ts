import type { DataSet } from '../dataset.js';

/** Modalities whose images commonly carry burned-in text: ultrasound, angiography, endoscopy, ophthalmic photography. */
const AT_RISK_MODALITIES = new Set(['US', 'XA', 'ES', 'OP', 'SC']);
/** Secondary Capture Image Storage and its multi-frame variants (PS3.4 B.5). */
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/**
 * A warning when the pixels may show identifying text: Burned In Annotation (0028,0301) is YES, or it
 * is absent or unknown for a modality that often burns text in (PS3.15 E.1.1 (2) note 5, E.3.1).
 */
export function burnedInWarning(ds: DataSet): string | undefined {
  if (!ds.has('PixelData') && !ds.has('FloatPixelData') && !ds.has('DoubleFloatPixelData')) return undefined;
  const burnedIn = ds.getString('BurnedInAnnotation')?.trim().toUpperCase();
  if (burnedIn === 'YES') return 'Burned In Annotation is YES: the pixels show identifying text; blank it (Clean Pixel Data) or review the images';
  if (burnedIn === 'NO') return undefined;
  const modality = ds.getString('Modality')?.trim().toUpperCase() ?? '';
  const secondaryCapture = ds.getString('SOPClassUID')?.startsWith(SECONDARY_CAPTURE) ?? false;
  if (!AT_RISK_MODALITIES.has(modality) && !secondaryCapture) return undefined;
  return `Burned In Annotation is ${burnedIn ? `'${burnedIn}'` : 'absent'} for a ${secondaryCapture ? 'Secondary Capture' : modality} image: the pixels may show identifying text; review them`;
}
