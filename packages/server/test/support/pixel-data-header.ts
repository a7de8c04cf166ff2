// Large images made in pieces: the bytes before a Pixel Data value, to be followed by the value itself.

/** `head` followed by the element header of (7FE0,0010) OW announcing `length` bytes (explicit VR little endian, PS3.5 7.1.2). */
export function withPixelDataHeader(head: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(head.length + 12);
  out.set(head);
  const view = new DataView(out.buffer, head.length);
  view.setUint16(0, 0x7fe0, true);
  view.setUint16(2, 0x0010, true);
  out.set([0x4f, 0x57], head.length + 4); // OW, then 2 reserved bytes
  view.setUint32(8, length, true);
  return out;
}
