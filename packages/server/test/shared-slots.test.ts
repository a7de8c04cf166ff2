// Shared slots: a copy of the bytes in a free slot, none when full or too large, reuse once given back.
import { describe, expect, it } from 'vitest';
import { SharedSlots } from '../src/store/shared-slots.js';

describe('SharedSlots', () => {
  it('copies chunks into a free slot of shared memory, and reuses slots given back', () => {
    const slots = new SharedSlots(8, 2);
    const a = slots.take([new Uint8Array([1, 2]), new Uint8Array([3])], 3)!;
    expect([...a.bytes]).toEqual([1, 2, 3]);
    expect(a.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const b = slots.take([new Uint8Array(8).fill(9)], 8)!;
    expect(b.slot).not.toBe(a.slot);
    // Both slots in use: none left; and a part larger than a slot never fits.
    expect(slots.take([new Uint8Array(1)], 1)).toBeUndefined();
    slots.give(a.slot);
    expect(slots.take([new Uint8Array(9)], 9)).toBeUndefined();
    const c = slots.take([new Uint8Array([7])], 1)!;
    expect(c.slot).toBe(a.slot);
    // Slots do not overlap: b's bytes are untouched by the writes into a's slot.
    expect([...b.bytes]).toEqual(new Array(8).fill(9));
  });
});
