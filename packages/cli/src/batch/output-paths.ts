// Where a folder command writes each output: under the output folder, by a layout, each path once.
import path from 'node:path';

/** A path segment from a value (a UID, a Patient ID): letters, digits, '.', '-' and '_' only, at most 64 characters. */
export function safeSegment(value: string | undefined, fallback: string): string {
  const s = (value ?? '').trim().replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 64);
  return s === '' || /^\.+$/.test(s) ? fallback : s;
}

/** Output paths handed out so far: a second file asking for one gets "-2", "-3" ... before the extension. */
export class OutputPaths {
  readonly #taken = new Set<string>();

  constructor(readonly root: string) {}

  /** A unique path for `segments` under the root; `duplicate` is true when the name was already taken. */
  claim(segments: readonly string[]): { path: string; duplicate: boolean } {
    const wanted = path.join(this.root, ...segments);
    const { dir, name, ext } = path.parse(wanted);
    let candidate = wanted;
    // Case-insensitive file systems would merge names that differ in case only.
    for (let n = 2; this.#taken.has(candidate.toLowerCase()); n++) candidate = path.join(dir, `${name}-${n}${ext}`);
    this.#taken.add(candidate.toLowerCase());
    return { path: candidate, duplicate: candidate !== wanted };
  }
}
