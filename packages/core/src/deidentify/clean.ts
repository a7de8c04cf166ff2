// Action C on text (PS3.15 E.3.5, Clean Descriptors): "any information that is embedded in text or
// string Attributes corresponding to the Attribute information specified to be removed by the
// Profile ... shall also be removed". The values the profile removes or replaces are collected as
// they are met and erased wherever they appear, as whole words, from the text being cleaned.

/** VRs whose values, when the profile removes them, are looked for in cleaned text. */
const IDENTIFYING_VRS = new Set(['PN', 'LO', 'SH', 'LT', 'ST', 'UT', 'UC', 'AE', 'DA']);
export const isIdentifyingVR = (vr: string): boolean => IDENTIFYING_VRS.has(vr);
/** Shorter words are too common to erase everywhere. */
const MIN_WORD = 2;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class IdentifyingText {
  readonly #words = new Set<string>();
  #pattern?: RegExp | null;

  /** Records the text of a value the profile removed or replaced. */
  add(vr: string, value: string): void {
    // A person name also by each component and component group (PS3.5 6.2.1).
    const parts = vr === 'PN' ? [value, ...value.split(/[=^]/)] : [value];
    for (const part of parts) {
      const word = part.trim();
      if (word.length >= MIN_WORD && !this.#words.has(word)) {
        this.#words.add(word);
        this.#pattern = undefined;
      }
    }
  }

  /** `text` without any recorded value, spaces collapsed. */
  scrub(text: string): string {
    if (this.#pattern === undefined) {
      // Longest first, so a whole name goes before its parts; bounded by non-letters, in any script.
      const words = [...this.#words].sort((a, b) => b.length - a.length).map(escape);
      this.#pattern = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
    }
    if (!this.#pattern) return text;
    const cleaned = text.replace(this.#pattern, '');
    return cleaned === text ? text : cleaned.replace(/\s{2,}/g, ' ').trim();
  }
}
