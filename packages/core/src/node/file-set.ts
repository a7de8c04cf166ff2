import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseDicom } from '../parse/read.js';
import { readDicomDir, type DicomDir } from '../media/dicomdir.js';

/**
 * Finds the file a Referenced File ID names under a File-set's root directory, matching each component
 * case-insensitively: File IDs are upper case (PS3.10 8.2) but media copied or mounted on case-sensitive
 * file systems often hold lower-case names. An exact match wins. Undefined when no file matches.
 */
export class FileIDResolver {
  readonly #listings = new Map<string, Promise<string[]>>();

  constructor(readonly root: string) {}

  #list(dir: string): Promise<string[]> {
    let listing = this.#listings.get(dir);
    if (!listing) {
      listing = readdir(dir).catch(() => []);
      this.#listings.set(dir, listing);
    }
    return listing;
  }

  async resolve(fileID: readonly string[]): Promise<string | undefined> {
    let path = this.root;
    for (const component of fileID) {
      const names = await this.#list(path);
      const wanted = component.toUpperCase();
      const name = names.includes(component) ? component : names.find((n) => n.toUpperCase() === wanted);
      if (name === undefined) return undefined;
      path = join(path, name);
    }
    return path;
  }
}

/** A DICOMDIR read from disk, with a resolver for the files its records reference (in its directory). */
export interface DicomDirFile extends DicomDir {
  path: string;
  files: FileIDResolver;
}

/** Reads a DICOMDIR file (whole: it is small, and its offsets count bytes of the file, PS3.3 F.3.2.1). */
export async function readDicomDirFile(path: string): Promise<DicomDirFile> {
  const bytes = new Uint8Array(await readFile(path));
  return { ...readDicomDir(parseDicom(bytes, { name: path })), path, files: new FileIDResolver(dirname(path)) };
}
