// Per-frame and shared functional groups of enhanced multi-frame images (PS3.3 C.7.6.16).
import type { DataSet, Keyword } from '@dcmkit/core';

/**
 * The items of a functional group macro's sequence (e.g. Pixel Value Transformation Sequence)
 * that apply to frame `frameIndex` (0-based): the Per-Frame Functional Groups item's when it has
 * the sequence, else the Shared Functional Groups item's; undefined when neither has it.
 */
export function functionalGroupItems(ds: DataSet, frameIndex: number, sequence: Keyword): DataSet[] | undefined {
  const perFrame = ds.items('PerFrameFunctionalGroupsSequence')[frameIndex];
  if (perFrame?.has(sequence)) return perFrame.items(sequence);
  const shared = ds.items('SharedFunctionalGroupsSequence')[0];
  if (shared?.has(sequence)) return shared.items(sequence);
  return undefined;
}
