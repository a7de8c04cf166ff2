// fsync of a folder, so that renames and new entries in it are durable (POSIX).
import { open, type FileHandle } from 'node:fs/promises';

/** One fsync of a folder (a no-op where folders cannot be opened or synced). */
export async function syncFolder(path: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  } finally {
    await fh?.close();
  }
}
