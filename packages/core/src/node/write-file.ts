import { open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { writeDicomAsync, type DicomFileInput, type WriteOptions } from '../write/write.js';

/**
 * Writes a Part 10 file atomically: to a temporary file in the same directory, flushed to disk,
 * then renamed over `path`, so readers see the old file or the whole new one, never a part.
 * Values still in a windowed source (even `path` itself) are read before anything is replaced.
 */
export async function writeDicomFile(path: string, file: DicomFileInput, opts: WriteOptions = {}): Promise<void> {
  const bytes = await writeDicomAsync(file, opts);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

/** Flushes the directory entry of the rename (POSIX); platforms that cannot open a directory skip it. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Windows: directories cannot be fsynced; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
