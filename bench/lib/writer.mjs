// A small explicit VR little endian writer for benchmark data: just enough of PS3.5 and PS3.10
// to produce realistic files without depending on the writer of @dcmkit/core.

/** VRs with a 2-byte reserved field and a 32-bit length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_LENGTH = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const NUMERIC = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4 };
export const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;

/** A data element: tag as group << 16 | element, a VR and its value (string(s), number(s), bytes). */
export const el = (tag, vr, value) => ({ tag: tag >>> 0, vr, value });
/** A sequence of items, each an array of elements; undefined length with delimiters when asked (PS3.5 7.5). */
export const sq = (tag, items, undefinedLength = false) => ({ tag: tag >>> 0, vr: 'SQ', items, undefinedLength });

/** The value bytes of a non-sequence element, padded to even length (PS3.5 7.1.1). */
function valueBytes(vr, value) {
  if (value instanceof Uint8Array) return value.length % 2 ? concat([value, new Uint8Array(1)]) : value;
  const size = NUMERIC[vr];
  if (size) {
    const list = Array.isArray(value) ? value : [value];
    const out = new Uint8Array(list.length * size);
    const dv = new DataView(out.buffer);
    list.forEach((v, i) => {
      const at = i * size;
      if (vr === 'US') dv.setUint16(at, v, true);
      else if (vr === 'SS') dv.setInt16(at, v, true);
      else if (vr === 'UL') dv.setUint32(at, v, true);
      else if (vr === 'SL') dv.setInt32(at, v, true);
      else if (vr === 'FL') dv.setFloat32(at, v, true);
      else if (vr === 'FD') dv.setFloat64(at, v, true);
      else {
        dv.setUint16(at, v >>> 16, true);
        dv.setUint16(at + 2, v & 0xffff, true);
      }
    });
    return out;
  }
  // Character strings: values joined by backslash, padded with a space (NUL for UI) (PS3.5 6.2).
  const text = Array.isArray(value) ? value.join('\\') : String(value);
  const out = new Uint8Array(text.length + (text.length % 2));
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  if (text.length % 2) out[text.length] = vr === 'UI' ? 0 : 0x20;
  return out;
}

/** An element header: tag, VR, length (PS3.5 7.1.2). */
export function elementHeader(tag, vr, length) {
  const long = LONG_LENGTH.has(vr);
  const out = new Uint8Array(long ? 12 : 8);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, tag >>> 16, true);
  dv.setUint16(2, tag & 0xffff, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) dv.setUint32(8, length, true);
  else dv.setUint16(6, length, true);
  return out;
}

/** Item and delimitation headers: tag and 32-bit length, no VR (PS3.5 7.5). */
function itemHeader(tag, length) {
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, tag >>> 16, true);
  dv.setUint16(2, tag & 0xffff, true);
  dv.setUint32(4, length, true);
  return out;
}

function encodeElement(e) {
  if (e.vr !== 'SQ') {
    const v = valueBytes(e.vr, e.value);
    return [elementHeader(e.tag, e.vr, v.length), v];
  }
  const parts = [];
  for (const item of e.items) {
    const body = encodeDataSet(item);
    if (e.undefinedLength) parts.push(itemHeader(ITEM, UNDEFINED_LENGTH), body, itemHeader(ITEM_DELIMITATION, 0));
    else parts.push(itemHeader(ITEM, body.length), body);
  }
  if (e.undefinedLength) parts.push(itemHeader(SEQUENCE_DELIMITATION, 0));
  const content = concat(parts);
  return [elementHeader(e.tag, 'SQ', e.undefinedLength ? UNDEFINED_LENGTH : content.length), content];
}

/** A data set's bytes, elements in ascending tag order (PS3.5 7.1). */
export function encodeDataSet(elements) {
  const sorted = [...elements].sort((a, b) => a.tag - b.tag);
  return concat(sorted.flatMap(encodeElement));
}

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLEMENTATION_CLASS_UID = '2.25.119460343092748467196585370931839106021';

/** Preamble, "DICM" and File Meta Information with its group length (PS3.10 7.1). */
export function filePreamble(sopClassUid, sopInstanceUid, transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN) {
  const meta = encodeDataSet([
    el(0x00020001, 'OB', new Uint8Array([0, 1])),
    el(0x00020002, 'UI', sopClassUid),
    el(0x00020003, 'UI', sopInstanceUid),
    el(0x00020010, 'UI', transferSyntaxUid),
    el(0x00020012, 'UI', IMPLEMENTATION_CLASS_UID),
    el(0x00020013, 'SH', 'DCMKIT_BENCH'),
  ]);
  const groupLength = encodeDataSet([el(0x00020000, 'UL', meta.length)]);
  const head = new Uint8Array(132);
  head.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([head, groupLength, meta]);
}

export function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
