/** A character that the Specific Character Set (0008,0005) in use cannot represent (PS3.5 6.1). */
export class CharacterSetError extends Error {
  override readonly name = 'CharacterSetError';

  constructor(
    /** The character (one code point) that has no encoding. */
    readonly character: string,
    /** The (0008,0005) values in use. */
    readonly terms: readonly string[],
  ) {
    const cp = character.codePointAt(0) ?? 0;
    const hex = cp.toString(16).toUpperCase().padStart(4, '0');
    const repertoire = terms.some((t) => t !== '') ? `Specific Character Set '${terms.join('\\')}'` : 'the default repertoire';
    super(`U+${hex} is not representable in ${repertoire}`);
  }
}
