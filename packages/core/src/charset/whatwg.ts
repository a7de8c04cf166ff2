// WHATWG Encoding Standard decoders (Node and browsers): the source of every non-ASCII table here.

type Decoder = InstanceType<typeof TextDecoder>;

const decoders = new Map<string, Decoder>();

/** A shared decoder for `label` that keeps a byte order mark as U+FEFF (values are decoded as stored). */
export function decoder(label: string): Decoder {
  let d = decoders.get(label);
  if (!d) decoders.set(label, (d = new TextDecoder(label, { ignoreBOM: true })));
  return d;
}

/**
 * The UTF-16 code unit of each of `count` byte sequences, concatenated in `bytes`, as `label`
 * decodes them; 0xFFFD marks an unassigned sequence. Every sequence given must read as exactly
 * one BMP character or one U+FFFD, which holds for the code tables built in this module.
 */
export function decodeEach(label: string, bytes: Uint8Array, count: number): Uint16Array {
  const text = decoder(label).decode(bytes);
  if (text.length !== count) throw new Error(`${label} decoder: ${text.length} characters for ${count} code positions`);
  const units = new Uint16Array(count);
  for (let i = 0; i < count; i++) units[i] = text.charCodeAt(i);
  return units;
}
