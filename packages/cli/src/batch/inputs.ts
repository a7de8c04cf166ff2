// The files of a folder command: each input file, and every file under each input folder, recursively.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../io.js';

export interface InputFile {
  /** The file's real path (symbolic links resolved). */
  path: string;
  /** The input it was found under: the folder given, or the file itself. */
  input: string;
  /** Its path relative to that folder; for a file given on its own, its name. */
  relative: string;
}

/**
 * Every regular file of the inputs, in name order, each once even when reached twice (overlapping
 * inputs, links); a folder linked into itself is read once. Inside folders, hidden files and folders
 * (".DS_Store", ".git") are passed over; a file given by name is always taken. A missing input is a
 * usage error.
 */
export async function inputFiles(inputs: readonly string[]): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();
  for (const given of inputs) {
    const input = await realpath(given).catch(() => {
      throw new UsageError(`no such file or folder: ${given}`);
    });
    if ((await stat(input)).isDirectory()) await walk(input, input, found, new Set());
    else if (!found.has(input)) found.set(input, { path: input, input, relative: path.basename(input) });
  }
  return [...found.values()];
}

async function walk(dir: string, input: string, found: Map<string, InputFile>, seen: Set<string>): Promise<void> {
  // Folders by real path: a link back up the tree is not followed twice.
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    const info = entry.isSymbolicLink() ? await stat(p).catch(() => undefined) : entry;
    if (!info) continue;
    if (info.isDirectory()) {
      await walk(p, input, found, seen);
    } else if (info.isFile()) {
      const file = await realpath(p);
      if (!found.has(file)) found.set(file, { path: file, input, relative: path.relative(input, p) });
    }
  }
}

/** The real path of `p`, which need not exist yet: its nearest existing ancestor resolved, the rest appended. */
export async function realTarget(p: string): Promise<string> {
  const absolute = path.resolve(p);
  const real = await realpath(absolute).catch(() => undefined);
  if (real) return real;
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(await realTarget(parent), path.basename(absolute));
}

/** `inner` is `outer` or lies under it (both real, absolute paths). */
export const isWithin = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);

/**
 * Refuses an output folder that is an input folder, lies inside one, or holds an input: the outputs
 * would mix with, or replace, what is being read. Paths are compared with links resolved.
 */
export async function assertOutsideInputs(output: string, inputs: readonly string[], what = 'the output folder'): Promise<void> {
  const out = await realTarget(output);
  for (const given of inputs) {
    const input = await realpath(given).catch(() => path.resolve(given));
    const isDir = (await stat(input).catch(() => undefined))?.isDirectory() ?? false;
    if ((isDir && isWithin(out, input)) || isWithin(input, out)) {
      throw new UsageError(`${what} ${output} overlaps the input ${given}: write the output outside the inputs`);
    }
  }
}
