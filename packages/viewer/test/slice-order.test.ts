// The stack order of a series' instances: along the slice normal, else by Instance Number, else as they came.
import { DataSet, InformationModel } from '@dcmkit/core';
import { describe, expect, test } from 'vitest';
import { sliceOrder } from '../src/study/slice-order.js';
import { seriesItems, seriesStack, type StudySource } from '../src/study/study-source.js';

const AXIAL = [1, 0, 0, 0, 1, 0];
/** Rows along -x: the normal (row x column) points along -z. */
const AXIAL_FLIPPED = [-1, 0, 0, 0, 1, 0];
const CORONAL = [1, 0, 0, 0, 0, -1];

interface Slice {
  name: string;
  number?: number;
  position?: number[];
  orientation?: number[];
}

/** Instances named by `name`, with the attributes given. */
function instances(slices: Slice[]): { name: string; ref: DataSet }[] {
  return slices.map(({ name, number, position, orientation }) => {
    const ds = new DataSet();
    if (number !== undefined) ds.set('InstanceNumber', number);
    if (position) ds.set('ImagePositionPatient', position);
    if (orientation) ds.set('ImageOrientationPatient', orientation);
    return { name, ref: ds };
  });
}

const names = (slices: Slice[]) => sliceOrder(instances(slices)).map((i) => i.name);

/** An axial slice at z mm. */
const axial = (name: string, number: number, z: number): Slice => ({ name, number, position: [0, 0, z], orientation: AXIAL });

describe('sliceOrder', () => {
  test('orders by position along the normal when Instance Numbers are shuffled', () => {
    expect(names([axial('z2', 1, 2), axial('z0', 3, 0), axial('z3', 2, 3), axial('z1', 4, 1)])).toEqual(['z0', 'z1', 'z2', 'z3']);
  });

  test('projects the position on the normal, not on an axis: oblique slices', () => {
    // Rows along x, columns along (0, cos 30°, -sin 30°): the normal is (0, sin 30°, cos 30°).
    const oblique = [1, 0, 0, 0, Math.cos(Math.PI / 6), -Math.sin(Math.PI / 6)];
    const along = (d: number) => [5, d * Math.sin(Math.PI / 6), d * Math.cos(Math.PI / 6)];
    const slices = [
      { name: 'd2', number: 1, position: along(2), orientation: oblique },
      { name: 'd-1', number: 2, position: along(-1), orientation: oblique },
      { name: 'd0', number: 3, position: along(0), orientation: oblique },
    ];
    expect(names(slices)).toEqual(['d-1', 'd0', 'd2']);
  });

  test('runs the way the Instance Numbers run: a head-first series stays head-first', () => {
    // Numbered from the top (z = 2) down; the shuffled arrival does not matter.
    expect(names([axial('z1', 2, 1), axial('z2', 1, 2), axial('z0', 3, 0)])).toEqual(['z2', 'z1', 'z0']);
    // The same with the normal pointing down (rows along -x).
    const flipped = (s: Slice): Slice => ({ ...s, orientation: AXIAL_FLIPPED });
    expect(names([axial('z1', 2, 1), axial('z2', 1, 2), axial('z0', 3, 0)].map(flipped))).toEqual(['z2', 'z1', 'z0']);
    // Numbered from the bottom up.
    expect(names([axial('z1', 2, 1), axial('z0', 1, 0), axial('z2', 3, 2)].map(flipped))).toEqual(['z0', 'z1', 'z2']);
  });

  test('falls back to Instance Number when a position is missing', () => {
    expect(names([axial('n2', 2, 0), { name: 'n3', number: 3, orientation: AXIAL }, axial('n1', 1, 5)])).toEqual(['n1', 'n2', 'n3']);
  });

  test('falls back to Instance Number when the orientation is missing or malformed', () => {
    expect(names([axial('n2', 2, 0), { ...axial('n1', 1, 5), orientation: [1, 0, 0, 0, 1] }])).toEqual(['n1', 'n2']);
    // Direction cosines that give no normal.
    const degenerate = [0, 0, 0, 0, 0, 0];
    expect(names([{ ...axial('n2', 2, 0), orientation: degenerate }, { ...axial('n1', 1, 5), orientation: degenerate }])).toEqual(['n1', 'n2']);
  });

  test('falls back to Instance Number when orientations differ (a localizer in the series)', () => {
    const localizer = { name: 'localizer', number: 1, position: [0, 50, 0], orientation: CORONAL };
    expect(names([axial('n3', 3, 1), localizer, axial('n2', 2, 2)])).toEqual(['localizer', 'n2', 'n3']);
  });

  test('orders equal positions by Instance Number, then as they came', () => {
    expect(names([axial('z1 #2', 2, 1), axial('z1 #1', 1, 1), axial('z0 first', 5, 0), axial('z0 second', 5, 0)])).toEqual(['z0 first', 'z0 second', 'z1 #1', 'z1 #2']);
  });

  test('falls back to arrival order without positions or Instance Numbers; numbered ones first', () => {
    expect(names([{ name: 'a' }, { name: 'b' }, { name: 'c' }])).toEqual(['a', 'b', 'c']);
    expect(names([{ name: 'none' }, { name: 'n2', number: 2 }, { name: 'n1', number: 1 }])).toEqual(['n1', 'n2', 'none']);
  });

  test('tolerates rounding in the direction cosines', () => {
    // By Instance Number the order would be z2, z0, z1.
    expect(names([{ ...axial('z1', 3, 1), orientation: [1, 0, 0, 0, 0.9999999, 0.0001] }, axial('z0', 2, 0), axial('z2', 1, 2)])).toEqual(['z0', 'z1', 'z2']);
  });

  test('keeps an empty or single-instance series as it is', () => {
    expect(names([])).toEqual([]);
    expect(names([{ name: 'only', number: 7 }])).toEqual(['only']);
  });
});

describe('seriesItems and seriesStack', () => {
  test('put the instances in slice order and keep each multi-frame instance\'s frames in order', () => {
    const model = new InformationModel<DataSet>();
    const arrival = new Map<DataSet, number>();
    const add = (sop: string, number: number, z: number, frames = 1) => {
      const ds = new DataSet();
      for (const [keyword, value] of [['StudyInstanceUID', '1.2'], ['SeriesInstanceUID', '1.2.3'], ['SOPInstanceUID', sop], ['Modality', 'MR'], ['Rows', 2], ['Columns', 2]] as const) ds.set(keyword, value);
      ds.set('InstanceNumber', number);
      ds.set('NumberOfFrames', frames);
      ds.set('ImagePositionPatient', [0, 0, z]);
      ds.set('ImageOrientationPatient', AXIAL);
      model.add(ds, ds);
      arrival.set(ds, arrival.size);
    };
    add('top', 1, 20, 3);
    add('bottom', 2, -10);
    add('middle', 3, 5, 2);
    const [series] = seriesItems(model.patients()[0]!.studies[0]!, arrival);
    expect(series!.instances.map((i) => i.sopInstanceUID)).toEqual(['bottom', 'middle', 'top']);
    const stack = seriesStack({ loadFrame: () => Promise.reject(new Error('not loaded')) } as unknown as StudySource, series!);
    expect(stack.images.map((i) => i.key)).toEqual(['bottom/0', 'middle/0', 'middle/1', 'top/0', 'top/1', 'top/2']);
  });
});
