import { lookupPrivate, lookupTag } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';
import { isPrivateCreator, isPrivateTag, privateCreatorTag, type Tag } from '../tag.js';

const PIXEL_REPRESENTATION = 0x00280103;

/**
 * The VR of an element in an implicit VR data set: from the data dictionary, from the private
 * dictionary of its Private Creator (PS3.5 7.8.1), LO for Private Creators, else UN (PS3.5 A.1).
 */
export function implicitVR(tag: Tag, ds: DataSet): string {
  if (isPrivateTag(tag)) {
    if (isPrivateCreator(tag)) return 'LO';
    const creator = ds.getString(privateCreatorTag(tag));
    const vr = creator === undefined ? undefined : lookupPrivate(creator, tag)?.vr;
    return vr && vr !== 'NONE' && !vr.includes(' ') ? vr : 'UN';
  }
  const e = lookupTag(tag);
  if (!e || e.vr === 'NONE') return 'UN';
  // "OB or OW": the first alternative; Pixel Data and Overlay Data are OW in implicit VR (PS3.5 A.1 c, 8.1.2).
  if (tag === 0x7fe00010 || (tag & 0xff00ffff) >>> 0 === 0x60003000) return 'OW';
  // Single "US or SS" values follow the Pixel Representation (PS3.3 C.7.6.3.1); LUT Descriptors stay US (PS3.3 C.11.1.1).
  if (e.vm === '1' && e.vrs?.includes('SS')) return pixelRepresentation(ds) === 1 ? 'SS' : 'US';
  return e.vr;
}

/** Pixel Representation (0028,0103) of the data set or the nearest enclosing one that has it. */
function pixelRepresentation(ds: DataSet): number | undefined {
  for (let d: DataSet | undefined = ds; d; d = d.parent) if (d.has(PIXEL_REPRESENTATION)) return d.getNumber(PIXEL_REPRESENTATION);
  return undefined;
}
