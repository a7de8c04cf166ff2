import { hasLongLength } from '@dcmkit/dictionary';
import type { DataSet } from '../dataset.js';

/** Bytes of an Item header: tag and length (PS3.5 7.5). */
const ITEM_HEADER = 8;

/**
 * Where an item of a parsed sequence starts in its source: the first element's header is right after
 * the Item header, so the item starts at that element's value offset less its header (8 bytes, or 12
 * for an explicit VR with a 32-bit length, PS3.5 7.1.2) less 8. Undefined for a created or empty item.
 */
export function itemOffset(item: DataSet): number | undefined {
  let first: { offset: number; vr: string } | undefined;
  for (const el of item) {
    if (el.offset >= 0 && (!first || el.offset < first.offset)) first = el;
  }
  if (!first) return undefined;
  const header = item.encoding.explicitVR && hasLongLength(first.vr) ? 12 : 8;
  return first.offset - header - ITEM_HEADER;
}
