/** Reads and writes the text of one element value in one Specific Character Set. */
export interface TextCodec {
  /** The text of the bytes of a whole element value (all its values); `resets` as from resetsFor(vr). */
  decode(bytes: Uint8Array, resets: Uint8Array): string;
  /** The bytes of `text`; throws CharacterSetError for a character the set cannot represent. */
  encode(text: string, resets: Uint8Array): Uint8Array;
}
