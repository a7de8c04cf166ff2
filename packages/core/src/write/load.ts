import type { DataSet } from '../dataset.js';
import type { Element } from '../element.js';
import { DicomWriteError } from './error.js';
import { chunkBytes, type LoadedValues } from './plan.js';

/**
 * Reads what a windowed read (`readDicom`, `readDicomFile`) left in the source, bulk values and
 * Pixel Data fragments, so the data set can be written. Walks items with a work list, not recursion.
 */
export async function loadDeferred(root: DataSet): Promise<LoadedValues> {
  const loaded: LoadedValues = { values: new Map(), fragments: new Map() };
  const pending = [root];
  for (let ds = pending.pop(); ds; ds = pending.pop()) {
    for (const el of ds) {
      if (el.encapsulated && el.chunk && !inChunk(el)) loaded.fragments.set(el, await readFragments(el));
      else if (el.deferred && !el.items) loaded.values.set(el, (await el.readBytes())!);
      if (el.items) pending.push(...el.items);
    }
  }
  return loaded;
}

const inChunk = (el: Element) => el.encapsulated!.fragments.every((f) => chunkBytes(el.chunk!, f.offset, f.length) !== undefined);

/** All fragments with one read: they follow each other, 8-byte item headers between (PS3.5 A.4). */
async function readFragments(el: Element): Promise<Uint8Array[]> {
  const fragments = el.encapsulated!.fragments;
  const source = el.chunk!.source;
  if (!source) throw new DicomWriteError('a source to read the Pixel Data fragments from', el.tag);
  const start = fragments[0]!.offset;
  const last = fragments.at(-1)!;
  const span = await source.read(start, last.offset + last.length - start);
  return fragments.map((f) => span.subarray(f.offset - start, f.offset - start + f.length));
}
