// Test helper: are two data sets' values equal, whatever Transfer Syntax each was read from?
import { formatTag, type DataSet, type Element } from '@dcmkit/core';
import { copySwapped, valueSwapSize } from '../src/write/swap.js';

/** Raw bytes in little endian order: a big endian value swapped by its word size (PS3.5 7.3, A.3). */
export function littleEndianBytes(bytes: Uint8Array, vr: string, ds: DataSet, tag: number): Uint8Array {
  if (ds.encoding.littleEndian || vr === 'UN') return bytes;
  const out = new Uint8Array(bytes.length);
  copySwapped(bytes, out, 0, valueSwapSize(tag, vr, ds));
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Differences between the values of `a` and `b`, recursively (empty when equal): decoded values when both
 * elements have the same VR; raw little endian bytes when implicit VR made the VRs differ (a private
 * element read as UN, say) or an element is UN (never byte-swapped, PS3.5 6.2.2). Group Lengths are skipped:
 * the writer recomputes them.
 */
export function valueDifferences(a: DataSet, b: DataSet, at = ''): string[] {
  const out: string[] = [];
  const tagsA = a.tags().filter((t) => (t & 0xffff) !== 0);
  const tagsB = b.tags().filter((t) => (t & 0xffff) !== 0);
  if (tagsA.join() !== tagsB.join()) return [`${at}: tags ${tagsA.map(formatTag).join(' ')} != ${tagsB.map(formatTag).join(' ')}`];
  for (const tag of tagsA) {
    const diff = elementDifference(a, a.element(tag)!, b, b.element(tag)!, `${at}${formatTag(tag)}`);
    if (typeof diff === 'string') out.push(diff);
    else out.push(...diff);
  }
  return out;
}

function elementDifference(a: DataSet, ea: Element, b: DataSet, eb: Element, where: string): string | string[] {
  if (ea.items || eb.items) {
    const ia = a.items(ea.tag);
    const ib = b.items(eb.tag);
    if (ia.length !== ib.length) return `${where}: ${ia.length} items != ${ib.length}`;
    return ia.flatMap((item, i) => valueDifferences(item, ib[i]!, `${where}[${i}]`));
  }
  if (ea.encapsulated || eb.encapsulated) {
    const fa = ea.encapsulated?.fragments.length;
    return fa === eb.encapsulated?.fragments.length ? [] : `${where}: ${fa} fragments != ${eb.encapsulated?.fragments.length}`;
  }
  if (ea.vr !== eb.vr || ea.vr === 'UN') {
    const ra = littleEndianBytes(ea.bytes!, ea.vr, a, ea.tag);
    const rb = littleEndianBytes(eb.bytes!, eb.vr === 'UN' ? ea.vr : eb.vr, b, eb.tag);
    return sameBytes(ra, rb) ? [] : `${where}: ${ea.vr} bytes != ${eb.vr} bytes`;
  }
  const va = a.values(ea);
  const vb = b.values(eb);
  if (va.length !== vb.length) return `${where}: ${va.length} values != ${vb.length}`;
  for (let i = 0; i < va.length; i++) {
    const x = va[i];
    const y = vb[i];
    if (x instanceof Uint8Array && y instanceof Uint8Array) {
      const lx = littleEndianBytes(x, ea.vr, a, ea.tag);
      const ly = littleEndianBytes(y, eb.vr, b, eb.tag);
      if (!sameBytes(lx, ly)) return `${where}: ${ea.vr} bytes differ`;
    } else if (!Object.is(x, y) && String(x) !== String(y)) {
      return `${where}: ${String(x)} != ${String(y)}`;
    }
  }
  return [];
}
