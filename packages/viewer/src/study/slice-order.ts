// The order of a series' instances in a stack: by where each slice lies along the slice normal, else by
// Instance Number, else as they arrived. Frames stay in their instance's order.
import type { DataSet } from '@dcmkit/core';

/** Direction cosines that differ by more than this are not the same orientation. */
const SAME_ORIENTATION = 1e-3;

/** An instance to order: its attributes. */
export interface SliceInput {
  ref: DataSet;
}

/** Image Orientation (Patient) as six finite direction cosines, else undefined. */
function orientation(ds: DataSet): number[] | undefined {
  const cosines = ds.getNumbers('ImageOrientationPatient');
  return cosines.length === 6 && cosines.every(Number.isFinite) ? cosines : undefined;
}

/** Image Position (Patient) as x, y, z, else undefined. */
function position(ds: DataSet): number[] | undefined {
  const xyz = ds.getNumbers('ImagePositionPatient');
  return xyz.length === 3 && xyz.every(Number.isFinite) ? xyz : undefined;
}

/** The slice normal: the row direction cosines x the column direction cosines (PS3.3 C.7.6.2.1.1); undefined when degenerate. */
function sliceNormal([rx, ry, rz, cx, cy, cz]: number[]): number[] | undefined {
  const n = [ry! * cz! - rz! * cy!, rz! * cx! - rx! * cz!, rx! * cy! - ry! * cx!];
  return Math.hypot(...n) > 0.5 ? n : undefined;
}

/**
 * Each instance's distance along the common slice normal, or undefined when the series has no common
 * plane: a position or orientation missing or malformed, or orientations that differ (a localizer mixed in).
 */
function distancesAlongNormal(datasets: readonly DataSet[]): number[] | undefined {
  const first = datasets[0] && orientation(datasets[0]);
  const normal = first && sliceNormal(first);
  if (!first || !normal) return undefined;
  const distances: number[] = [];
  for (const ds of datasets) {
    const cosines = orientation(ds);
    const xyz = position(ds);
    if (!cosines || !xyz || cosines.some((c, i) => Math.abs(c - first[i]!) > SAME_ORIENTATION)) return undefined;
    distances.push(xyz[0]! * normal[0]! + xyz[1]! * normal[1]! + xyz[2]! * normal[2]!);
  }
  return distances;
}

/**
 * Instances in stack order, `instances` given as they arrived: along the slice normal when all share one
 * orientation and have positions (equal positions by Instance Number), in the direction the Instance
 * Numbers run (a head-first series stays head-first); otherwise by Instance Number; then by arrival.
 * Instances without an Instance Number come after those with one.
 */
export function sliceOrder<T extends SliceInput>(instances: readonly T[]): T[] {
  const distances = distancesAlongNormal(instances.map((i) => i.ref));
  const keyed = instances.map((instance, arrival) => ({ instance, arrival, distance: distances?.[arrival] ?? 0, number: instance.ref.getNumber('InstanceNumber') }));
  keyed.sort((a, b) => a.distance - b.distance || byInstanceNumber(a.number, b.number) || a.arrival - b.arrival);
  if (distances && numbersRunBackwards(keyed.map((k) => k.number))) keyed.reverse();
  return keyed.map((k) => k.instance);
}

/** Whether more neighbouring Instance Numbers decrease than increase. */
function numbersRunBackwards(numbers: (number | undefined)[]): boolean {
  let balance = 0;
  for (let i = 1; i < numbers.length; i++) {
    const [a, b] = [numbers[i - 1], numbers[i]];
    if (a !== undefined && b !== undefined) balance += Math.sign(b - a);
  }
  return balance < 0;
}

function byInstanceNumber(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a - b;
}
