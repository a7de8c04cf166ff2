// concatBytes: the parts in order, in a new array of their own.
import { describe, expect, test } from 'vitest';
import { concatBytes } from '@dcmkit/core';

describe('concatBytes', () => {
  test('joins the parts in order, views included', () => {
    const backing = new Uint8Array([9, 9, 3, 4, 9]);
    expect([...concatBytes([new Uint8Array([1, 2]), backing.subarray(2, 4), new Uint8Array(0), new Uint8Array([5])])]).toEqual([1, 2, 3, 4, 5]);
  });

  test('always copies: one part gives a new array, none an empty one', () => {
    const one = new Uint8Array([7, 8]);
    const joined = concatBytes([one]);
    expect(joined).not.toBe(one);
    expect([...joined]).toEqual([7, 8]);
    expect(concatBytes([])).toHaveLength(0);
  });
});
