// File IDs of a File-set (PS3.10 8.2, 8.5): at most 8 components, each 1 to 8 characters of
// upper-case A-Z, 0-9 and underscore (the CD/DVD-safe subset of the Default Character Repertoire).

export const MAX_FILE_ID_COMPONENTS = 8;
const COMPONENT = /^[A-Z0-9_]{1,8}$/;

/** Why a File ID breaks PS3.10 8.2/8.5; undefined when it is conformant. */
export function fileIDProblem(components: readonly string[]): string | undefined {
  if (components.length === 0) return 'no components';
  if (components.length > MAX_FILE_ID_COMPONENTS) return `${components.length} levels, at most ${MAX_FILE_ID_COMPONENTS} allowed (PS3.10 8.5)`;
  const bad = components.find((c) => !COMPONENT.test(c));
  return bad === undefined ? undefined : `component '${bad}' is not 1-8 characters of A-Z, 0-9, _ (PS3.10 8.2)`;
}

/** The components of a path relative to the File-set's root directory ("A/B/C" or "A\\B\\C"). */
export const fileIDOf = (relativePath: string): string[] => relativePath.split(/[\\/]+/).filter((c) => c !== '' && c !== '.');
