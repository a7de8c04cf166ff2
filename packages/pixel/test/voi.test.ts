// VOI LUT (PS3.3 C.11.2): the standard's window equations against hand-computed values, window
// selection, VOI LUT Sequence, presets and the Presentation LUT stage.
import { describe, expect, it } from 'vitest';
import { DataSet } from '@dcmkit/core';
import { presentationInverse, rangeWindow, selectVoi, voiFunction, voiLuts, windowOutput, windowPreset, WINDOW_PRESETS, type Window } from '@dcmkit/pixel';

const out = (w: Window, x: number) => windowOutput(w, x, 0, 255);

describe('LINEAR (PS3.3 C.11.2.1.2.1)', () => {
  const w: Window = { center: 40, width: 80 };

  it('is ymin up to c - 0.5 - (w-1)/2 and ymax above c - 0.5 + (w-1)/2', () => {
    // Thresholds 0 and 79 for c 40, w 80.
    expect(out(w, -1000)).toBe(0);
    expect(out(w, 0)).toBe(0);
    expect(out(w, 79)).toBe(255);
    expect(out(w, 79.0001)).toBe(255);
    expect(out(w, 80)).toBe(255);
  });

  it('follows ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin inside', () => {
    expect(out(w, 1)).toBeCloseTo(((1 - 39.5) / 79 + 0.5) * 255, 12); // 3.2278...
    expect(out(w, 40)).toBeCloseTo(129.1139, 4); // (0.5 / 79 + 0.5) * 255
    expect(out(w, 39.5)).toBeCloseTo(127.5, 12);
  });

  it('with width 1 is a threshold at c - 0.5', () => {
    const t: Window = { center: 10, width: 1 };
    expect(out(t, 9.5)).toBe(0);
    expect(out(t, 9.51)).toBe(255);
    expect(out(t, 10)).toBe(255);
  });

  it('spans a 12-bit range with c 2048, w 4096', () => {
    const t: Window = { center: 2048, width: 4096 };
    expect(out(t, 0)).toBe(0);
    expect(out(t, 4095)).toBe(255);
    expect(out(t, 2047.5)).toBeCloseTo(127.5, 12);
  });
});

describe('LINEAR_EXACT and SIGMOID (PS3.3 C.11.2.1.3)', () => {
  it('LINEAR_EXACT: ymin up to c - w/2, ymax above c + w/2, ((x - c)/w + 0.5) inside', () => {
    const w: Window = { center: 40, width: 80, function: 'LINEAR_EXACT' };
    expect(out(w, 0)).toBe(0);
    expect(out(w, 0.0001)).toBeCloseTo(0.0003, 4);
    expect(out(w, 20)).toBeCloseTo(63.75, 12);
    expect(out(w, 40)).toBeCloseTo(127.5, 12);
    expect(out(w, 80)).toBeCloseTo(255, 12);
    expect(out(w, 80.0001)).toBe(255);
  });

  it('SIGMOID: (ymax - ymin) / (1 + exp(-4 (x - c) / w)) + ymin', () => {
    const w: Window = { center: 40, width: 80, function: 'SIGMOID' };
    expect(out(w, 40)).toBeCloseTo(127.5, 12);
    expect(out(w, 80)).toBeCloseTo(255 / (1 + Math.exp(-2)), 12); // 224.6037
    expect(out(w, 0)).toBeCloseTo(30.3967, 4);
    expect(windowOutput(w, 40, 100, 200)).toBeCloseTo(150, 12);
  });
});

describe('windows and VOI LUTs of a data set', () => {
  function ct(): DataSet {
    const ds = new DataSet();
    ds.set('WindowCenter', [40, -600, 300]);
    ds.set('WindowWidth', [80, 1500, 0]);
    ds.set('WindowCenterWidthExplanation', ['BRAIN', 'LUNG', 'BROKEN']);
    ds.set('VOILUTFunction', 'LINEAR_EXACT');
    return ds;
  }

  it('lists the windows with their explanation and function, skipping invalid ones', () => {
    expect(voiLuts(ct())).toEqual([
      { kind: 'window', center: 40, width: 80, function: 'LINEAR_EXACT', explanation: 'BRAIN' },
      { kind: 'window', center: -600, width: 1500, function: 'LINEAR_EXACT', explanation: 'LUNG' },
    ]);
  });

  it('selects by index or by Window Center & Width Explanation', () => {
    const luts = voiLuts(ct());
    expect(selectVoi(luts)).toMatchObject({ center: 40 });
    expect(selectVoi(luts, { index: 1 })).toMatchObject({ center: -600 });
    expect(selectVoi(luts, { explanation: 'lung' })).toMatchObject({ center: -600 });
    expect(selectVoi(luts, { explanation: 'bone' })).toBeUndefined();
    expect(selectVoi(luts, { index: 5 })).toBeUndefined();
  });

  it('reads the Frame VOI LUT Sequence of the frame (PS3.3 C.7.6.16.2.10)', () => {
    const ds = new DataSet();
    const frames = [10, 20].map((center) => {
      const fg = ds.createItem();
      const voi = fg.createItem();
      voi.set('WindowCenter', center);
      voi.set('WindowWidth', 100);
      fg.set('FrameVOILUTSequence', [voi]);
      return fg;
    });
    ds.set('PerFrameFunctionalGroupsSequence', frames);
    expect(voiLuts(ds, 1)).toEqual([{ kind: 'window', center: 20, width: 100 }]);
  });

  it('applies a VOI LUT Sequence table scaled from its bit depth', () => {
    const ds = new DataSet();
    const item = ds.createItem();
    item.set('LUTDescriptor', [3, 0xfffe, 12]); // first mapped -2 for signed input
    item.set('LUTData', [0, 2048, 4095]);
    item.set('LUTExplanation', 'CURVE');
    ds.set('VOILUTSequence', [item]);
    const [voi] = voiLuts(ds, 0, true);
    expect(voi).toMatchObject({ kind: 'lut', explanation: 'CURVE' });
    expect([-5, -2, -1, 0, 9].map(voiFunction(voi!, 255))).toEqual([0, 0, (2048 * 255) / 4095, 255, 255]);
  });

  it('spans the data with a LINEAR_EXACT window when the file has none', () => {
    const w = rangeWindow(-1000, 1000);
    expect(w).toMatchObject({ center: 0, width: 2000, function: 'LINEAR_EXACT' });
    expect(out(w, -1000)).toBe(0);
    expect(out(w, 1000)).toBe(255);
  });
});

describe('presets', () => {
  it('holds the documented CT windows', () => {
    const cw = Object.fromEntries(Object.entries(WINDOW_PRESETS).map(([k, p]) => [k, [p.center, p.width]]));
    expect(cw).toEqual({
      brain: [40, 80],
      subdural: [80, 200],
      stroke: [40, 40],
      lung: [-600, 1500],
      mediastinum: [50, 350],
      abdomen: [40, 400],
      liver: [30, 150],
      bone: [480, 2500],
      'soft-tissue': [50, 400],
    });
  });

  it('finds presets by loose name', () => {
    expect(windowPreset('Soft Tissue')).toMatchObject({ center: 50, width: 400, function: 'LINEAR' });
    expect(windowPreset('LUNG')).toMatchObject({ center: -600 });
    expect(windowPreset('kidney')).toBeUndefined();
  });
});

describe('Presentation LUT stage (PS3.3 C.11.6, C.7.6.3.1.2)', () => {
  it('inverts MONOCHROME1, unless a Presentation LUT Shape says otherwise', () => {
    const ds = new DataSet();
    expect(presentationInverse(ds, 'MONOCHROME1')).toBe(true);
    expect(presentationInverse(ds, 'MONOCHROME2')).toBe(false);
    ds.set('PresentationLUTShape', 'INVERSE');
    expect(presentationInverse(ds, 'MONOCHROME2')).toBe(true);
    expect(presentationInverse(ds, 'MONOCHROME1')).toBe(true);
    ds.set('PresentationLUTShape', 'IDENTITY');
    expect(presentationInverse(ds, 'MONOCHROME1')).toBe(false);
  });
});
