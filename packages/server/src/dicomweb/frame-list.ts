// The {frameList} of frame resources (PS3.18 10.4): comma-separated, non-duplicate frame
// numbers, 1-based, in any order.
import { HttpError } from '../errors.js';
import type { InstanceRecord } from '../index/types.js';

/** The frame numbers of a frame list; 400 when malformed. */
export function parseFrameList(text: string): number[] {
  const numbers: number[] = [];
  for (const item of text.split(',')) {
    const n = item.trim();
    if (!/^[1-9][0-9]{0,9}$/.test(n)) throw new HttpError(400, `frames: "${n.slice(0, 20)}" is not a frame number (1, 2, ...)`, 'frames');
    if (numbers.includes(Number(n))) throw new HttpError(400, `frames: frame ${n} is listed twice`, 'frames');
    numbers.push(Number(n));
  }
  return numbers;
}

/** The 0-based indexes of frame numbers of `record`; 404 when one is not in the instance. */
export function frameIndexes(numbers: number[], record: InstanceRecord): number[] {
  const count = record.numberOfFrames;
  const missing = numbers.find((n) => n > count);
  if (missing !== undefined) {
    throw new HttpError(404, count === 0 ? `instance ${record.sopInstanceUID} has no frames` : `frame ${missing} is not in instance ${record.sopInstanceUID} (${count} frames)`, 'frames');
  }
  return numbers.map((n) => n - 1);
}

/** The 0-based indexes of every frame of `record`. */
export const allFrames = (record: InstanceRecord): number[] => Array.from({ length: record.numberOfFrames }, (_, i) => i);
